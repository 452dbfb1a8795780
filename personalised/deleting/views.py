"""Deleting a personalised agreement (restorable for 30 days), restoring it, and the list of the
owner's deleted agreements."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.practitioners import require_practitioner
from personalised.access import Access, get_agreement_or_404
from personalised.deleting import services as deletion
from personalised.models import RESTORE_PERIOD
from personalised.privacy import private
from personalised.records import get_active_agreement_or_404
from personalised.sharing import services as sharing


@private
def delete(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.MANAGE)
    if request.method == "POST":
        deletion.soft_delete(agreement, request.user)
        messages.success(
            request,
            _(
                "The agreement is deleted. You can restore it from “Deleted agreements” "
                "for %(days)s days."
            )
            % {"days": RESTORE_PERIOD.days},
        )
        return redirect("agreements:list")
    return TemplateResponse(
        request,
        "personalised/records/delete.html",
        {"agreement": agreement, "restore_days": RESTORE_PERIOD.days},
    )


@private
def restore(request: HttpRequest, uuid) -> HttpResponse:
    """Asks first, naming the people it was shared with and whether they get it back."""
    agreement = get_agreement_or_404(request, uuid, Access.MANAGE)
    if not agreement.is_deleted:
        return redirect(agreement)
    form = deletion.RestoreForm(request.POST or None)
    if request.method == "POST":
        deletion.restore(agreement, request.user, with_shares=form.restores_shares())
        messages.success(request, _("The agreement is restored."))
        return redirect(agreement)
    return TemplateResponse(
        request,
        "personalised/records/restore.html",
        {"agreement": agreement, "form": form, "shares": sharing.active_shares(agreement)},
    )


@private
def deleted_list(request: HttpRequest) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners have personalised agreements."))
    page = Paginator(deletion.deleted_agreements(request.user), 20).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "personalised/records/deleted_list.html",
        {"agreements_page": page, "restore_days": RESTORE_PERIOD.days},
    )

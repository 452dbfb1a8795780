"""The owner shares an agreement with other practitioners, changes what they may do, revokes."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from personalised.access import Access
from personalised.models import SharePermission
from personalised.privacy import private
from personalised.records import get_active_agreement_or_404
from personalised.sharing import services as sharing
from security import rate_limit


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


@private
def share(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.MANAGE)
    allowed = request.method != "POST" or rate_limit.allow("share", str(request.user.pk))
    form = sharing.ShareForm(request.POST or None, agreement=agreement, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["who"]
        permission = form.cleaned_data["permission"]
        if user is not None:
            sharing.share(agreement, user, permission, by=request.user)
        # The same words whether or not anyone was found: they name what the owner typed.
        who = request.POST["who"].strip()
        messages.success(request, _maybe_shared_message(permission) % {"who": who})
        return redirect("agreements:share", uuid=agreement.uuid)
    return TemplateResponse(
        request,
        "personalised/records/sharing.html",
        {
            "agreement": agreement,
            "form": form,
            "shares": sharing.active_shares(agreement),
            "permissions": SharePermission.choices,
        },
        status=200 if allowed else 429,
    )


@private
def update_share(request: HttpRequest, uuid, share_id: int) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.MANAGE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found = sharing.active_shares(agreement).filter(pk=share_id).first()
    if found is None:
        raise Http404
    form = sharing.ShareChangeForm(request.POST)
    if form.is_valid() and form.cleaned_data["revoke"]:
        sharing.revoke(found, by=request.user)
        messages.success(
            request, _("%(name)s can no longer see this agreement.") % {"name": _name(found.user)}
        )
    elif form.is_valid() and form.cleaned_data["permission"]:
        sharing.change_permission(found, form.cleaned_data["permission"], by=request.user)
        message = _shared_message(form.cleaned_data["permission"])
        messages.success(request, message % {"name": _name(found.user)})
    else:
        messages.error(request, _("Choose what they can do, or stop sharing."))
    return redirect("agreements:share", uuid=agreement.uuid)


def _maybe_shared_message(permission: str) -> str:
    if permission == SharePermission.EDIT:
        return _("If %(who)s is a practitioner on this site, they can now read and change it.")
    return _("If %(who)s is a practitioner on this site, they can now read it, but not change it.")


def _shared_message(permission: str) -> str:
    if permission == SharePermission.EDIT:
        return _("%(name)s can now read and change this agreement.")
    return _("%(name)s can now read this agreement, but not change it.")

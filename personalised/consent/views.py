"""The record-agreement page: each person in each party agrees for themselves (see
``personalised.consent.services``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from personalised.access import Access, get_agreement_or_404
from personalised.changes import changes_since_opened
from personalised.concurrency import ChangedSinceOpened
from personalised.consent.forms import ConsentForm
from personalised.consent.services import record_page_consents
from personalised.privacy import private


@private
def agree(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    consents = agreement.current_member_consents()
    form = ConsentForm(
        request.POST if request.method == "POST" else None, agreement=agreement, consents=consents
    )
    status, changes, message = 200, None, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                record_page_consents(
                    agreement, form.cleaned_data["based_on"], request.user, form.recorded()
                )
            except ChangedSinceOpened as changed:
                agreement = changed.current
                changes = changes_since_opened(agreement, form.cleaned_data["based_on"])
                consents = agreement.current_member_consents()
                form = ConsentForm(request.POST, agreement=agreement, consents=consents)
                form.is_valid()
                form.rebase(changed)
                status = 409
                message = _(
                    "Not recorded: the agreement was changed after you opened this page, so "
                    "the parties may not have agreed to what it says now. The changes are shown "
                    "below. Check them with the parties, then record their agreement again."
                )
            else:
                count = len(form.recorded())
                messages.success(
                    request,
                    ngettext(
                        "Recorded the agreement of %(count)d person.",
                        "Recorded the agreement of %(count)d people.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(agreement)
        else:
            status = 400
            message = _("Not recorded: please correct the errors.")
    return TemplateResponse(
        request,
        "personalised/agree.html",
        {
            "agreement": agreement,
            "form": form,
            "consents": [
                {"party": record.party_label, "name": record.member.name, "record": record}
                for record in consents.values()
            ],
            "changes": changes,
            "status_message": message,
        },
        status=status,
    )

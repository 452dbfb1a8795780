"""Reviewing a template update: the changes published since the agreement was forked, each
accepted, declined or left for later, with conflicts shown side by side."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from personalised.access import Access, get_agreement_or_404
from personalised.changes import changes_since_opened
from personalised.concurrency import ChangedSinceOpened
from personalised.privacy import private
from personalised.updates.display import UpdateReviewPage
from personalised.updates.services import BrokenReferences, Outcome, updates_for

HTML_TEMPLATE = "personalised/updates/review.html"


def _refused_message(refused: ChangedSinceOpened) -> str:
    if refused.template_published:
        return _(
            "Nothing was changed: the template has been published again since you "
            "opened this page. Review its changes again below."
        )
    return _(
        "Nothing was changed: someone saved this agreement after you opened this "
        "page. The changes are shown again below as they apply to the agreement now."
    )


def _outcome_message(outcome: Outcome) -> str:
    decision = outcome.decision
    parts = []
    if (
        not decision.accepted
        and not decision.declined
        and not decision.worded
        and outcome.recorded_version is None
    ):
        parts.append(_("Nothing was chosen, so nothing changed."))
    if decision.accepted:
        parts.append(
            ngettext("%(count)d change taken.", "%(count)d changes taken.", len(decision.accepted))
            % {"count": len(decision.accepted)}
        )
    if decision.worded:
        parts.append(
            ngettext(
                "%(count)d change given your combined wording.",
                "%(count)d changes given your combined wording.",
                len(decision.worded),
            )
            % {"count": len(decision.worded)}
        )
    if decision.declined:
        parts.append(
            ngettext(
                "%(count)d change declined: it will not be offered again.",
                "%(count)d changes declined: they will not be offered again.",
                len(decision.declined),
            )
            % {"count": len(decision.declined)}
        )
    if outcome.recorded_version is not None:
        parts.append(_recorded_message(outcome))
    elif decision.undecided:
        parts.append(
            ngettext(
                "%(count)d change is left to decide.",
                "%(count)d changes are left to decide.",
                len(decision.undecided),
            )
            % {"count": len(decision.undecided)}
        )
    if outcome.back_to_draft:
        parts.append(
            _(
                "The parties had agreed this agreement: it is a draft again until every party "
                "agrees to this version."
            )
        )
    return " ".join(parts)


def _recorded_message(outcome: Outcome) -> str:
    """What recording the live version means for the agreement's words: say what is true."""
    version = {"version": outcome.recorded_version}
    if outcome.declined_any and not outcome.decision.taken:
        return (
            _(
                "You declined every change from version %(version)d: the agreement keeps its "
                "own wording, and these changes will not be offered again."
            )
            % version
        )
    if outcome.declined_any:
        return (
            _(
                "Every change from version %(version)d is decided: the agreement has the ones "
                "you took, and keeps its own wording where you declined."
            )
            % version
        )
    return _("The agreement now follows version %(version)d of the template.") % version


@private
def review_updates(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    updates = updates_for(agreement)
    if request.method != "POST" or updates is None:
        message = ""
        if request.method == "POST":
            # Someone else decided every change after this page was opened.
            message = _("Nothing was changed: this agreement already follows its template.")
        page = UpdateReviewPage(agreement, updates)
        return TemplateResponse(request, HTML_TEMPLATE, page.context(message))

    page = UpdateReviewPage(agreement, updates, data=request.POST)
    if not page.form.is_valid():
        message = _("Nothing was changed: please correct the errors.")
        return TemplateResponse(request, HTML_TEMPLATE, page.context(message), status=400)
    try:
        outcome = page.save(request.user)
    except BrokenReferences as broken:
        # The form keeps the choices made, so the practitioner can change one and save again.
        return TemplateResponse(request, HTML_TEMPLATE, page.context(str(broken)), status=400)
    except ChangedSinceOpened as refused:
        # The review again, as the changes apply to the agreement and template now.
        current = get_agreement_or_404(request, uuid, Access.EDIT)
        again = UpdateReviewPage.again(current, updates_for(current), request.POST)
        changes = changes_since_opened(current, page.form.cleaned_data["based_on"])
        context = again.context(_refused_message(refused), changes_since_opened=changes)
        return TemplateResponse(request, HTML_TEMPLATE, context, status=409)
    # Back to this page, which shows what happened (and, once every change is decided, that the
    # agreement is up to date, with the way back to it).
    messages.success(request, _outcome_message(outcome))
    return redirect("agreements:updates", uuid=outcome.agreement.uuid)

"""An agreement's history: its revisions, one earlier revision, a comparison of two, restoring."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personalised import audit
from personalised import changes as agreement_changes
from personalised.access import Access, access_of
from personalised.comments import comments_for
from personalised.exports.content import agreement_numbering
from personalised.history import services as history
from personalised.people.reopening import ask_to_confirm_reopening
from personalised.privacy import private
from personalised.records import get_active_agreement_or_404
from security.printable import PrintableTextFormMixin


class CompareForm(PrintableTextFormMixin, forms.Form):
    """Which two revisions to compare: a GET form, so it works without JavaScript."""

    old = forms.TypedChoiceField(label=gettext_lazy("Compare revision"), coerce=int)
    new = forms.TypedChoiceField(label=gettext_lazy("with revision"), coerce=int)

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row.revision.pk, _label(row.number, row.revision)) for row in revisions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("Choose two different revisions to compare."))
        return data


def _label(number: int, revision) -> str:
    return _("%(number)s, %(date)s") % {
        "number": number,
        "date": date_format(localtime(revision.created_at), "j M Y, H:i"),
    }


def _numbered(agreement) -> list[history.RevisionRow]:
    """The revisions without their summaries (for the compare form), newest first."""
    numbers = history.revision_numbers(agreement)
    return [
        history.RevisionRow(numbers[revision.pk], revision, [], [], False)
        for revision in history.revisions_of(agreement)
    ]


@private
def revision_history(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revisions = history.revision_rows(agreement)
    numbers = {row.revision.pk: row.number for row in revisions}
    initial = {}
    if len(revisions) > 1:
        initial = {"old": revisions[1].revision.pk, "new": revisions[0].revision.pk}
    return TemplateResponse(
        request,
        "personalised/records/history.html",
        {
            "agreement": agreement,
            "revisions": revisions,
            "compare_form": CompareForm(initial=initial, revisions=revisions),
            # The people's comments and the practitioners' replies, in time order, each with
            # the number of the revision its writer was reading.
            "comments": [
                (comment, numbers.get(comment.revision_id)) for comment in comments_for(agreement)
            ],
        },
    )


@private
def revision_detail(request: HttpRequest, uuid, revision_id: int) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revision = history.revision_or_404(agreement, revision_id)
    earlier = history.as_agreement(revision)
    audit.record(agreement, audit.VIEW, request.user, revision=revision.pk)
    numbers = history.revision_numbers(agreement)
    return TemplateResponse(
        request,
        "personalised/records/revision.html",
        {
            "agreement": agreement,
            "revision": revision,
            "revision_number": numbers[revision.pk],
            "earlier": earlier,
            "numbering": agreement_numbering(earlier),
            "is_latest": revision.pk == agreement.latest_revision_id,
            "can_restore": Access.EDIT in access_of(request.user, agreement),
            "confirm_form": _confirm_form(agreement),
        },
    )


def _confirm_form(agreement, data=None) -> forms.Form:
    """Empty, or the tick asking to confirm that restoring undoes someone's agreement."""
    form = forms.Form(data)
    ask_to_confirm_reopening(form, agreement)
    return form


@private
def compare(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revisions = _numbered(agreement)
    form = CompareForm(request.GET or None, revisions=revisions)
    sections = None
    numbers = {row.revision.pk: row.number for row in revisions}
    if form.is_bound and form.is_valid():
        old_id, new_id = sorted([form.cleaned_data["old"], form.cleaned_data["new"]])
        old = history.revision_or_404(agreement, old_id)
        new = history.revision_or_404(agreement, new_id)
        sections = agreement_changes.changes_between(
            history.as_agreement(old), history.as_agreement(new)
        )
        audit.record(agreement, audit.VIEW, request.user, compared=[old.pk, new.pk])
        context = {"old_number": numbers[old.pk], "new_number": numbers[new.pk]}
    else:
        context = {}
    return TemplateResponse(
        request,
        "personalised/records/compare.html",
        {
            "agreement": agreement,
            "form": form,
            "sections": sections,
            "changed_sections": sections or [],
            **context,
        },
    )


@private
def restore_revision(request: HttpRequest, uuid, revision_id: int) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    revision = history.revision_or_404(agreement, revision_id)
    if revision.pk == agreement.latest_revision_id:
        messages.info(request, _("This is already the agreement as it is now."))
        return redirect("agreements:history", uuid=agreement.uuid)
    if not _confirm_form(agreement, request.POST).is_valid():
        messages.error(
            request,
            _(
                "Not restored: people have agreed to the agreement as it is now. Tick the box "
                "to confirm that they will be asked to agree again."
            ),
        )
        return redirect("agreements:revision", uuid=agreement.uuid, revision_id=revision.pk)
    restored = history.restore_revision(agreement, revision, request.user)
    messages.success(request, _restored_message(agreement, revision, restored))
    return redirect("agreements:history", uuid=agreement.uuid)


def _restored_message(agreement, revision, restored: history.Restored) -> str:
    """What restoring did, in the revision numbers the history page shows."""
    numbers = history.revision_numbers(agreement)
    old, new = numbers[revision.pk], numbers[restored.revision.pk]
    parts = [_("Revision %(old)d is restored as revision %(new)d.") % {"old": old, "new": new}]
    if restored.agreed_revision is not None:
        parts.append(
            _(
                "Every party had agreed to exactly this content, so it is agreed again: their "
                "agreement to revision %(agreed)d now stands for revision %(new)d."
            )
            % {"agreed": numbers[restored.agreed_revision], "new": new}
        )
    else:
        parts.append(
            _(
                "The parties have not all agreed to this content: it is a draft until every "
                "party agrees to it."
            )
        )
    if restored.template_changes_offered:
        parts.append(
            _(
                "The template changes taken since revision %(old)d are offered again; the ones "
                "you declined stay declined."
            )
            % {"old": old}
        )
    return " ".join(parts)

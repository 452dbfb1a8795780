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

from agreements import audit, history
from agreements.access import Access, access_of
from agreements.numbering import Numbering
from agreements.privacy import private
from security.printable import PrintableTextFormMixin

from .records import get_active_agreement_or_404


class CompareForm(PrintableTextFormMixin, forms.Form):
    """Which two revisions to compare: a GET form, so it works without JavaScript."""

    old = forms.TypedChoiceField(label=gettext_lazy("Compare revision"), coerce=int)
    new = forms.TypedChoiceField(label=gettext_lazy("with revision"), coerce=int)

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(revision.pk, _label(number, revision)) for number, revision in revisions]
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


def _numbered(agreement) -> list[tuple[int, object]]:
    """(revision number, revision), newest first: number 1 is the fork."""
    revisions = list(history.revisions_of(agreement))
    return [(len(revisions) - index, revision) for index, revision in enumerate(revisions)]


@private
def revision_history(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revisions = _numbered(agreement)
    initial = {}
    if len(revisions) > 1:
        initial = {"old": revisions[1][1].pk, "new": revisions[0][1].pk}
    return TemplateResponse(
        request,
        "agreements/personalised/records/history.html",
        {
            "agreement": agreement,
            "revisions": revisions,
            "compare_form": CompareForm(initial=initial, revisions=revisions),
        },
    )


@private
def revision_detail(request: HttpRequest, uuid, revision_id: int) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revision = history.revision_or_404(agreement, revision_id)
    earlier = history.as_agreement(revision)
    audit.record(agreement, audit.VIEW, request.user, revision=revision.pk)
    numbers = {revision.pk: number for number, revision in _numbered(agreement)}
    return TemplateResponse(
        request,
        "agreements/personalised/records/revision.html",
        {
            "agreement": agreement,
            "revision": revision,
            "revision_number": numbers[revision.pk],
            "earlier": earlier,
            "person": earlier,
            "numbering": Numbering(earlier.body),
            "is_latest": revision.pk == agreement.latest_revision_id,
            "can_restore": Access.EDIT in access_of(request.user, agreement),
        },
    )


@private
def compare(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_active_agreement_or_404(request, uuid, Access.VIEW)
    revisions = _numbered(agreement)
    form = CompareForm(request.GET or None, revisions=revisions)
    sections = None
    numbers = {revision.pk: number for number, revision in revisions}
    if form.is_bound and form.is_valid():
        old_id, new_id = sorted([form.cleaned_data["old"], form.cleaned_data["new"]])
        old = history.revision_or_404(agreement, old_id)
        new = history.revision_or_404(agreement, new_id)
        sections = history.compare_agreements(history.as_agreement(old), history.as_agreement(new))
        audit.record(agreement, audit.VIEW, request.user, compared=[old.pk, new.pk])
        context = {"old_number": numbers[old.pk], "new_number": numbers[new.pk]}
    else:
        context = {}
    return TemplateResponse(
        request,
        "agreements/personalised/records/compare.html",
        {
            "agreement": agreement,
            "form": form,
            "sections": sections,
            "changed_sections": [s for s in sections or [] if s.status != history.UNCHANGED],
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
    history.restore_revision(agreement, revision, request.user)
    messages.success(
        request,
        _("The earlier revision is restored, as a new revision. The ones in between are kept."),
    )
    return redirect("agreements:history", uuid=agreement.uuid)

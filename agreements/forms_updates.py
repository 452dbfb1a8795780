"""The review of a template update: one choice per change, and the versions it was opened on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from security.printable import PrintableTextFormMixin

from .updates import Change

ACCEPT = "accept"
DECLINE = "decline"
LATER = "later"


def _choices(change: Change) -> list[tuple[str, str]]:
    if change.conflict:
        return [
            (ACCEPT, _("Take the template’s new version")),
            (DECLINE, _("Keep mine")),
            (LATER, _("Decide later")),
        ]
    return [(ACCEPT, _("Accept")), (DECLINE, _("Decline")), (LATER, _("Decide later"))]


class UpdateReviewForm(PrintableTextFormMixin, forms.Form):
    """Each change is accepted, declined or left for later (the default): nothing is taken
    that the practitioner did not choose, and a conflict is only resolved by a choice."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    live_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, changes: list[Change], based_on, live_revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("based_on", based_on)
        self.initial.setdefault("live_revision", live_revision)
        self.changes = changes
        for change in changes:
            self.fields[self.field_name(change)] = forms.ChoiceField(
                label=_("Your choice"),
                choices=_choices(change),
                initial=LATER,
                required=False,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(change: Change) -> str:
        return f"change-{change.token}"

    def _tokens(self, choice: str) -> list[str]:
        return [
            change.token
            for change in self.changes
            if self.cleaned_data.get(self.field_name(change)) == choice
        ]

    def accepted(self) -> list[str]:
        if self.data.get("accept_all_clear"):
            # "Accept every change that is not a conflict": conflicts still need their choice.
            chosen = set(self._tokens(ACCEPT))
            return [
                change.token
                for change in self.changes
                if change.token in chosen
                or (
                    not change.conflict
                    and self.cleaned_data.get(self.field_name(change)) != DECLINE
                )
            ]
        return self._tokens(ACCEPT)

    def declined(self) -> list[str]:
        return self._tokens(DECLINE)

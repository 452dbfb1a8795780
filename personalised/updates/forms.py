"""The review of a template update: one choice per change, and the versions it was opened on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.personalising import as_written, personalise_for
from personalised.updates.changes import Change
from security.printable import PrintableTextFormMixin

ACCEPT = "accept"
DECLINE = "decline"
COMBINE = "combine"
LATER = "later"


def _choices(change: Change, combinable: bool) -> list[tuple[str, str]]:
    if change.conflict:
        return [
            (ACCEPT, _("Take the template’s new version")),
            (DECLINE, _("Keep mine")),
            *([(COMBINE, _("Edit a combined wording"))] if combinable else []),
            (LATER, _("Decide later")),
        ]
    return [(ACCEPT, _("Accept")), (DECLINE, _("Decline")), (LATER, _("Decide later"))]


def _for_the_person(text: str, agreement) -> str:
    """A template's words as the agreement reads them, to start a combined wording from."""
    if agreement is None:
        return as_written(text)
    return personalise_for(text, agreement)


class UpdateReviewForm(PrintableTextFormMixin, forms.Form):
    """Each change is accepted, declined or left for later (the default): nothing is taken
    that the practitioner did not choose, and a conflict is only resolved by a choice."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    live_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        changes: list[Change],
        based_on,
        live_revision,
        combinable: dict[str, int] | None = None,
        agreement=None,
        **kwargs,
    ):
        """``combinable``: the changes (by token) that may be given a combined wording, with
        the longest it may be. ``agreement``: the personalised agreement, whose person's name
        and pronouns the combined wording starts with in place of the template's blank and
        markers."""
        super().__init__(*args, **kwargs)
        self.initial.setdefault("based_on", based_on)
        self.initial.setdefault("live_revision", live_revision)
        self.changes = changes
        self.combinable = combinable or {}
        for change in changes:
            self.fields[self.field_name(change)] = forms.ChoiceField(
                label=_("Your choice"),
                choices=_choices(change, change.token in self.combinable),
                initial=LATER,
                required=False,
                widget=forms.RadioSelect,
            )
            if change.token in self.combinable:
                # Starts from both wordings, the agreement's then the template's new one.
                self.fields[self.combined_name(change)] = forms.CharField(
                    label=_("Your combined wording"),
                    help_text=_("Used only if you choose “Edit a combined wording”."),
                    max_length=self.combinable[change.token],
                    required=False,
                    initial="\n".join(
                        _for_the_person(text, agreement) for text in (change.current, change.new)
                    ),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    @staticmethod
    def field_name(change: Change) -> str:
        return f"change-{change.token}"

    @staticmethod
    def combined_name(change: Change) -> str:
        return f"combined-{change.token}"

    def clean(self):
        cleaned_data = super().clean()
        for change in self.changes:
            if cleaned_data.get(self.field_name(change)) != COMBINE:
                continue
            name = self.combined_name(change)
            if name not in self.fields:
                self.add_error(self.field_name(change), _("This change cannot be combined."))
            elif not cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, _("Write the combined wording, or choose another option."))
        return cleaned_data

    def combined(self) -> list[tuple[str, str]]:
        """(token, the practitioner's combined wording) for each change they combined."""
        return [
            (change.token, self.cleaned_data[self.combined_name(change)])
            for change in self.changes
            if self.cleaned_data.get(self.field_name(change)) == COMBINE
        ]

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

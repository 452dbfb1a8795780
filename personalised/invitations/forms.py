"""The form on the short link of a printed letter: the letter's code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from personalised.invitations.landing import Followed, Refusal
from personalised.invitations.tokens import CODE_LENGTH, normalise_code
from security.printable import PrintableTextFormMixin


def refusal_message(followed: Followed) -> str:
    """What the person can do about a code or link that does not let them in."""
    ask = {"name": followed.ask}
    if followed.refusal is Refusal.EXPIRED:
        return _("This code has expired. Ask %(name)s for a new letter or link.") % ask
    if followed.refusal is Refusal.REVOKED:
        return _("This code has been cancelled. Ask %(name)s for a new letter or link.") % ask
    if followed.refusal is Refusal.USED:
        return (
            _(
                "This code has already been used to open the agreement. Each code works once, "
                "on one device. Ask %(name)s for a new letter or link."
            )
            % ask
        )
    return _(
        "This code does not match an invitation. Check it against your letter: it has 12 "
        "letters and numbers."
    )


class CodeForm(PrintableTextFormMixin, forms.Form):
    code = forms.CharField(
        label=_("The code on your letter"),
        help_text=_("12 letters and numbers, such as ACDE-FGHJ-KMNP. Capitals do not matter."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Type all 12 letters and numbers of the code on your letter.")
            )
        return code

    def refuse(self, followed: Followed) -> None:
        self.add_error("code", refusal_message(followed))

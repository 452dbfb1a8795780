"""The invitee's forms: a comment ("I'd like this changed") and their agreement, an electronic
signature (their typed name and the tick, bound to the revision they read)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from personalised.editing.forms import BasedOnMixin
from security.printable import PrintableTextFormMixin

#: As long as AgreementComment.text may be.
COMMENT_MAX_LENGTH = 2000


class CommentForm(PrintableTextFormMixin, forms.Form):
    """What they would like changed, and which part of the agreement it is about."""

    block = forms.ChoiceField(label=_("What is it about?"), required=False)
    text = forms.CharField(
        label=_("What would you like changed?"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say what you would like to be different, and why if you like. The practitioner "
            "who looks after the agreement reads it, and it is kept with the agreement."
        ),
        error_messages={"required": _("Write what you would like changed.")},
    )

    def __init__(self, *args, parts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [("", _("The whole agreement")), *parts]


class InviteeConsentForm(BasedOnMixin):
    """Their own agreement to the version they read."""

    typed_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("Type your name: it is your signature."),
        error_messages={"required": _("Type your name to agree.")},
    )
    agree = forms.BooleanField(
        label=_("I agree to this version"),
        error_messages={"required": _("Tick the box to say you agree to this version.")},
    )
    supported_by = forms.CharField(
        label=_("With support from (optional)"),
        max_length=120,
        required=False,
        help_text=_("The name of anyone who helped you read it and agree, if someone did."),
    )

    def clean_typed_name(self) -> str:
        name = self.cleaned_data["typed_name"].strip()
        if not name:
            raise forms.ValidationError(_("Type your name to agree."))
        return name

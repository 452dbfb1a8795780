"""The people page's forms: one person in a party, added or changed."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from personalised.exports.formats import CopyFormat
from personalised.models import PartyMember, PersonalisedAgreement
from security.printable import PrintableTextFormMixin


class MemberForm(PrintableTextFormMixin, forms.ModelForm):
    """Who someone is in a party and how they like to read the agreement. Adding someone
    also asks which party; the person's own name is changed in the person's details."""

    party = forms.ChoiceField(label=_("Party"))

    class Meta:
        model = PartyMember
        fields = ["party", "name", "role", "email", "language", "preferred_format"]

    def __init__(self, *args, agreement: PersonalisedAgreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["name"].help_text = _("Their full name, as they would sign it.")
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            required=False,
            choices=[("", _("The agreement’s language")), *settings.LANGUAGES],
            help_text=_("The language the site speaks to them in."),
        )
        self.fields["preferred_format"] = forms.ChoiceField(
            label=_("How they like to read it"), choices=CopyFormat.choices
        )
        if self.instance.pk is None:
            self.fields["party"].choices = [
                (party.key, party.label) for party in agreement.party_list()
            ]
        else:
            del self.fields["party"]
            if self.instance.is_the_person:
                del self.fields["name"]

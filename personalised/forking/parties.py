"""The party fields of the "Use this template" and details forms: one per party the template
declares. An organisation gives its name; a party of people gives their names, one per line
(the person, asked for once as the person, is counted in a party that includes them).

Kept apart from the forms so that other fields (the template's blanks) can be added beside
them without the forms knowing about either.
"""

from collections.abc import Iterable
from dataclasses import replace

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from personalised.models import AgreementParty, PartyKind

MAX_ORGANISATION_LENGTH = 255
MAX_PERSON_NAME_LENGTH = 120
MAX_PEOPLE_LENGTH = 1000
MAX_PEOPLE = 20
FIELD_PREFIX = "party-"


def field_name(key: str) -> str:
    return f"{FIELD_PREFIX}{key}"


def _people_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PeopleField(forms.CharField):
    """Names, one per line: each a name of a sensible length, and not too many."""

    def clean(self, value):
        value = super().clean(value)
        names = _people_lines(value)
        if len(names) > MAX_PEOPLE:
            raise ValidationError(
                _("Name at most %(count)d people, one per line.") % {"count": MAX_PEOPLE}
            )
        for name in names:
            if len(name) > MAX_PERSON_NAME_LENGTH:
                raise ValidationError(
                    _("Each name can be at most %(length)d characters.")
                    % {"length": MAX_PERSON_NAME_LENGTH}
                )
        return names


def party_field(party: AgreementParty, help_text: str = "") -> forms.Field:
    """The field that asks who ``party`` is."""
    if party.kind == PartyKind.PEOPLE:
        if party.includes_the_person:
            default_help = _(
                "The person is part of this party already: name anyone else in it (such as "
                "family members), one per line."
            )
        else:
            default_help = _("One name per line.")
        return PeopleField(
            label=party.label,
            required=not party.includes_the_person,
            max_length=MAX_PEOPLE_LENGTH,
            help_text=help_text or default_help,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return forms.CharField(
        label=party.label,
        max_length=MAX_ORGANISATION_LENGTH,
        help_text=help_text or _("The organisation’s name."),
    )


def add_party_fields(
    form: forms.BaseForm, parties: Iterable[AgreementParty], help_texts: dict | None = None
) -> list[str]:
    """Add a field per party to ``form``, its initial value who the party is (but the person);
    returns the fields' names, in order."""
    names = []
    for party in parties:
        name = field_name(party.key)
        form.fields[name] = party_field(party, (help_texts or {}).get(party.key, ""))
        if party.names:
            names_shown = party.other_names
            form.initial.setdefault(
                name, "\n".join(names_shown) if party.kind == PartyKind.PEOPLE else party.who
            )
        names.append(name)
    return names


def typed_parties(form: forms.BaseForm, parties: Iterable[AgreementParty]) -> dict[str, list[str]]:
    """Who each party is, as typed: {key: [names]} (the person not included)."""
    typed = {}
    for party in parties:
        value = form.cleaned_data.get(field_name(party.key))
        if isinstance(value, list):
            typed[party.key] = value
        else:
            typed[party.key] = [value] if value else []
    return typed


def declared(template_page) -> list[AgreementParty]:
    """A template's declared parties, before anyone is named."""
    return [
        AgreementParty.from_data({**party, "names": []})
        for party in template_page.declared_parties()
    ]


def with_names(
    parties: Iterable[AgreementParty], typed: dict[str, list[str]], person_name: str
) -> list[dict]:
    """The agreement's parties with who each is now (the person first where included)."""
    result = []
    for party in parties:
        names = list(typed.get(party.key, []))
        if party.includes_the_person:
            names = [person_name, *names]
        result.append(replace(party, names=tuple(names)).as_data())
    return result

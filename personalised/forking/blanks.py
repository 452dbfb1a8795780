"""The form fields for a template's blanks, in the "Use this template" and details forms.

Each declared blank other than the person's name (which the forms ask for as the person's name
and how to refer to them) becomes one typed field, named ``blank__<key>``, with the declared
label, help text and whether it is required. The values are kept as strings (see
``PersonalisedAgreement.blanks``).
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.blanks import Blank, BlankKind

FIELD_PREFIX = "blank__"
MAX_TEXT_LENGTH = 1000
MAX_NAME_LENGTH = 255
MAX_MONEY = Decimal("9999999999.99")
# A date of birth can be long ago; a date further off than these is a typing mistake.
EARLIEST_BLANK_DATE = datetime.date(1900, 1, 1)
LATEST_BLANK_DATE = datetime.date(2100, 12, 31)


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _validate_blank_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST_BLANK_DATE <= value <= LATEST_BLANK_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_BLANK_DATE.year, "latest": LATEST_BLANK_DATE.year}
        )


def asked_blanks(declarations: Mapping[str, Blank]) -> list[Blank]:
    """The blanks the forms ask for: all but the person's name."""
    return [blank for blank in declarations.values() if not blank.is_person_name]


def field_name(blank: Blank) -> str:
    return f"{FIELD_PREFIX}{blank.key}"


def blank_field(blank: Blank) -> forms.Field:
    """One typed form field for a declared blank."""
    common = {
        "label": blank.label or blank.key,
        "help_text": blank.help_text,
        "required": blank.required,
    }
    if blank.kind == BlankKind.DATE:
        return forms.DateField(widget=_DateInput, validators=[_validate_blank_date], **common)
    if blank.kind == BlankKind.MONEY:
        return forms.DecimalField(
            min_value=Decimal(0),
            max_value=MAX_MONEY,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if blank.kind == BlankKind.ADDRESS:
        return forms.CharField(
            max_length=MAX_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if blank.kind == BlankKind.CHOICE:
        return forms.ChoiceField(
            choices=[(choice, choice) for choice in blank.choices],
            widget=forms.RadioSelect,
            **common,
        )
    if blank.kind == BlankKind.OTHER_NAME:
        return forms.CharField(max_length=MAX_NAME_LENGTH, **common)
    return forms.CharField(max_length=MAX_TEXT_LENGTH, **common)


def _initial(blank: Blank, value) -> object:
    if value in (None, ""):
        return None
    if blank.kind == BlankKind.DATE:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return None
    if blank.kind == BlankKind.MONEY:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return value


def add_blank_fields(
    form: forms.BaseForm, declarations: Mapping[str, Blank], values: Mapping | None = None
) -> list[str]:
    """Add a field per asked blank to the form, filled with the values already given; return
    their names in order (for the template to show them)."""
    names = []
    for blank in asked_blanks(declarations):
        name = field_name(blank)
        form.fields[name] = blank_field(blank)
        form.initial.setdefault(name, _initial(blank, (values or {}).get(blank.key)))
        names.append(name)
    return names


def as_stored(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value).strip()


def blank_values(
    cleaned_data: Mapping, declarations: Mapping[str, Blank], keep: Mapping | None = None
) -> dict[str, str]:
    """The values the form was given, {key: string}; a blank left empty is left out. Values
    in ``keep`` that the form did not ask for (a blank no longer declared) are kept."""
    asked = asked_blanks(declarations)
    asked_keys = {blank.key for blank in asked}
    values = {key: value for key, value in (keep or {}).items() if key not in asked_keys}
    for blank in asked:
        value = cleaned_data.get(field_name(blank))
        if value is None or as_stored(value) == "":
            continue
        values[blank.key] = as_stored(value)
    return values


def take_new_declarations(agreement, revision_id: int | None) -> bool:
    """Add to the agreement the blanks a template revision declares that it does not have yet
    (a template update may place a new blank in the text it brings); the ones it has keep the
    words it was agreed with. Return whether any was added."""
    import json

    from wagtail.models import Revision

    from agreements.blanks import declarations_as_data, declarations_from_data, declared_blanks

    revision = Revision.objects.filter(pk=revision_id).only("content").first()
    if revision is None:
        return False
    stored = revision.content.get("blanks") or []
    live = declared_blanks(json.loads(stored) if isinstance(stored, str) else stored)
    current = declarations_from_data(agreement.blank_declarations)
    added = {key: blank for key, blank in live.items() if key not in current}
    if not added:
        return False
    agreement.blank_declarations = declarations_as_data({**current, **added})
    return True

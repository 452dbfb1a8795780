"""Blanks: typed fill-in fields that editors declare on a template and place in its text.

A template declares its blanks (``TemplatePage.blanks``: key, label, kind, help text, whether
required, choices) and places one in any text that may name the person by writing its key in
double square brackets: ``[[date-of-birth]]``. ``_____`` stays the person's-name blank, so
existing content and translations keep working; a declared blank of the kind "person's name"
placed as ``[[name]]`` reads the same as ``_____``, with the same grammar ("Sam's home").

A template page shows each placed blank as a visible gap, labelled for screen readers. A
personalised agreement keeps the values in ``PersonalisedAgreement.blanks`` (``{key: value}``,
strings: an ISO date for a date, a decimal for money) and a copy of the declarations it was
forked with (``blank_declarations``); :class:`FilledBlanks` shows each value in the agreement's
language, and a blank not filled in as "[Weekly amount: not filled in]", never as "None" or
nothing.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PERSON_BLANK = "_____"

#: A placed blank: its key in double square brackets, ``[[weekly-amount]]``.
BLANK_MARKER_RE = re.compile(r"\[\[(?P<key>[-a-zA-Z0-9_]+)\]\]")
# Anything in double square brackets, to tell a mistyped key from a placed blank.
_BRACKETED_RE = re.compile(r"\[\[(?P<inside>[^\[\]]*)\]\]")


class BlankKind(models.TextChoices):
    PERSON_NAME = "person_name", _("The person’s name")
    OTHER_NAME = "other_name", _("Another person’s name")
    DATE = "date", _("Date")
    MONEY = "money", _("Amount of money")
    ADDRESS = "address", _("Address")
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")


@dataclass(frozen=True)
class Blank:
    """One declared blank."""

    key: str
    label: str
    kind: str = BlankKind.TEXT
    help_text: str = ""
    required: bool = False
    choices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_person_name(self) -> bool:
        return self.kind == BlankKind.PERSON_NAME


def blank_from_value(value: Mapping) -> Blank:
    """A declaration from a BlankBlock's value or its stored (raw) data."""
    return Blank(
        key=str(value.get("key") or ""),
        label=str(value.get("label") or ""),
        kind=str(value.get("kind") or BlankKind.TEXT),
        help_text=str(value.get("help_text") or ""),
        required=bool(value.get("required")),
        choices=tuple(
            str(item.get("value", "") if isinstance(item, Mapping) else item)
            for item in (value.get("choices") or [])
            if (item.get("value", "") if isinstance(item, Mapping) else item)
        ),
    )


def declared_blanks(stream: Iterable) -> dict[str, Blank]:
    """The declarations in a ``blanks`` stream (a StreamValue, or its raw data as a list of
    dicts), by key; the first of two with one key wins (the page refuses the second on save)."""
    declarations: dict[str, Blank] = {}
    for child in stream or []:
        value = child.get("value") if isinstance(child, Mapping) else child.value
        blank = blank_from_value(value or {})
        if blank.key:
            declarations.setdefault(blank.key, blank)
    return declarations


def declarations_as_data(declarations: Mapping[str, Blank]) -> list[dict]:
    """Declarations as JSON data, as a personalised agreement keeps them."""
    return [
        {
            "key": blank.key,
            "label": blank.label,
            "kind": blank.kind,
            "help_text": blank.help_text,
            "required": blank.required,
            "choices": list(blank.choices),
        }
        for blank in declarations.values()
    ]


def declarations_from_data(data: Iterable[Mapping] | None) -> dict[str, Blank]:
    return {
        blank.key: blank for blank in (blank_from_value(item) for item in data or []) if blank.key
    }


def fallback_label(key: str) -> str:
    """A label for a placed blank that has no declaration (one removed from the template
    since): its key in words."""
    return key.replace("-", " ").replace("_", " ").strip().capitalize()


def placed_keys(text: str) -> list[str]:
    """The keys of the blanks placed in ``text``, in order."""
    if not text or "[[" not in text:
        return []
    return [match.group("key") for match in BLANK_MARKER_RE.finditer(text)]


def blank_problems(text: str, declared: Iterable[str]) -> list[str]:
    """What is wrong with the blanks placed in ``text``, in words an editor can act on: a key
    in brackets that is not a key, brackets not closed, or a key no blank declares."""
    if not text or ("[[" not in text and "]]" not in text):
        return []
    declared = set(declared)
    problems: list[str] = []
    for match in _BRACKETED_RE.finditer(text):
        inside = match.group("inside")
        if BLANK_MARKER_RE.fullmatch(match.group(0)) is None:
            problems.append(
                gettext(
                    "“%(marker)s” is not a blank. Write the key of a declared blank in double "
                    "square brackets, such as [[date-of-birth]]: letters, numbers, hyphens and "
                    "underscores only."
                )
                % {"marker": match.group(0)}
            )
        elif inside not in declared:
            problems.append(
                gettext(
                    "No blank has the key “%(key)s”. Declare it under Blanks, or correct the key."
                )
                % {"key": inside}
            )
    rest = _BRACKETED_RE.sub("", text)
    if "[[" in rest or "]]" in rest:
        problems.append(
            gettext(
                "Double square brackets are not closed or not opened. Place a blank as "
                "[[key]], with two brackets each side."
            )
        )
    return problems


def with_person_blanks(text: str, declarations: Mapping[str, Blank]) -> str:
    """The text with each placed person's-name blank written as ``_____``, so that it reads,
    and takes the grammar, exactly as ``_____`` does."""
    if not text or "[[" not in text:
        return text

    def replace(match: re.Match) -> str:
        blank = declarations.get(match.group("key"))
        return PERSON_BLANK if blank and blank.is_person_name else match.group(0)

    return BLANK_MARKER_RE.sub(replace, text)


# ----------------------------------------------------------------------------- values


def format_money(value: str) -> str:
    """A stored decimal as pounds: "£1,234.50"."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"£{amount:,.2f}"


def format_date(value: str, language: str) -> str:
    """A stored ISO date in the language of the agreement: "1 March 2027"."""
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    with translation.override(language):
        # "E" is the month's name as it follows a day (Polish "1 marca"), "F" elsewhere.
        return date_format(day, "j E Y")


def format_address(value: str) -> str:
    """An address typed one line per line, as it reads in a sentence: "1 High Street, Ipswich"."""
    lines = [line.strip().strip(",").strip() for line in str(value).splitlines()]
    return ", ".join(line for line in lines if line)


def format_value(blank: Blank, value: str, language: str) -> str:
    if blank.kind == BlankKind.MONEY:
        return format_money(value)
    if blank.kind == BlankKind.DATE:
        return format_date(value, language)
    if blank.kind == BlankKind.ADDRESS:
        return format_address(value)
    return " ".join(str(value).split())


def unfilled_text(label: str) -> str:
    return gettext("[%(label)s: not filled in]") % {"label": label}


class FilledBlanks:
    """A personalised agreement's blanks: what each placed blank reads as."""

    def __init__(
        self,
        declarations: Mapping[str, Blank],
        values: Mapping[str, object] | None,
        language: str,
    ) -> None:
        self.declarations = dict(declarations)
        self.values = dict(values or {})
        self.language = language

    @classmethod
    def for_agreement(cls, agreement) -> "FilledBlanks":
        return cls(
            declarations_from_data(getattr(agreement, "blank_declarations", None)),
            getattr(agreement, "blanks", None),
            agreement.language,
        )

    def blank(self, key: str) -> Blank:
        return self.declarations.get(key) or Blank(key=key, label=fallback_label(key))

    def text(self, key: str) -> str | None:
        """The value as it reads, or None when it is not filled in."""
        value = self.values.get(key)
        if value is None or str(value).strip() == "":
            return None
        return format_value(self.blank(key), str(value), self.language) or None

    def plain(self, key: str) -> str:
        """The value as it reads, or the gap with the blank's label: "[Weekly amount: not
        filled in]"."""
        filled = self.text(key)
        return filled if filled is not None else unfilled_text(self.blank(key).label)


def gap_html(text: str) -> SafeString:
    return format_html('<span class="blank-gap">{}</span>', text)


def template_blank_html(label: str) -> SafeString:
    """A placed blank on a template page: a visible gap like the person's-name blank, with its
    label for screen readers."""
    return format_html(
        '<span class="person-blank"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        PERSON_BLANK,
        gettext("(%(label)s)") % {"label": label},
    )


class TemplateBlanks:
    """A template page's declared blanks, for showing placed blanks on the page itself. It is
    passed where block templates pass a personalised agreement (``agreement`` in the context),
    so it is false: the page names no person."""

    def __init__(self, declarations: Mapping[str, Blank]) -> None:
        self.declarations = dict(declarations)

    def __bool__(self) -> bool:
        return False

    def label(self, key: str) -> str:
        blank = self.declarations.get(key)
        return blank.label if blank and blank.label else fallback_label(key)


def validate_blank_key(value: str) -> None:
    if not BLANK_MARKER_RE.fullmatch(f"[[{value}]]"):
        raise ValidationError(
            _("Use letters, numbers, hyphens and underscores only, such as “date-of-birth”.")
        )

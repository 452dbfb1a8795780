"""Text that can be shown, printed and exported: no control characters, no noncharacters.

C0 control characters other than tab, newline and carriage return (backspace, vertical tab,
escape, ...) and Unicode's noncharacters (U+FFFE, U+FFFF, ...) show as nothing or as boxes, and
XML, so a DOCX, cannot hold them at all. Every text field of the site's forms refuses them
(``PrintableTextFormMixin``), and the exports drop any that are already stored
(``strip_unprintable``).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
# NUL is left out: Django's CharField refuses it already, with a message of its own.
_UNPRINTABLE_RE = re.compile(f"[\x01-\x08\x0b\x0c\x0e-\x1f{_NONCHARACTERS}]")
# What XML 1.0 cannot hold at all (NUL and lone surrogates too), for the exports.
_NOT_XML_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff{_NONCHARACTERS}]")


def strip_unprintable(text: str) -> str:
    """The text without any character an XML document (a DOCX) cannot hold."""
    return _NOT_XML_RE.sub("", text)


def validate_printable(value: object) -> None:
    """Refuse text with a control character or a noncharacter, naming it."""
    found = _UNPRINTABLE_RE.search(str(value))
    if found:
        raise ValidationError(
            _(
                "This has a hidden character that cannot be shown or printed (%(character)s), "
                "perhaps pasted in with the text. Remove it and try again."
            ),
            code="unprintable",
            params={"character": f"U+{ord(found.group()):04X}"},
        )


class PrintableTextFormMixin:
    """Every text field of the form (``CharField`` and its kinds, such as ``EmailField``)
    refuses unprintable characters, with a message at the field. Fields added after the form
    is made (per party, per area) are included: the check is added when the form is cleaned."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_printable not in field.validators:
                field.validators.append(validate_printable)
        super().full_clean()

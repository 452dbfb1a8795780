"""Database ids from URLs and query strings.

An id past the largest a database integer can hold ("/agreements/new/99999999999999999999/")
cannot name anything, but looking it up fails on SQLite (OverflowError) and may on other
databases. These read such an id as naming nothing: a 404, or "not one of the choices" at the
field.
"""

from django import forms
from django.urls.converters import IntConverter

#: The largest id of a BigAutoField, and the largest integer SQLite stores.
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """The id a value names (a whole number from 1 to ``MAX_ID``), or None."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


class IdConverter(IntConverter):
    """``<id:name>`` in a URL: an int converter that does not match an out-of-range id."""

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL does not match: a 404
        return number


class IdChoiceField(forms.ModelChoiceField):
    """A model choice by id that refuses an out-of-range id as it refuses any unknown one."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)

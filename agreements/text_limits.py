"""Text blocks whose length limit is said in the help text and enforced at the field on save.

A browser silently cuts pasted or typed text at an input's ``maxlength`` attribute, so the
editor never learns that words were lost. These blocks leave that attribute off: over-long text
reaches the server and is refused with a message at the field, and nothing is cut.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def _stated_limit(help_text, max_length: int | None):
    if max_length is None:
        return help_text
    limit = format_lazy(_("At most {limit} characters."), limit=max_length)
    return format_lazy("{} {}", help_text, limit) if help_text else limit


def _without_maxlength(field):
    field.widget.attrs.pop("maxlength", None)
    return field


class CharBlock(blocks.CharBlock):
    def __init__(self, *args, help_text=None, max_length=None, **kwargs):
        super().__init__(
            *args, help_text=_stated_limit(help_text, max_length), max_length=max_length, **kwargs
        )
        _without_maxlength(self.field)


class TextBlock(blocks.TextBlock):
    def __init__(self, *args, help_text=None, max_length=None, **kwargs):
        super().__init__(
            *args, help_text=_stated_limit(help_text, max_length), max_length=max_length, **kwargs
        )

    @cached_property
    def field(self):
        return _without_maxlength(super().field)


class StatedLimitsFormMixin:
    """A form whose length-limited text fields say their limit in the help text and leave the
    browser's ``maxlength`` off, so over-long input is refused at the field, never cut."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and field.max_length
                and not field.widget.is_hidden
            ):
                field.help_text = _stated_limit(field.help_text, field.max_length)
                _without_maxlength(field)

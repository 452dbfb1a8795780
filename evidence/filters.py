"""The report's filters: one version or all, one language or all, and whole calendar months
from and to (a date range snapped to months, as the counts are stored per month)."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from evidence.report import Filters

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month as the browser's month input sends it (YYYY-MM): the first day of that month."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def to_python(self, value) -> date | None:
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _MONTH.match(value)
        try:
            if match is None:
                raise ValueError(value)
            return date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise forms.ValidationError(
                _("Give a month as year and month, such as 2026-03."), code="invalid"
            ) from None


class EvidenceFilterForm(forms.Form):
    version = forms.TypedChoiceField(
        label=_("Version"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    from_month = MonthField(label=_("From month"), required=False)
    to_month = MonthField(label=_("To month"), required=False)

    def __init__(self, *args, version_numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", _("All versions"))] + [
            (number, _("Version %(number)s") % {"number": number}) for number in version_numbers
        ]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("from_month"), cleaned_data.get("to_month")
        if start and end and start > end:
            self.add_error("to_month", _("The last month comes before the first."))
        return cleaned_data

    def filters(self) -> Filters:
        """The valid filters; none (everything) when the form is not valid."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            version=data["version"],
            language=data["language"],
            from_month=data["from_month"],
            to_month=data["to_month"],
        )

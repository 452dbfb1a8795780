"""Spreadsheet exports that a spreadsheet program never runs.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one)
is read as a formula by Excel, LibreOffice and Google Sheets when a CSV is opened: practitioners'
words could then fetch addresses or run commands on an editor's computer. As OWASP advises
("CSV Injection"), such a cell is prefixed with a single quote, which shows the text as text.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: Any) -> Any:
    """The value, with a quote before it if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class InertCsvExportMixin:
    """For Wagtail's listing views with ``list_export`` (``SpreadsheetExportMixin``): every
    cell of the CSV export is made inert. (Wagtail's XLSX export already stores text that
    looks like a formula as text.)"""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        return inert_cell(value) if export_format == self.FORMAT_CSV else value

    def get_heading(self, queryset, field: str) -> str:
        return inert_cell(super().get_heading(queryset, field))

"""The report's aggregates as CSV: exactly the figures the page shows for the same filters,
suppressed and rounded, one row per figure, every cell inert in a spreadsheet."""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from evidence.report import Shown, TemplateEvidence
from security.spreadsheets import inert_cell


def rows(report: TemplateEvidence) -> Iterator[list[str]]:
    """(section, party, item, measure, figure) for every figure of the report."""
    yield [_("Section"), _("Party"), _("Item"), _("Measure"), _("Agreements")]

    def row(section: str, party: str, item: str, measure: str, figure: Shown) -> list[str]:
        return [section, party, item, measure, figure.label]

    whole = _("Whole template")
    yield row(whole, "", "", _("agreements"), report.agreements)
    yield row(whole, "", "", _("agreed by every party"), report.agreed_by_all)
    for label, figure in report.agreed:
        yield row(whole, "", "", str(label), figure)
    yield row(whole, "", "", _("sections added"), report.added_sections)
    yield row(whole, "", "", _("feedback"), report.feedback)
    for block in report.blocks:
        yield row(block.heading, "", "", _("kept as written"), block.kept)
        yield row(block.heading, "", "", _("reworded"), block.reworded)
        yield row(block.heading, "", "", _("removed"), block.removed)
        yield row(block.heading, "", "", _("agreements with this section"), block.total)
        yield row(block.heading, "", "", _("not relevant"), block.not_relevant)
        yield row(block.heading, "", "", _("feedback"), block.feedback)
        for party, figure in block.added:
            yield row(block.heading, party, "", _("prompts added"), figure)
        for item in block.items:
            yield row(block.heading, item.party, item.label, _("kept as written"), item.kept)
            yield row(block.heading, item.party, item.label, _("reworded"), item.reworded)
            yield row(block.heading, item.party, item.label, _("removed"), item.removed)
    for wording in report.wordings:
        yield row(
            wording.heading, wording.party, wording.text, _("wording added"), wording.agreements
        )


def as_csv(report: TemplateEvidence) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for cells in rows(report):
        writer.writerow([inert_cell(str(cell)) for cell in cells])
    return out.getvalue()

"""Filling in a personalised agreement for the export tests, as the editor's forms would save it,
and reading a DOCX back."""

import io
import uuid

from docx import Document

from personalised.models import PersonalisedAgreement


def fill_areas(agreement: PersonalisedAgreement, areas: dict[int, dict]) -> PersonalisedAgreement:
    """Set fields of the agreement's areas (by position among the areas): ``relevant``,
    ``this_means`` (HTML) and ``actions`` (dicts of who, what, by_when), and save a revision."""
    data = agreement.body.stream_block.get_prep_value(agreement.body)
    area_data = [block for block in data if block["type"] == "area"]
    for index, changes in areas.items():
        value = area_data[index]["value"]
        for key, new in changes.items():
            if key == "actions":
                new = [{"type": "item", "value": action, "id": str(uuid.uuid4())} for action in new]
            value[key] = new
    agreement.body = data
    agreement.save()
    agreement.save_revision(user=agreement.owner)
    return agreement


def docx_text(content: bytes) -> str:
    """Every paragraph of a DOCX, body and table cells, one per line."""
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(lines)

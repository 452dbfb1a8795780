"""Templates as structured data for the read-only API: areas with their parts, clauses with
their computed numbers."""

from typing import Any

from rest_framework import serializers
from wagtail.blocks import StreamValue

from agreements.markers import as_written
from agreements.numbering import Numbering


def written(data: Any) -> Any:
    """API data with every string's pronoun markers as written, as the public page shows
    them: a client reads the template's words, never the editors' markers."""
    if isinstance(data, str):
        return as_written(data)
    if isinstance(data, dict):
        return {key: written(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [written(value) for value in data]
    return data


def _content(content: StreamValue, numbering: Numbering) -> list[dict]:
    items = []
    for item in content:
        entry = {"type": item.block_type, "id": item.id}
        if item.block_type == "sub_clause":
            entry["number"] = numbering.number(item.id)
            entry["content"] = _content(item.value["content"], numbering)
        else:
            entry["value"] = item.block.get_api_representation(item.value)
            if item.block_type == "list" and item.value["numbered"]:
                entry["start"] = numbering.list_start(item.id)
        items.append(entry)
    return items


def _area(value) -> dict:
    return {
        "title": value["title"],
        "commitments": list(value["commitments"]),
        "prompts": [
            {"party": column["party"], "prompts": list(column["prompts"])}
            for column in value["party_prompts"]
        ],
        "this_means_label": value["this_means_label"],
    }


def body_representation(body: StreamValue) -> list[dict]:
    """Each block of a template's body in order, with the numbers and anchors the public page
    shows (computed, as they are there), so that a client never numbers anything itself."""
    numbering = Numbering(body)
    blocks = []
    for child in body:
        entry = {"type": child.block_type, "id": child.id}
        number = numbering.number(child.id)
        if number:
            entry["number"] = number
            entry["anchor"] = numbering.anchor(child.id)
        gap = numbering.gap_before(child.id)
        if gap:
            # The clause numbers the document skips just before this block (a lost clause).
            entry["missing_before"] = list(range(gap.first, gap.last + 1))
        if child.block_type == "area":
            entry.update(_area(child.value))
        elif child.block_type == "clause":
            entry["heading"] = child.value["heading"]
            entry["reference_key"] = child.value["reference_key"]
            entry["content"] = _content(child.value["content"], numbering)
        else:
            entry["value"] = child.block.get_api_representation(child.value)
        blocks.append(entry)
    return blocks


class TemplateBodyField(serializers.Field):
    """Read-only: the API never writes."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: StreamValue) -> list[dict]:
        return body_representation(value)

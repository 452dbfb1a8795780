"""Numbers for clauses, sub-clauses, areas and appendices, computed from a template's body.

Nothing here is stored: numbering is worked out from the order of the blocks each time a page
is rendered, so inserting, removing or moving a clause renumbers the document and every
cross-reference follows. It reads only the StreamField value already in memory (no queries).
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

#: Top-level block types that take the next clause number.
CLAUSE_TYPES = frozenset({"clause", "definitions", "signatories"})


@dataclass(frozen=True)
class NumberedSection:
    """One entry of a document's contents list."""

    number: str
    heading: str
    anchor: str
    kind: str


class Numbering:
    """The computed numbers of one template body, looked up by block id or reference key."""

    def __init__(self, body: Iterable) -> None:
        self._numbers: dict[str, str] = {}
        self._anchors: dict[str, str] = {}
        self._references: dict[str, NumberedSection] = {}
        self.sections: list[NumberedSection] = []
        counters: dict[str, int] = defaultdict(int)

        for child in body:
            _ensure_id(child)
            kind = child.block_type
            if kind in CLAUSE_TYPES:
                counters["clause"] += 1
                number = str(counters["clause"])
                key = child.value.get("reference_key") if kind == "clause" else None
                anchor = f"clause-{key or number}"
                section = NumberedSection(number, child.value["heading"], anchor, "clause")
                if key:
                    self._references.setdefault(key, section)
                if kind == "clause":
                    self._number_sub_clauses(child.value["content"], number)
            elif kind == "area":
                counters["area"] += 1
                number = str(counters["area"])
                section = NumberedSection(number, child.value["title"], f"area-{number}", "area")
            elif kind == "schedule_table":
                counters["appendix"] += 1
                number = str(counters["appendix"])
                heading = f"{child.value['appendix_label']} {number}: {child.value['heading']}"
                section = NumberedSection(number, heading, f"appendix-{number}", "appendix")
            else:
                continue
            self._numbers[child.id] = section.number
            self._anchors[child.id] = section.anchor
            self.sections.append(section)

    def _number_sub_clauses(self, content: StreamValue, clause_number: str) -> None:
        sub_number = 0
        for item in content:
            _ensure_id(item)
            if item.block_type == "sub_clause":
                sub_number += 1
                self._numbers[item.id] = f"{clause_number}.{sub_number}"

    def number(self, block_id: str | None) -> str:
        return self._numbers.get(block_id, "")

    def anchor(self, block_id: str | None) -> str:
        return self._anchors.get(block_id, "")

    def reference(self, key: str) -> NumberedSection | None:
        return self._references.get(key)


def _ensure_id(child) -> None:
    # Blocks added in an unsaved preview may not have an id yet; numbers are looked up by id.
    if not child.id:
        child.id = str(uuid.uuid4())


def validate_references(body: StreamValue) -> None:
    """Refuse duplicate reference keys and cross-references to clauses that do not exist,
    with the message on the field where the problem is."""
    errors: dict[int, dict] = defaultdict(dict)
    seen: set[str] = set()
    for index, child in enumerate(body):
        key = child.value.get("reference_key") if child.block_type == "clause" else None
        if not key:
            continue
        if key in seen:
            errors[index]["reference_key"] = ValidationError(
                _("Another clause already uses the reference key '%(key)s'.") % {"key": key}
            )
        seen.add(key)

    for index, child in enumerate(body):
        if child.block_type != "clause":
            continue
        content_errors = _reference_errors(child.value["content"], seen)
        if content_errors:
            errors[index]["content"] = content_errors

    if errors:
        raise StreamBlockValidationError(
            block_errors={
                index: StructBlockValidationError(block_errors=fields)
                for index, fields in errors.items()
            }
        )


def _reference_errors(content: StreamValue, keys: set[str]) -> StreamBlockValidationError | None:
    errors = {}
    for index, item in enumerate(content):
        if item.block_type == "cross_reference" and item.value["clause"] not in keys:
            errors[index] = StructBlockValidationError(
                block_errors={
                    "clause": ValidationError(
                        _("No clause has the reference key '%(key)s'.")
                        % {"key": item.value["clause"]}
                    )
                }
            )
        elif item.block_type == "sub_clause":
            nested = _reference_errors(item.value["content"], keys)
            if nested:
                errors[index] = StructBlockValidationError(block_errors={"content": nested})
    return StreamBlockValidationError(block_errors=errors) if errors else None

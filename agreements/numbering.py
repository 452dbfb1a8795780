"""Numbers for clauses, sub-clauses, areas, appendices and numbered lists, computed from a
template's body.

Nothing is stored but an editor's fixed clause number ("this clause's number is N", to keep a
source document's own numbers): every other number is worked out from the order of the blocks
each time a page is rendered, so inserting, removing or moving a clause renumbers the document
and every cross-reference follows. A fixed number sets the count, so the clauses after it go on
from it, and the numbers it skips are a gap the page shows ("Clause 17 is not in this
document."), never numbers given to other clauses. It reads only the StreamField value already
in memory (no queries).
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

#: Top-level block types that take the next clause number (signatories only when numbered).
CLAUSE_TYPES = frozenset({"clause", "definitions", "signatories"})


@dataclass(frozen=True)
class NumberedSection:
    """One entry of a document's contents list."""

    number: str
    heading: str
    anchor: str
    kind: str


@dataclass(frozen=True)
class Gap:
    """Clause numbers a document skips (its fixed numbers jump over them)."""

    first: int
    last: int

    def __str__(self) -> str:
        if self.first == self.last:
            return _("Clause %(number)s is not in this document.") % {"number": self.first}
        return _("Clauses %(first)s to %(last)s are not in this document.") % {
            "first": self.first,
            "last": self.last,
        }


def takes_clause_number(child) -> bool:
    """Whether a top-level block is numbered as a clause."""
    if child.block_type == "signatories":
        return bool(child.value.get("numbered"))
    return child.block_type in CLAUSE_TYPES


def fixed_number(child) -> int | None:
    """The number an editor gave a clause-numbered block, if any."""
    return (child.value.get("number") or None) if takes_clause_number(child) else None


class Numbering:
    """The computed numbers of one template body, looked up by block id or reference key."""

    def __init__(self, body: Iterable) -> None:
        self._numbers: dict[str, str] = {}
        self._anchors: dict[str, str] = {}
        self._references: dict[str, NumberedSection] = {}
        self._gaps: dict[str, Gap] = {}
        self._list_starts: dict[str, int] = {}
        self.sections: list[NumberedSection] = []
        counters: dict[str, int] = defaultdict(int)

        for child in body:
            _ensure_id(child)
            kind = child.block_type
            if kind == "signatories" and not takes_clause_number(child):
                anchor = f"signatories-{child.id}"
                self._anchors[child.id] = anchor
                self.sections.append(NumberedSection("", child.value["heading"], anchor, kind))
                continue
            if kind in CLAUSE_TYPES:
                fixed = fixed_number(child)
                if fixed and fixed > counters["clause"] + 1:
                    self._gaps[child.id] = Gap(counters["clause"] + 1, fixed - 1)
                counters["clause"] = fixed or counters["clause"] + 1
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
        last_item = 0  # the last item number of the clause's numbered lists so far
        for item in content:
            _ensure_id(item)
            if item.block_type == "sub_clause":
                sub_number += 1
                self._numbers[item.id] = f"{clause_number}.{sub_number}"
                for inner in item.value["content"]:
                    _ensure_id(inner)
                    last_item = self._number_list(inner, last_item)
            else:
                last_item = self._number_list(item, last_item)

    def _number_list(self, item, last_item: int) -> int:
        # Lists continue across the clause's sub-clauses too: a clause reads as one document,
        # and "the list before this one" is the one the reader last saw in it.
        if item.block_type != "list" or not item.value["numbered"]:
            return last_item
        start = last_item + 1 if item.value.get("continue_numbering") else 1
        self._list_starts[item.id] = start
        return start + len(item.value["items"]) - 1

    def number(self, block_id: str | None) -> str:
        return self._numbers.get(block_id, "")

    def gap_before(self, block_id: str | None) -> Gap | None:
        """The clause numbers skipped just before this block, if its fixed number skips any."""
        return self._gaps.get(block_id)

    def list_start(self, block_id: str | None) -> int:
        """The number of a numbered list's first item (1 unless it continues another list)."""
        return self._list_starts.get(block_id, 1)

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
    _raise(_reference_errors(body))


def validate_numbering(body: StreamValue) -> None:
    """Everything ``validate_references`` refuses, and fixed clause numbers that do not go up
    and lists that cannot continue numbering, each with the message on its own field."""
    errors = _reference_errors(body)
    errors.update(_number_errors(body))
    errors.update(_list_errors(body))
    _raise(errors)


# Errors are collected as paths to the field (stream positions and struct field names) and then
# built into Wagtail's nested errors, so that checks of one block's different parts combine.
_Path = tuple


def _raise(errors: dict[_Path, ValidationError]) -> None:
    if errors:
        raise _nested(errors)


def _nested(errors: dict[_Path, ValidationError]) -> ValidationError:
    children: dict = defaultdict(dict)
    for path, error in errors.items():
        if not path:
            return error
        children[path[0]][path[1:]] = error
    built = {step: _nested(rest) for step, rest in children.items()}
    if all(isinstance(step, int) for step in built):
        return StreamBlockValidationError(block_errors=built)
    return StructBlockValidationError(block_errors=built)


def _reference_errors(body: StreamValue) -> dict[_Path, ValidationError]:
    errors = {}
    seen: set[str] = set()
    for index, child in enumerate(body):
        key = child.value.get("reference_key") if child.block_type == "clause" else None
        if not key:
            continue
        if key in seen:
            errors[(index, "reference_key")] = ValidationError(
                _("Another clause already uses the reference key '%(key)s'.") % {"key": key}
            )
        seen.add(key)

    for index, child in enumerate(body):
        if child.block_type == "clause":
            for path, item in _content_items(child.value["content"], (index, "content")):
                if item.block_type == "cross_reference" and item.value["clause"] not in seen:
                    errors[(*path, "clause")] = ValidationError(
                        _("No clause has the reference key '%(key)s'.")
                        % {"key": item.value["clause"]}
                    )
    return errors


def _number_errors(body: StreamValue) -> dict[_Path, ValidationError]:
    errors = {}
    previous = 0
    for index, child in enumerate(body):
        is_signatories = child.block_type == "signatories"
        if is_signatories and child.value.get("number") and not child.value.get("numbered"):
            errors[(index, "number")] = ValidationError(
                _("Tick 'Number as a clause' to give the signatories a number.")
            )
            continue
        if not takes_clause_number(child):
            continue
        fixed = fixed_number(child)
        if fixed is not None and fixed <= previous:
            errors[(index, "number")] = ValidationError(
                _(
                    "Clause numbers go up: the clause before this one is number %(previous)s, "
                    "so this one can be %(next)s or more."
                )
                % {"previous": previous, "next": previous + 1}
            )
        previous = max(previous, fixed or previous + 1)
    return errors


def _list_errors(body: StreamValue) -> dict[_Path, ValidationError]:
    errors = {}
    for index, child in enumerate(body):
        if child.block_type != "clause":
            continue
        numbered_before = False
        for path, item in _content_items(child.value["content"], (index, "content")):
            if item.block_type != "list":
                continue
            if item.value.get("continue_numbering"):
                if not item.value["numbered"]:
                    errors[(*path, "continue_numbering")] = ValidationError(
                        _("Only a numbered list can continue the numbering: tick 'Numbered'.")
                    )
                elif not numbered_before:
                    errors[(*path, "continue_numbering")] = ValidationError(
                        _("There is no numbered list before this one in the clause to continue.")
                    )
            numbered_before = numbered_before or item.value["numbered"]
    return errors


def _content_items(content: StreamValue, path: _Path):
    """A clause's content items in reading order, with each one's path, sub-clauses' too."""
    for index, item in enumerate(content):
        yield (*path, index), item
        if item.block_type == "sub_clause":
            yield from _content_items(item.value["content"], (*path, index, "content"))

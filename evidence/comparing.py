"""What one agreement did with its template: its body against its source version's, matched by
block id and list item id exactly as template updates match them (``personalised.updates
.changes``), so a moved block or a reordered prompt is still itself and counts as kept.

Nothing here reads the database or keeps anything that could identify the agreement: the result
is a list of tallies (where, what happened, how many) and the words of items the practitioner
added, which ``evidence.wordings`` keeps only when many practitioners wrote the same.

The comparison reads raw stream data generically, so it works for any block an editor builds:

- a *unit* is a list item (a prompt, a commitment, a paragraph, a list item, a definition, a
  cell, a signatory) holding no list of its own, or a top-level text field of a block (a text
  section's text, a heading): it was kept, reworded or removed;
- a list item holding lists (a party's column of prompts, a clause's list, a sub-clause, a
  table row) is looked into; a party's column gives its prompts the party's key;
- items in the agreement that the source has not are added (one count each, per block and
  party), and their words are kept aside for the wordings.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from evidence.models import Measure
from personalised.updates.display import words
from personalised.updates.matching import (
    PRACTITIONER_DEFAULTS,
    is_item,
    is_item_list,
    items_by_id,
    match_parties,
    untouched,
)

# Keys and switches, not words anyone reads, and what only agreements have.
_NOT_UNITS = {
    "id",
    "type",
    "key",
    "party",
    "party_key",
    "reference_key",
    "clause",
    "signs_as",
    "number",
    "numbered",
    "continue_numbering",
    "practitioners_may_edit",
    *PRACTITIONER_DEFAULTS,
}
_MAX_ID = 64


@dataclass(frozen=True)
class Tally:
    """How many of one measure at one place: block "" is the whole template, party "" no
    party's column, item "" the whole block."""

    block_id: str
    party_key: str
    item_id: str
    measure: str
    count: int = 1


@dataclass(frozen=True)
class AddedWords:
    """The words of one item a practitioner added, where they added it."""

    block_id: str
    party_key: str
    text: str


@dataclass
class BodyEvidence:
    tallies: list[Tally] = field(default_factory=list)
    added: list[AddedWords] = field(default_factory=list)
    #: Blocks exactly as in the source: the block and every unit in it kept.
    untouched: list[str] = field(default_factory=list)


@dataclass
class _Block:
    """What was found in one block while walking it."""

    block_id: str
    outcomes: list[Tally] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)  # by party key
    words: list[AddedWords] = field(default_factory=list)

    def unit(self, party_key: str, item_id: str, measure: str) -> None:
        self.outcomes.append(Tally(self.block_id, party_key, item_id[:_MAX_ID], measure))

    def add(self, party_key: str, item: Any) -> None:
        self.added[party_key] = self.added.get(party_key, 0) + 1
        text = words(item)
        if text:
            self.words.append(AddedWords(self.block_id, party_key, text))


def column_key(value: dict) -> str:
    """The key a party's column of prompts is counted under: the declared party's key, else
    its name as a slug (columns written before parties were declared)."""
    return str(value.get("party_key") or slugify(str(value.get("party", ""))))[:50]


def _holds_lists(value: Any) -> bool:
    if isinstance(value, list):
        return True
    if isinstance(value, dict):
        return any(_holds_lists(part) for name, part in value.items() if name not in _NOT_UNITS)
    return False


def _is_column(value: Any) -> bool:
    return isinstance(value, dict) and "party" in value and _holds_lists(value)


def _walk_list(source: list, current: Any, party_key: str, found: _Block) -> None:
    current = current if isinstance(current, list) and is_item_list(current) else []
    current = match_parties(source, current)
    source_items, current_items = items_by_id(source), items_by_id(current)
    for item_id, item in source_items.items():
        now = current_items.get(item_id)
        value = item["value"]
        if _holds_lists(value):
            key = column_key(value) if _is_column(value) else party_key
            _walk_value(value, now["value"] if now is not None else None, key, found, item_id)
        elif now is None:
            found.unit(party_key, item_id, Measure.REMOVED)
        elif untouched(now, item):
            found.unit(party_key, item_id, Measure.KEPT)
        else:
            found.unit(party_key, item_id, Measure.REWORDED)
    for item_id, item in current_items.items():
        if item_id not in source_items:
            found.add(party_key, item)


def _walk_value(source: Any, current: Any, party_key: str, found: _Block, path: str) -> None:
    """``current`` None: the agreement has no such part, so every unit in it was removed."""
    if isinstance(source, list) and is_item_list(source):
        _walk_list(source, current, party_key, found)
        return
    if not isinstance(source, dict):
        return
    current = current if isinstance(current, dict) else None
    for name, part in source.items():
        if name in _NOT_UNITS:
            continue
        now = current.get(name) if current is not None else None
        if _holds_lists(part):
            _walk_value(part, now, party_key, found, f"{path}.{name}" if path else name)
        elif not path and isinstance(part, str):
            # A block's own text field (a heading, a text section's text): a unit by name.
            if current is None or name not in current:
                measure = Measure.REMOVED
            elif untouched(now, part):
                measure = Measure.KEPT
            else:
                measure = Measure.REWORDED
            found.unit(party_key, name, measure)


def _block_tallies(block_id: str, source: dict, current: dict | None) -> tuple[_Block, str]:
    found = _Block(block_id)
    _walk_value(source["value"], current["value"] if current else None, "", found, "")
    if current is None:
        outcome = Measure.REMOVED
    elif found.added or any(tally.measure != Measure.KEPT for tally in found.outcomes):
        outcome = Measure.REWORDED
    else:
        outcome = Measure.KEPT
    return found, outcome


def _blocks(body: list) -> Iterator[tuple[str, dict]]:
    for index, block in enumerate(body):
        if is_item(block):
            yield str(block.get("id") or f"@{index}"), block


def _template_part(value: Any) -> Any:
    """A block's value without what only agreements have (relevance, what it means for the
    person, actions), which is never template text to keep or change."""
    if isinstance(value, dict) and any(name in value for name in PRACTITIONER_DEFAULTS):
        return {name: part for name, part in value.items() if name not in PRACTITIONER_DEFAULTS}
    return value


@dataclass(frozen=True)
class SourceBlock:
    block_id: str
    block: dict
    #: Every unit in it, as (party key, item id): what an untouched copy keeps.
    units: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Source:
    """A template version's body, read once however many agreements follow it."""

    blocks: tuple[SourceBlock, ...]

    @classmethod
    def from_body(cls, body: list) -> "Source":
        blocks = []
        for block_id, block in _blocks(body):
            found = _Block(block_id)
            _walk_value(block["value"], block["value"], "", found, "")
            units = tuple((tally.party_key, tally.item_id) for tally in found.outcomes)
            blocks.append(SourceBlock(block_id[:_MAX_ID], block, units))
        return cls(tuple(blocks))


def compare_body(source: Source, current: list) -> BodyEvidence:
    """What the agreement (``current``, raw stream data) did with each block, unit and party
    column of its ``source`` version. A block whose template part is exactly the source's is
    only named in ``untouched`` (its units are all kept): most blocks of most agreements are,
    and the caller counts them without walking them."""
    evidence = BodyEvidence()
    current_blocks = dict(_blocks(current))
    for source_block in source.blocks:
        block_id, block = source_block.block_id, source_block.block
        now = current_blocks.pop(block_id, None)
        if now is not None and now.get("type") != block.get("type"):
            now = None  # another kind of block now: the template's was removed
        value = now["value"] if now is not None else None
        if isinstance(value, dict) and value.get("relevant", True) is False:
            evidence.tallies.append(Tally(block_id, "", "", Measure.NOT_RELEVANT))
        if now is not None and _template_part(value) == block["value"]:
            evidence.untouched.append(block_id)
            continue
        found, outcome = _block_tallies(block_id, block, now)
        evidence.tallies.append(Tally(block_id, "", "", outcome))
        evidence.tallies.extend(found.outcomes)
        evidence.tallies.extend(
            Tally(block_id, key, "", Measure.ADDED, count) for key, count in found.added.items()
        )
        evidence.added.extend(found.words)
    if current_blocks:
        # Blocks the template has not: counted for the whole template, never their words.
        evidence.tallies.append(Tally("", "", "", Measure.ADDED, len(current_blocks)))
    return evidence

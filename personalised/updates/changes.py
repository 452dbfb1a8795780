"""Template updates: what changed in a template since an agreement was forked, and taking it in.

Three versions of the same stream are compared, all as raw StreamField data:

- *source*: the template version the agreement was forked from (its ``source_revision``);
- *live*: the template version published now;
- *current*: the agreement's body as the practitioner has it.

Source and live are compared by block id and list item id (a block that moved is still itself),
down to single units a practitioner can accept or decline: a block or list item added, removed
or moved, and one piece of text changed (a prompt, a commitment, a clause's paragraph, a
heading, a cell). Wherever the agreement's value is not the source's (the practitioner edited,
removed or wrote into it), taking the template's change would replace their words: that change
is a *conflict*, and only an explicit choice resolves it.

Parts of an area that only agreements have (``relevant``, ``this_means``, ``actions``) are never
in a template, so no change touches them; removing an area where any of them was filled in is a
conflict. Nothing here reads the database: ``personalised.updates.services`` loads the versions
and saves.
"""

import copy
import difflib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from personalised.updates.matching import (
    TEMPLATE_ONLY_FIELDS,
    is_item,
    is_item_list,
    items_by_id,
    list_item_id,
    match_parties,
    untouched,
)

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
MOVED = "moved"


class _Missing:
    """Not there at all (as opposed to empty)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Change:
    """One change between the source and the live version that the agreement can take."""

    kind: str  # ADDED, REMOVED, CHANGED or MOVED
    path: tuple[str, ...]  # block id, then field names and list item ids
    old: Any  # the source version's value (MISSING when added)
    new: Any  # the live version's value (MISSING when removed; for a move, the new neighbour)
    current: Any  # the agreement's value now (MISSING when it has none)
    conflict: bool
    key: str  # stable across requests; changes again if the template changes the same thing

    @property
    def block_id(self) -> str:
        return self.path[0]

    @property
    def token(self) -> str:
        """A short name for the change in a form."""
        return hashlib.sha1(self.key.encode(), usedforsecurity=False).hexdigest()[:16]


# --------------------------------------------------------------------------- raw data helpers


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def _key(kind: str, path: tuple[str, ...], target: Any) -> str:
    return f"{kind}:{'/'.join(path)}:{_digest(target)}"


def _empty_default(value: Any) -> bool:
    """What a block's new field holds until an editor sets it: a Boolean off, nothing written."""
    return value is False or value is None or (isinstance(value, str) and not value)


def _gained_or_lost_a_default(source: Any, live: Any) -> bool:
    """A field the block gained (or lost) in a new release of the block library, at its empty
    default: such as "Practitioners may change this" (off) in versions saved before it existed.
    Nothing an editor changed, so nothing to offer."""
    return (source is MISSING and _empty_default(live)) or (
        live is MISSING and _empty_default(source)
    )


def _comparable(value: Any) -> Any:
    """The value without the template's own parts, at any depth."""
    if isinstance(value, dict):
        return {
            name: _comparable(part)
            for name, part in value.items()
            if name not in TEMPLATE_ONLY_FIELDS
        }
    if isinstance(value, list):
        return [_comparable(part) for part in value]
    return value


def _compared_fields(source: dict, live: dict) -> list[str]:
    return [name for name in dict.fromkeys([*live, *source]) if name not in TEMPLATE_ONLY_FIELDS]


def _moved_ids(source_ids: list[str], live_ids: list[str]) -> set[str]:
    """Items in both versions whose place changed: those outside the longest run of items that
    kept their order."""
    live_set, source_set = set(live_ids), set(source_ids)
    common_source = [item for item in source_ids if item in live_set]
    common_live = [item for item in live_ids if item in source_set]
    matcher = difflib.SequenceMatcher(a=common_source, b=common_live, autojunk=False)
    kept = set()
    for block in matcher.get_matching_blocks():
        kept.update(common_source[block.a : block.a + block.size])
    return set(common_live) - kept


def _predecessor(live_ids: list[str], item_id: str) -> str:
    index = live_ids.index(item_id)
    return live_ids[index - 1] if index else ""


def _order(current_ids: list[str], live_ids: list[str], take_out: set, put_in: set) -> list[str]:
    """The agreement's items with ``take_out`` removed, then each of ``put_in`` (in the live
    version's order) placed after the nearest item before it in the live version that is there,
    or first. Taking every change of an untouched agreement gives the live version's order."""
    result = [item for item in current_ids if item not in take_out]
    for index, item in enumerate(live_ids):
        if item not in put_in:
            continue
        position = 0
        for before in reversed(live_ids[:index]):
            if before in result:
                position = result.index(before) + 1
                break
        result.insert(position, item)
    return result


# --------------------------------------------------------------------------- comparing


def compare(source: list, live: list, current: list) -> list[Change]:
    """Every change between ``source`` and ``live`` that ``current`` has not already taken, in
    the live version's reading order (removed blocks where they used to be)."""
    changes: list[Change] = []
    _compare_list(source, live, current, (), changes)
    return changes


def template_changes(source: list, live: list) -> list[Change]:
    """The changes between two template versions, as an agreement forked from ``source`` and
    never edited would be offered them."""
    return compare(source, live, source)


def _compare_value(source, live, current, path, changes) -> None:
    if source == live:
        return
    if is_item_list(source) and is_item_list(live) and (source or live):
        _compare_list(source, live, current if isinstance(current, list) else [], path, changes)
    elif isinstance(source, dict) and isinstance(live, dict) and isinstance(current, dict):
        for name in _compared_fields(source, live):
            _compare_value(
                source.get(name, MISSING),
                live.get(name, MISSING),
                current.get(name, MISSING),
                (*path, name),
                changes,
            )
    else:
        if current == live:
            return  # already taken
        if _gained_or_lost_a_default(source, live):
            return
        conflict = current is not MISSING and not untouched(current, source)
        changes.append(
            Change(CHANGED, path, source, live, current, conflict, _key(CHANGED, path, live))
        )


def _compare_list(source: list, live: list, current: list, path, changes) -> None:
    live = match_parties(source, live)
    source_items, live_items, current_items = (
        items_by_id(source),
        items_by_id(live),
        items_by_id(current),
    )
    source_ids, live_ids, current_ids = list(source_items), list(live_items), list(current_items)
    moved = _moved_ids(source_ids, live_ids)

    removed = [item for item in source_ids if item not in live_items]
    for item_id in live_ids:
        # Removed items are listed where they used to be: before the first live item that
        # followed them in the source.
        if item_id in source_items:
            position = source_ids.index(item_id)
            while removed and source_ids.index(removed[0]) < position:
                _removed(removed.pop(0), source_items, current_items, path, changes)
        item_path = (*path, item_id)
        live_item = live_items[item_id]
        if item_id not in source_items:
            if item_id not in current_items:
                changes.append(
                    Change(
                        ADDED,
                        item_path,
                        MISSING,
                        live_item,
                        MISSING,
                        False,
                        _key(ADDED, item_path, live_item),
                    )
                )
            continue
        source_item = source_items[item_id]
        if item_id not in current_items:
            if _comparable(source_item) != _comparable(live_item):
                # The practitioner took it out, and the template has changed it since.
                changes.append(
                    Change(
                        CHANGED,
                        item_path,
                        source_item,
                        live_item,
                        MISSING,
                        True,
                        _key(CHANGED, item_path, live_item),
                    )
                )
            continue
        current_item = current_items[item_id]
        if item_id in moved:
            alone = _order(current_ids, live_ids, {item_id}, {item_id})
            if alone != current_ids:
                neighbour = _predecessor(live_ids, item_id)
                changes.append(
                    Change(
                        MOVED,
                        item_path,
                        source_item,
                        neighbour,
                        current_item,
                        False,
                        _key(MOVED, item_path, neighbour),
                    )
                )
        if source_item.get("type") != live_item.get("type"):
            changes.append(
                Change(
                    CHANGED,
                    item_path,
                    source_item,
                    live_item,
                    current_item,
                    not untouched(current_item, source_item),
                    _key(CHANGED, item_path, live_item),
                )
            )
            continue
        _compare_value(
            source_item["value"], live_item["value"], current_item["value"], item_path, changes
        )
    for item_id in removed:
        _removed(item_id, source_items, current_items, path, changes)


def _removed(item_id, source_items, current_items, path, changes) -> None:
    if item_id not in current_items:
        return  # already gone
    item_path = (*path, item_id)
    current_item = current_items[item_id]
    conflict = not untouched(current_item, source_items[item_id])
    changes.append(
        Change(
            REMOVED,
            item_path,
            source_items[item_id],
            MISSING,
            current_item,
            conflict,
            _key(REMOVED, item_path, None),
        )
    )


# --------------------------------------------------------------------------- taking changes


def apply(source: list, live: list, current: list, accepted: Iterable[Change]) -> list:
    """``current`` with the ``accepted`` changes taken (a new list; ``current`` is left as it
    was). Every other part of the agreement, including all the practitioner wrote, is kept."""
    taken = {(change.kind, change.path) for change in accepted}
    return _apply_list(source, live, copy.deepcopy(current), (), taken)


def _apply_value(source, live, current, path, taken):
    if source == live:
        return current
    if is_item_list(source) and is_item_list(live) and (source or live):
        return _apply_list(source, live, current if isinstance(current, list) else [], path, taken)
    if isinstance(source, dict) and isinstance(live, dict) and isinstance(current, dict):
        result = dict(current)
        for name in _compared_fields(source, live):
            value = _apply_value(
                source.get(name, MISSING),
                live.get(name, MISSING),
                current.get(name, MISSING),
                (*path, name),
                taken,
            )
            if value is MISSING:
                result.pop(name, None)
            else:
                result[name] = value
        return result
    if (CHANGED, path) in taken:
        return copy.deepcopy(live)
    return current


def _apply_list(source: list, live: list, current: list, path, taken) -> list:
    live = match_parties(source, live)
    source_items, live_items, current_items = (
        items_by_id(source),
        items_by_id(live),
        items_by_id(current),
    )
    live_ids, current_ids = list(live_items), list(current_items)
    moved = _moved_ids(list(source_items), live_ids)

    take_out, put_in = set(), set()
    updated: dict[str, dict] = {}
    for item_id, item in current_items.items():
        item_path = (*path, item_id)
        if item_id in source_items and item_id not in live_items:
            if (REMOVED, item_path) in taken:
                take_out.add(item_id)
            updated[item_id] = item
            continue
        if item_id in source_items and item_id in live_items:
            if item_id in moved and (MOVED, item_path) in taken:
                take_out.add(item_id)
                put_in.add(item_id)
            item = _apply_item(source_items[item_id], live_items[item_id], item, item_path, taken)
        updated[item_id] = item
    for item_id, item in live_items.items():
        item_path = (*path, item_id)
        if item_id in current_items:
            continue
        if (item_id not in source_items and (ADDED, item_path) in taken) or (
            item_id in source_items and (CHANGED, item_path) in taken
        ):
            put_in.add(item_id)
            updated[item_id] = copy.deepcopy(item)
    return [updated[item_id] for item_id in _order(current_ids, live_ids, take_out, put_in)]


def _apply_item(source_item: dict, live_item: dict, current_item: dict, path, taken) -> dict:
    if source_item.get("type") != live_item.get("type"):
        if (CHANGED, path) in taken:
            return copy.deepcopy(live_item)
        return current_item
    value = _apply_value(
        source_item["value"], live_item["value"], current_item["value"], path, taken
    )
    return {**current_item, "value": value}


def adopt_live_ids(source: list, live: list, current: list) -> list:
    """``current`` with each party column that was matched by party, not by id, given the live
    version's id: for when the agreement records the live version as its source, so that the
    next version is compared with it by id again."""
    return _adopt(source, live, current)


def _adopt(source, live, current):
    if is_item_list(source) and is_item_list(live) and isinstance(current, list):
        matched = match_parties(source, live)
        renames = {
            list_item_id(one, index): list_item_id(real, index)
            for index, (one, real) in enumerate(zip(matched, live, strict=True))
            if list_item_id(one, index) != list_item_id(real, index)
        }
        source_items, live_items = items_by_id(source), items_by_id(matched)
        result = []
        for index, item in enumerate(current):
            item_id = list_item_id(item, index)
            if is_item(item) and item_id in source_items and item_id in live_items:
                value = _adopt(
                    source_items[item_id]["value"], live_items[item_id]["value"], item["value"]
                )
                if value is not item["value"] or item_id in renames:
                    item = {**item, "value": value}
                    if item_id in renames:
                        item["id"] = renames[item_id]
            result.append(item)
        return result
    if isinstance(source, dict) and isinstance(live, dict) and isinstance(current, dict):
        adopted = {
            name: _adopt(source.get(name), live.get(name), value) for name, value in current.items()
        }
        if all(adopted[name] is value for name, value in current.items()):
            return current
        return adopted
    return current


def with_text(body: list, path: tuple[str, ...], text: str) -> list:
    """``body`` (a new list) with the text at ``path`` (block id, field names and list item
    ids, as a change's path) replaced by ``text``."""
    body = copy.deepcopy(body)
    node: Any = body
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, list):
            item = items_by_id(node)[step]
            if last:
                item["value"] = text
            node = item["value"]
        else:
            if last:
                node[step] = text
            node = node[step]
    return body


# --------------------------------------------------------------------------- the review


@dataclass
class Review:
    """The changes waiting for one agreement, and what has been decided about them."""

    source: list
    live: list
    current: list
    declined: frozenset[str] = frozenset()
    changes: list[Change] = field(init=False)

    def __post_init__(self) -> None:
        self.changes = [
            change
            for change in compare(self.source, self.live, self.current)
            if change.key not in self.declined
        ]

    @property
    def conflicts(self) -> list[Change]:
        return [change for change in self.changes if change.conflict]

    def by_token(self) -> dict[str, Change]:
        return {change.token: change for change in self.changes}

    def decide(
        self,
        accepted: Iterable[Change],
        declined: Iterable[Change],
        worded: Iterable[tuple[Change, str]] = (),
    ) -> "Decision":
        """``worded``: conflicts settled with the practitioner's own (combined) wording, which
        replaces the agreement's text there; like a declined change, each is not offered again."""
        accepted, declined, worded = list(accepted), list(declined), list(worded)
        decided = {change.key for change in [*accepted, *declined, *(c for c, _ in worded)]}
        body = apply(self.source, self.live, self.current, accepted) if accepted else self.current
        for change, text in worded:
            body = with_text(body, change.path, text)
        undecided = [change for change in self.changes if change.key not in decided]
        # How many of the version's changes the agreement has now, taken in this review or
        # before it (counted before the ids are adopted, which would hide them).
        taken = len(template_changes(self.source, self.live)) - len(
            compare(self.source, self.live, body)
        )
        if not undecided:
            body = adopt_live_ids(self.source, self.live, body)
        return Decision(
            body=body,
            accepted=accepted,
            declined=declined,
            undecided=undecided,
            taken=taken,
            worded=[change for change, _text in worded],
        )


@dataclass
class Decision:
    body: list
    accepted: list[Change]
    declined: list[Change]
    undecided: list[Change]
    taken: int = 0  # the version's changes the agreement has, from this review or before it
    worded: list[Change] = field(default_factory=list)  # settled with the practitioner's words

    @property
    def complete(self) -> bool:
        """Every change is accepted or declined: the agreement is up to the live version."""
        return not self.undecided

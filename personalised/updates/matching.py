"""Matching an agreement's raw StreamField data with its template's: list items by id (a
moved or reordered item is still itself), party columns by party when an editor gave one a new
id, and whether a value is still as the template had it. Template updates
(``personalised.updates.changes``) and the editors' evidence (``evidence.comparing``) both
compare this way."""

from typing import Any

#: What an area of an agreement has that a template's area has not, with the value a fork
#: starts with: anything else was written or chosen by the practitioner.
PRACTITIONER_DEFAULTS: dict[str, tuple] = {
    "relevant": (True, None),
    "this_means": ("", None),
    "actions": ([], None),
}

#: Parts of a block that belong to the template alone: an agreement's easy-read copy reads them
#: from the template itself (agreements.easy_read), so a change to them is nothing to take in,
#: and an agreement that has them or not is the same agreement.
TEMPLATE_ONLY_FIELDS = frozenset({"easy_read"})


def is_item(node: Any) -> bool:
    """A StreamField or ListBlock item: a dict with a type and a value."""
    return isinstance(node, dict) and "value" in node and "type" in node


def is_item_list(node: Any) -> bool:
    """A list of such items (a stream or a list block's value)."""
    return isinstance(node, list) and all(is_item(item) for item in node)


def list_item_id(item: dict, index: int) -> str:
    """An item's id, or its position when it has none."""
    # Lists saved before Wagtail gave list items ids have none: their position stands in.
    return str(item.get("id") or f"@{index}")


def items_by_id(items: list) -> dict[str, dict]:
    """The items by their ids (``list_item_id``)."""
    return {list_item_id(item, index): item for index, item in enumerate(items)}


def without_defaults(value: Any) -> Any:
    """An agreement's value with the parts a practitioner has not touched left out, to compare
    it with the template's."""
    if isinstance(value, dict) and any(name in value for name in PRACTITIONER_DEFAULTS):
        return {
            name: part
            for name, part in value.items()
            if not (name in PRACTITIONER_DEFAULTS and part in PRACTITIONER_DEFAULTS[name])
        }
    return value


def untouched(current: Any, source: Any) -> bool:
    """The agreement's value is the source's: the practitioner has not changed or added to it."""
    if is_item(current) and is_item(source):
        return current.get("type") == source.get("type") and untouched(
            current["value"], source["value"]
        )
    if isinstance(current, dict) and isinstance(source, dict):
        current = without_template_only(without_defaults(current))
        source = without_template_only(source)
        if current.keys() != source.keys():
            return False
        return all(untouched(current[name], source[name]) for name in source)
    if isinstance(current, list) and isinstance(source, list):
        return len(current) == len(source) and all(
            untouched(one, other) for one, other in zip(current, source, strict=True)
        )
    return current == source


def without_template_only(value: dict) -> dict:
    """A block's value without the parts only the template has (``TEMPLATE_ONLY_FIELDS``)."""
    return {name: part for name, part in value.items() if name not in TEMPLATE_ONLY_FIELDS}


def match_parties(source: list, live: list) -> list:
    """The live list with party columns that lost their id (deleted and added again by an
    editor) given the id of the source's column for the same party: columns are matched by
    party when their ids do not match."""
    source_ids = set(items_by_id(source))
    live_ids = set(items_by_id(live))
    unmatched_source = {
        str(item["value"]["party"]).strip().casefold(): list_item_id(item, index)
        for index, item in enumerate(source)
        if isinstance(item["value"], dict)
        and "party" in item["value"]
        and list_item_id(item, index) not in live_ids
    }
    if not unmatched_source:
        return live
    matched = []
    for index, item in enumerate(live):
        item_id = list_item_id(item, index)
        value = item["value"]
        if item_id not in source_ids and isinstance(value, dict) and "party" in value:
            source_id = unmatched_source.pop(str(value["party"]).strip().casefold(), None)
            if source_id is not None:
                item = {**item, "id": source_id}
        matched.append(item)
    return matched

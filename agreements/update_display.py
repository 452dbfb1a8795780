"""Template changes as a practitioner reads them: which section, which part, and the words
before, after and in the agreement now, grouped by section in the live version's order."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail import blocks

from .blocks import AgreementBodyBlock
from .updates import ADDED, MISSING, MOVED, REMOVED, Change

# Fields that name a list item (a party's column, a definition, an organisation...).
_NAMING_FIELDS = ("party", "term", "title", "heading", "organisation", "name", "role", "marker")
_NOT_WORDS = {"id", "type", "reference_key", "clause", "numbered"}

_BODY_BLOCK = AgreementBodyBlock()


@dataclass
class ShownChange:
    change: Change
    what: str  # the part of the section, from the blocks' labels
    summary: str  # e.g. "Added", "Changed", "Moved: now after “Resources”"
    old: str
    new: str
    current: str
    current_missing: bool


@dataclass
class Section:
    block_id: str
    heading: str
    changes: list[ShownChange] = field(default_factory=list)


def words(value: Any) -> str:
    """The words of a piece of raw stream data, tags and ids left out."""
    if value is MISSING or value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return " ".join(strip_tags(value).split())
    if isinstance(value, dict):
        if "value" in value and "type" in value:
            return words(value["value"])
        return " ".join(
            filter(None, (words(part) for name, part in value.items() if name not in _NOT_WORDS))
        )
    if isinstance(value, list):
        return " ".join(filter(None, (words(part) for part in value)))
    return str(value)


def _blocks_by_id(*bodies: list) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for body in bodies:
        for block in body:
            found.setdefault(str(block.get("id")), block)
    return found


def section_heading(block: dict | None) -> str:
    if block is None:
        return _("A removed section")
    child = _BODY_BLOCK.child_blocks.get(block.get("type"))
    label = str(child.label) if child is not None else str(block.get("type"))
    value = block.get("value")
    title = ""
    if isinstance(value, dict):
        title = value.get("title") or value.get("heading") or ""
    return f"{label}: {title}" if title else label


def _item_name(value: Any) -> str:
    if isinstance(value, dict):
        for name in _NAMING_FIELDS:
            if isinstance(value.get(name), str) and value[name].strip():
                return value[name].strip()
    return ""


def _describe_path(block: dict, path: tuple[str, ...]) -> str:
    """The labels of the parts along ``path`` inside one top-level block, such as
    Prompts by party, then the party, then the prompt."""
    definition = _BODY_BLOCK.child_blocks.get(block.get("type"))
    value: Any = block.get("value")
    parts: list[str] = []
    list_label: str | None = None
    for step in path:
        if isinstance(definition, blocks.StructBlock):
            definition = definition.child_blocks.get(step)
            value = value.get(step) if isinstance(value, dict) else None
            if definition is not None:
                parts.append(str(definition.label))
                list_label = str(definition.label)
            continue
        if not isinstance(definition, blocks.ListBlock | blocks.StreamBlock):
            break
        item = next(
            (item for item in value or [] if isinstance(item, dict) and item.get("id") == step),
            None,
        )
        if isinstance(definition, blocks.ListBlock):
            definition = definition.child_block
        else:
            definition = definition.child_blocks.get(item.get("type")) if item else None
        value = item.get("value") if item else None
        name = _item_name(value)
        if name:
            parts.append(f"“{name}”")
        elif definition is not None and not isinstance(definition, blocks.StructBlock):
            # "Prompts", then "Prompt" says the same twice: the item's own label is enough.
            if parts and list_label is not None and parts[-1] == list_label:
                parts.pop()
            parts.append(str(definition.label))
        list_label = None
    return " › ".join(dict.fromkeys(parts)) or str(_("The whole section"))


def _summary(change: Change, blocks_by_id: dict[str, dict]) -> str:
    if change.kind == ADDED:
        return _("Added by the template")
    if change.kind == REMOVED:
        return _("Removed from the template")
    if change.kind == MOVED:
        if not change.new:
            return _("Moved: now first")
        if len(change.path) == 1:
            return _("Moved: now after “%(section)s”") % {
                "section": section_heading(blocks_by_id.get(change.new))
            }
        return _("Moved to a new place in the list")
    if change.current is MISSING:
        return _("Changed by the template; you had taken it out")
    return _("Changed by the template")


def shown_sections(source: list, live: list, changes: list[Change]) -> list[Section]:
    blocks_by_id = _blocks_by_id(live, source)
    live_blocks, source_blocks = _blocks_by_id(live), _blocks_by_id(source)
    sections: dict[str, Section] = {}
    for change in changes:
        block = blocks_by_id.get(change.block_id)
        section = sections.get(change.block_id)
        if section is None:
            section = sections[change.block_id] = Section(change.block_id, section_heading(block))
        inner = change.path[1:]
        # What was removed is only in the source version: its labels are read from there.
        described = (source_blocks if change.kind == REMOVED else live_blocks).get(change.block_id)
        described = described or block
        what = _describe_path(described, inner) if described is not None and inner else ""
        old = "" if change.kind == MOVED else words(change.old)
        new = "" if change.kind in (MOVED, REMOVED) else words(change.new)
        section.changes.append(
            ShownChange(
                change=change,
                what=what,
                summary=_summary(change, blocks_by_id),
                old=old,
                new=new,
                current=words(change.current),
                current_missing=change.current is MISSING,
            )
        )
    return list(sections.values())

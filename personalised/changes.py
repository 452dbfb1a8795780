"""What changed in a personalised agreement between two of its states: the one comparison of
two revisions. The history's compare page, each revision's summary, the agreement page's "what
changed since every party agreed", and the agree and update pages' "what changed since you
opened this page" all use it; its word-by-word core is shared with the comparison of template
versions (``versioning.comparison``: ``compare_words``, ``ChangedWords``, ``numbered_heading``).

Sections (the person and the parties, then each block of the body) are matched by block id, so
a moved area is compared with itself; inside a section each part is compared on its own: an
area's relevance, its shared commitment, each party's prompts, what it means for the person and
its actions; a clause's heading and each paragraph. List items (prompts, actions, paragraphs)
are matched by their ids, so each shows as added, removed or changed. Any other block an editor
builds from the block library is read field by field, with the blocks' own labels.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import blocks

from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from personalised.models import PersonalisedAgreement
from personalised.updates.display import words
from versioning.comparison import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    ChangedWords,
    WordRun,
    compare_words,
    numbered_heading,
    trimmed_runs,
)

__all__ = ["ADDED", "CHANGED", "REMOVED", "UNCHANGED", "Line", "Part", "SectionChanges"]

# Fields that hold no words a reader reads (keys, switches) in blocks read field by field.
_NOT_READ = {
    "reference_key",
    "clause",
    "numbered",
    "continue_numbering",
    "signs_as",
    "relevant",
    "this_means",
    "actions",
}
# What the practitioner wrote (rich text, actions) and keys: not template text to personalise.
_NOT_TEMPLATE_TEXT = {"id", "type", "reference_key", "clause", "this_means", "actions"}


@dataclass(frozen=True)
class Line:
    """One prompt, action, paragraph or value: added, removed or changed, word by word."""

    status: str
    runs: list[WordRun]

    @property
    def display_runs(self) -> list[WordRun]:
        return trimmed_runs(self.runs) if self.status == CHANGED else self.runs


@dataclass
class Part:
    """One part of a section, such as "Prompts for Provider" or "Paragraph 2"."""

    label: str
    topic: str  # the word for it in a revision's summary: "prompts", "actions", "paragraphs"
    lines: list[Line]


@dataclass
class SectionChanges(ChangedWords):
    heading: str  # "Area 2: Resources", "Clause 8: Termination", "The person and the parties"
    status: str
    parts: list[Part] = field(default_factory=list)

    @property
    def runs(self) -> list[WordRun]:
        return [run for part in self.parts for line in part.lines for run in line.runs]

    @property
    def summary(self) -> str:
        """In plain words, for a revision's summary: "Changed Area 2: Resources (prompts)"."""
        if self.status == ADDED:
            return _("Added %(section)s") % {"section": self.heading}
        if self.status == REMOVED:
            return _("Removed %(section)s") % {"section": self.heading}
        topics = ", ".join(dict.fromkeys(part.topic for part in self.parts))
        return _("Changed %(section)s (%(parts)s)") % {"section": self.heading, "parts": topics}


# --------------------------------------------------------------------------- lines and parts


def _line(old: str | None, new: str | None, whole: bool = False) -> Line | None:
    """None when both say the same; ``None`` for a side means it is not there at all.
    ``whole``: a change shows the old words then the new, not word by word."""
    old, new = old or "", new or ""
    if old == new:
        return None
    if not old:
        return Line(ADDED, [WordRun("insert", new)])
    if not new:
        return Line(REMOVED, [WordRun("delete", old)])
    if whole:
        return Line(CHANGED, [WordRun("delete", old), WordRun("insert", new)])
    return Line(CHANGED, compare_words(old, new))


def _lines(lines: Iterable[Line | None]) -> list[Line]:
    return [line for line in lines if line is not None]


def _part(
    label: str, topic: str, old: str | None, new: str | None, whole: bool = False
) -> list[Part]:
    lines = _lines([_line(old, new, whole)])
    return [Part(label, topic, lines)] if lines else []


def _item_id(item: Any, index: int) -> str:
    return str(item.get("id") or f"@{index}") if isinstance(item, dict) else f"@{index}"


def _value(item: Any) -> Any:
    return item["value"] if isinstance(item, dict) and "value" in item else item


def _list_lines(old: list, new: list, text=words) -> list[Line]:
    """List items matched by id: the newer list's order, then the items only the older had."""
    old_items = {_item_id(item, index): item for index, item in enumerate(old or [])}
    lines = []
    for index, item in enumerate(new or []):
        before = old_items.pop(_item_id(item, index), None)
        lines.append(_line(text(_value(before)) if before else None, text(_value(item))))
    lines.extend(_line(text(_value(item)), None) for item in old_items.values())
    return _lines(lines)


def _list_part(label: str, topic: str, old: list, new: list, text=words) -> list[Part]:
    lines = _list_lines(old, new, text)
    return [Part(label, topic, lines)] if lines else []


# --------------------------------------------------------------------------- areas


def _relevance(value: dict) -> str:
    if value.get("relevant", True):
        return _("Relevant to the person.")
    return _("Left out: not relevant to the person.")


def _action(value: dict) -> str:
    when = value.get("by_when")
    day = parse_date(when) if isinstance(when, str) else when
    if day:
        return _("%(who)s will %(what)s (by %(when)s)") % {
            "who": value.get("who", ""),
            "what": value.get("what", ""),
            "when": date_format(day, "j F Y"),
        }
    return _("%(who)s will %(what)s (no date)") % {
        "who": value.get("who", ""),
        "what": value.get("what", ""),
    }


def _columns(old: list, new: list) -> list[tuple[str, list, list]]:
    """Each party's column in both versions (matched by id, else by party), newer order first."""
    by_id = {_item_id(item, index): item for index, item in enumerate(old)}
    by_party = {str(_value(item).get("party", "")).casefold(): item for item in old}
    columns = []
    for index, item in enumerate(new):
        value = _value(item)
        before = by_id.get(_item_id(item, index)) or by_party.get(
            str(value.get("party", "")).casefold()
        )
        if before is not None:
            by_id = {key: other for key, other in by_id.items() if other is not before}
        columns.append(
            (value.get("party", ""), _value(before)["prompts"] if before else [], value["prompts"])
        )
    columns.extend(
        (_value(item).get("party", ""), _value(item)["prompts"], []) for item in by_id.values()
    )
    return columns


def _area_parts(old: dict, new: dict) -> list[Part]:
    parts = _part(_("Title"), _("title"), old.get("title"), new.get("title"))
    parts += _part(_("Relevance"), _("relevance"), _relevance(old), _relevance(new), whole=True)
    parts += _list_part(
        _("Shared commitment"), _("commitment"), old.get("commitments"), new.get("commitments")
    )
    for party, old_prompts, new_prompts in _columns(
        old.get("party_prompts") or [], new.get("party_prompts") or []
    ):
        parts += _list_part(
            _("Prompts for %(party)s") % {"party": party}, _("prompts"), old_prompts, new_prompts
        )
    parts += _part(
        _("Heading of the personalisation space"),
        _("headings"),
        old.get("this_means_label"),
        new.get("this_means_label"),
    )
    parts += _part(
        _("This means"),
        _("this means"),
        words(old.get("this_means") or ""),
        words(new.get("this_means") or ""),
    )
    parts += _list_part(
        _("Actions"), _("actions"), old.get("actions"), new.get("actions"), text=_action
    )
    return parts


# --------------------------------------------------------------------------- clauses


def _content_label(item: dict, position: int, numbering: Numbering) -> str:
    if item.get("type") == "sub_clause":
        return _("Sub-clause %(number)s") % {"number": numbering.number(item.get("id"))}
    if item.get("type") == "subheading":
        return _("Subheading")
    return _("Paragraph %(number)d") % {"number": position}


def _clause_parts(old: dict, new: dict, old_numbering, new_numbering) -> list[Part]:
    parts = _part(_("Heading"), _("heading"), old.get("heading"), new.get("heading"))
    old_items = {
        _item_id(item, index): (index, item) for index, item in enumerate(old.get("content", []))
    }
    for index, item in enumerate(new.get("content", [])):
        before = old_items.pop(_item_id(item, index), None)
        parts += _part(
            _content_label(item, index + 1, new_numbering),
            _("paragraphs"),
            words(before[1]) if before else None,
            words(item),
        )
    for index, item in old_items.values():
        parts += _part(
            _content_label(item, index + 1, old_numbering), _("paragraphs"), words(item), None
        )
    return parts


# --------------------------------------------------------------------------- any other block


def _field_parts(definition, old: dict, new: dict) -> list[Part]:
    """A block an editor built from the library, field by field, with its own labels."""
    parts = []
    children = getattr(definition, "child_blocks", {})
    for name in dict.fromkeys([*new, *old]):
        if name in _NOT_READ:
            continue
        child = children.get(name)
        label = str(child.label) if child is not None else name
        before, after = old.get(name), new.get(name)
        if isinstance(child, blocks.ListBlock | blocks.StreamBlock):
            parts += _list_part(label, label.lower(), before or [], after or [])
        else:
            parts += _part(label, label.lower(), words(before), words(after))
    return parts


# --------------------------------------------------------------------------- sections


def _for_the_person(data: Any, agreement: PersonalisedAgreement) -> Any:
    """Template text as the agreement reads it: the person's name in each blank and their own
    pronouns for each marker (``{their}``), so a comparison reads as the agreement does."""
    if isinstance(data, str):
        return personalise_for(data, agreement)
    if isinstance(data, dict):
        return {
            key: value if key in _NOT_TEMPLATE_TEXT else _for_the_person(value, agreement)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_for_the_person(item, agreement) for item in data]
    return data


def _heading(child, numbering: Numbering, agreement: PersonalisedAgreement) -> str:
    """The heading template versions' comparison gives, its title as ``agreement`` reads it."""
    return numbered_heading(child, numbering, lambda title: personalise_for(title, agreement))


def _raw(child, agreement: PersonalisedAgreement) -> dict:
    """The block's raw data, its template text as ``agreement`` reads it."""
    value = child.block.get_prep_value(child.value)
    return _for_the_person(value if isinstance(value, dict) else {"value": value}, agreement)


def _parts(child, old: dict, new: dict, old_numbering, new_numbering) -> list[Part]:
    if child.block_type == "area":
        return _area_parts(old, new)
    if child.block_type == "clause":
        return _clause_parts(old, new, old_numbering, new_numbering)
    return _field_parts(child.block, old, new)


def _details(agreement: PersonalisedAgreement) -> dict[str, tuple[str, str]]:
    """Each detail by a key both states share: (label, value). Each party by its key, so a
    party is compared with itself; it reads as its role ("Provider")."""
    review = date_format(agreement.review_date, "j F Y") if agreement.review_date else ""
    details = {
        "person_name": (_("Full name"), agreement.person_name),
        "known_as": (_("How to refer to them"), agreement.known_as),
        "pronouns": (_("Pronouns"), str(agreement.get_pronouns_display())),
    }
    for party in agreement.party_list():
        details[f"party:{party.key}"] = (party.label, party.who)
    details["review_date"] = (_("Review date"), review)
    return details


def _blank_details(
    old: PersonalisedAgreement, new: PersonalisedAgreement
) -> list[tuple[str, str, str]]:
    """Each blank either state asks for: its label, and its value in each ("" if not filled)."""
    old_blanks, new_blanks = old.filled_blanks(), new.filled_blanks()
    keys = [
        *new_blanks.declarations,
        *(k for k in old_blanks.declarations if k not in new_blanks.declarations),
    ]
    rows = []
    for key in keys:
        blank = new_blanks.declarations.get(key) or old_blanks.declarations[key]
        if blank.is_person_name:
            continue
        rows.append((blank.label or key, old_blanks.text(key) or "", new_blanks.text(key) or ""))
    return rows


def _details_section(old: PersonalisedAgreement, new: PersonalisedAgreement) -> SectionChanges:
    parts = []
    before, after = _details(old), _details(new)
    for key in dict.fromkeys([*after, *before]):
        label = (after.get(key) or before.get(key))[0]
        parts += _part(
            label,
            str(label).lower(),
            (before.get(key) or ("", ""))[1],
            (after.get(key) or ("", ""))[1],
        )
    for label, before_value, after_value in _blank_details(old, new):
        parts += _part(label, str(label).lower(), before_value, after_value)
    return SectionChanges(_("The person and the parties"), CHANGED if parts else UNCHANGED, parts)


def compare_agreements(
    old: PersonalisedAgreement, new: PersonalisedAgreement
) -> list[SectionChanges]:
    """Every section, changed or not: the person and the parties, each block of the newer
    state in order, then the blocks only the older one had (removed). Template text reads
    as the newer state names the person, so a change of name or pronouns shows once, in
    the person's details, rather than in every sentence."""
    old_numbering, new_numbering = Numbering(old.body), Numbering(new.body)
    old_blocks = {child.id: child for child in old.body}
    sections = [_details_section(old, new)]
    for child in new.body:
        heading = _heading(child, new_numbering, new)
        new_raw = _raw(child, new)
        before = old_blocks.pop(child.id, None)
        if before is None or before.block_type != child.block_type:
            if before is not None:
                old_blocks[child.id] = before  # another kind of block now: removed, then added
            parts = _parts(child, {}, new_raw, old_numbering, new_numbering)
            sections.append(SectionChanges(heading, ADDED, parts))
            continue
        parts = _parts(child, _raw(before, new), new_raw, old_numbering, new_numbering)
        sections.append(SectionChanges(heading, CHANGED if parts else UNCHANGED, parts))
    for child in old_blocks.values():
        parts = _parts(child, _raw(child, new), {}, old_numbering, new_numbering)
        sections.append(SectionChanges(_heading(child, old_numbering, new), REMOVED, parts))
    return sections


def changes_between(old: PersonalisedAgreement, new: PersonalisedAgreement) -> list[SectionChanges]:
    """Only the sections that changed."""
    return [section for section in compare_agreements(old, new) if section.status != UNCHANGED]


def changes_since_opened(
    agreement: PersonalisedAgreement, opened_revision: int | None
) -> list[SectionChanges]:
    """What changed between the revision a page was opened on and the agreement as it is now:
    what a refused save (``concurrency.ChangedSinceOpened``) shows on the agree and update
    pages. Nothing when that revision is not the agreement's."""
    opened = agreement.revisions.filter(pk=opened_revision).first() if opened_revision else None
    return changes_between(opened.as_object(), agreement) if opened is not None else []

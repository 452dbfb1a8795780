"""Template changes as a practitioner reads them: which section, which part, and the words
before, after and in the agreement now, grouped by section in the live version's order; and
:class:`UpdateReviewPage`, the review page's changes with the form field that decides each."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail import blocks

from agreements.blocks import AgreementBodyBlock
from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from personalised.editing.forms import MAX_PROMPT_LENGTH
from personalised.models import PersonalisedAgreement
from personalised.people.reopening import ask_to_confirm_reopening
from personalised.updates.changes import ADDED, CHANGED, MISSING, MOVED, REMOVED, Change
from personalised.updates.forms import LATER, UpdateReviewForm
from personalised.updates.services import Outcome, take_updates

# Fields that name a list item (a party's column, a definition, an organisation...).
_NAMING_FIELDS = ("party", "term", "title", "heading", "organisation", "name", "role", "marker")
_NOT_WORDS = {
    "id",
    "type",
    "reference_key",
    "clause",
    "numbered",
    "continue_numbering",
    "signs_as",
}

_BODY_BLOCK = AgreementBodyBlock()

#: As long as a prompt in the area editor may be.
MAX_COMBINED_LENGTH = MAX_PROMPT_LENGTH


@dataclass
class ShownChange:
    change: Change
    what: str  # the part of the section, from the blocks' labels
    summary: str  # e.g. "Added", "Changed", "Moved: now after “Resources”"
    old: str
    new: str
    current: str
    current_missing: bool
    combine_max_length: int | None = None  # a combined wording may be written, this long
    field: Any = None  # the review form's choice for it (a bound field)
    combined_field: Any = None  # the review form's combined wording, when it may have one


@dataclass
class ChangedSection:
    """One section of the agreement with the template changes in it."""

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


def _shown_words(value: Any) -> str:
    """A change's words; a switch an editor turned on or off (such as "Practitioners may change
    this in their agreements") as yes or no, so that the change does not read as empty."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return words(value)


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
    return ", ".join(part.lower() for part in dict.fromkeys(parts)) or str(_("the whole section"))


# ----------------------------------------------------------------------------- places


def _ordinal(number: int) -> str:
    words = [_("first"), _("second"), _("third"), _("fourth"), _("fifth"), _("sixth")]
    words += [_("seventh"), _("eighth"), _("ninth"), _("tenth")]
    return words[number - 1] if 0 < number <= len(words) else _("number %(n)d") % {"n": number}


def _position(items: Any, item_id: str) -> tuple[int, dict | None]:
    """The 1-based place of the item with ``item_id`` in a raw list, and the item."""
    for index, item in enumerate(items or [], start=1):
        if isinstance(item, dict) and str(item.get("id")) == item_id:
            return index, item
    return 0, None


def _section_place(block: dict, numbering: Numbering) -> str:
    """ "Area 3, Listening and communication", "Clause 8, Termination"."""
    value = block.get("value") if isinstance(block.get("value"), dict) else {}
    title = value.get("title") or value.get("heading") or ""
    number = numbering.number(str(block.get("id")))
    if block.get("type") == "area":
        return _("Area %(number)s, %(title)s") % {"number": number, "title": title}
    if number and block.get("type") in ("clause", "definitions", "signatories"):
        return _("Clause %(number)s, %(title)s") % {"number": number, "title": title}
    return section_heading(block).replace(": ", ", ", 1)


def _area_place(value: dict, path: tuple[str, ...]) -> str | None:
    if path == ("title",):
        return _("the title")
    if path == ("this_means_label",):
        return _("the heading of the personalisation space")
    if path[:1] == ("commitments",) and len(path) == 2:
        position, _item = _position(value.get("commitments"), path[1])
        return _("the %(ordinal)s sentence of the shared commitment") % {
            "ordinal": _ordinal(position)
        }
    if path[:1] == ("party_prompts",) and len(path) >= 2:
        _index, column = _position(value.get("party_prompts"), path[1])
        party = _item_name(column.get("value")) if column else ""
        rest = path[2:]
        if not rest:
            return _("the prompts for %(party)s") % {"party": party}
        if rest == ("party",):
            return _("the name of the prompts for %(party)s") % {"party": party}
        if rest[:1] == ("prompts",) and len(rest) == 2 and column:
            position, _item = _position(column["value"].get("prompts"), rest[1])
            return _("the %(ordinal)s prompt for %(party)s") % {
                "ordinal": _ordinal(position),
                "party": party,
            }
    return None


def _clause_place(value: dict, path: tuple[str, ...], numbering: Numbering) -> str | None:
    if path == ("heading",):
        return _("the heading")
    if path[:1] != ("content",) or len(path) < 2:
        return None
    position, item = _position(value.get("content"), path[1])
    if item is None:
        return None
    if item.get("type") == "sub_clause":
        place = _("sub-clause %(number)s") % {"number": numbering.number(path[1])}
        inner = path[2:]
        if inner[:1] == ("content",) and len(inner) >= 2:
            sub_position, _item = _position(item["value"].get("content"), inner[1])
            place = _("%(place)s, paragraph %(number)d") % {
                "place": place,
                "number": sub_position,
            }
        return place
    place = _("paragraph %(number)d") % {"number": position}
    if len(path) == 4 and path[2] == "items":
        item_position, _item = _position(item["value"].get("items"), path[3])
        place = _("%(place)s, item %(number)d") % {"place": place, "number": item_position}
    return place


def place_of(
    block: dict, path: tuple[str, ...], numbering: Numbering, section: str | None = None
) -> str:
    """Where a change is, in plain words: "Area 3, Listening and communication: the second
    prompt for Local Authority"; "Clause 8, Termination: paragraph 2". Blocks other than areas
    and clauses are named by their own labels. ``section``: the section's name, when it is read
    from another version than the part (a prompt removed from an area still there)."""
    section = section or _section_place(block, numbering)
    if not path:
        return section
    value = block.get("value") if isinstance(block.get("value"), dict) else {}
    inner = None
    if block.get("type") == "area":
        inner = _area_place(value, path)
    elif block.get("type") == "clause":
        inner = _clause_place(value, path, numbering)
    if inner is None:
        inner = _describe_path(block, path)
    return _("%(section)s: %(place)s") % {"section": section, "place": inner}


def _numbering(body: list) -> Numbering:
    return Numbering(_BODY_BLOCK.to_python(body))


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


def shown_sections(source: list, live: list, changes: list[Change]) -> list[ChangedSection]:
    blocks_by_id = _blocks_by_id(live, source)
    live_blocks, source_blocks = _blocks_by_id(live), _blocks_by_id(source)
    live_numbering, source_numbering = _numbering(live), _numbering(source)
    sections: dict[str, ChangedSection] = {}
    for change in changes:
        block = blocks_by_id.get(change.block_id)
        section = sections.get(change.block_id)
        if section is None:
            section = sections[change.block_id] = ChangedSection(
                change.block_id, section_heading(block)
            )
        inner = change.path[1:]
        # What was removed is only in the source version: its place is read from there.
        removed = change.kind == REMOVED or change.block_id not in live_blocks
        described = (source_blocks if removed else live_blocks).get(change.block_id) or block
        numbering = source_numbering if removed else live_numbering
        section_place = None
        if change.block_id in live_blocks:
            section_place = _section_place(live_blocks[change.block_id], live_numbering)
        what = ""
        if described is not None:
            what = place_of(described, inner, numbering, section_place)
        old = "" if change.kind == MOVED else _shown_words(change.old)
        new = "" if change.kind in (MOVED, REMOVED) else _shown_words(change.new)
        section.changes.append(
            ShownChange(
                change=change,
                what=what,
                summary=_summary(change, blocks_by_id),
                old=old,
                new=new,
                current=words(change.current),
                current_missing=change.current is MISSING,
                combine_max_length=combinable_length(change, described),
            )
        )
    return list(sections.values())


# ----------------------------------------------------------------------------- combining


def _definition_at(block: dict, path: tuple[str, ...]):
    """The block definition of the value at ``path`` inside one top-level block."""
    definition = _BODY_BLOCK.child_blocks.get(block.get("type"))
    value: Any = block.get("value")
    for step in path:
        if isinstance(definition, blocks.StructBlock):
            definition = definition.child_blocks.get(step)
            value = value.get(step) if isinstance(value, dict) else None
        elif isinstance(definition, blocks.ListBlock | blocks.StreamBlock):
            _index, item = _position(value, step)
            if isinstance(definition, blocks.ListBlock):
                definition = definition.child_block
            else:
                definition = definition.child_blocks.get(item.get("type")) if item else None
            value = item.get("value") if item else None
        else:
            return None
    return definition


def combinable_length(change: Change, block: dict | None) -> int | None:
    """The longest combined wording a conflict can be given, or None when it cannot be: only
    a change of one piece of plain text (a prompt, a sentence, a paragraph, a heading) that
    the practitioner has changed, whose words can be put together."""
    if block is None or not change.conflict or change.kind != CHANGED:
        return None
    if not all(isinstance(value, str) for value in (change.old, change.new, change.current)):
        return None
    definition = _definition_at(block, change.path[1:])
    if not isinstance(definition, blocks.CharBlock | blocks.TextBlock):
        return None
    limit = getattr(definition.field, "max_length", None)
    return min(limit or MAX_COMBINED_LENGTH, MAX_COMBINED_LENGTH)


# ----------------------------------------------------------------------------- the review page


class UpdateReviewPage:
    """One template update review as its page shows it, built once per request: the changes
    grouped by section, worded as the agreement reads them, each with the form field that
    decides it. ``updates``: ``updating.updates_for(agreement)`` (None: nothing to review)."""

    def __init__(self, agreement: PersonalisedAgreement, updates, data=None):
        self.agreement = agreement
        self.updates = updates
        self.sections = (
            shown_sections(updates.review.source, updates.review.live, updates.changes)
            if updates is not None
            else []
        )
        shown_changes = [shown for section in self.sections for shown in section.changes]
        self.form = UpdateReviewForm(
            data,
            changes=updates.changes if updates is not None else [],
            based_on=agreement.latest_revision_id,
            live_revision=updates.live_revision_id if updates is not None else None,
            combinable={
                shown.change.token: shown.combine_max_length
                for shown in shown_changes
                if shown.combine_max_length
            },
            agreement=agreement,
        )
        if updates is not None:
            # Taking or declining changes makes a new revision: anyone who agreed is asked again.
            ask_to_confirm_reopening(self.form, agreement)
        for section in self.sections:
            # Titles are template text: the person's name and pronouns in place, as on the page.
            section.heading = self._for_the_person(section.heading)
        for shown in shown_changes:
            shown.what = self._for_the_person(shown.what)
            shown.field = self.form[self.form.field_name(shown.change)]
            if self.form.combined_name(shown.change) in self.form.fields:
                shown.combined_field = self.form[self.form.combined_name(shown.change)]

    @classmethod
    def again(cls, agreement: PersonalisedAgreement, updates, submitted) -> "UpdateReviewPage":
        """After a refused save: the review as it is now, based on the agreement and template
        now, keeping the choices made and the wordings typed for the changes still offered
        (the others start at "Decide later"), so nothing typed is lost."""
        data = submitted.copy()
        data.pop("accept_all_clear", None)  # the button pressed: pressing it again is a choice
        data["based_on"] = str(agreement.latest_revision_id or "")
        data["live_revision"] = str(updates.live_revision_id) if updates is not None else ""
        for change in updates.changes if updates is not None else []:
            data.setdefault(UpdateReviewForm.field_name(change), LATER)
        return cls(agreement, updates, data=data)

    def save(self, user) -> Outcome:
        """Take the choices of the valid form (see ``updating.take_updates``, which refuses
        with ``concurrency.ChangedSinceOpened`` or ``updating.BrokenReferences``)."""
        return take_updates(
            self.agreement,
            user=user,
            based_on=self.form.cleaned_data["based_on"],
            live_revision=self.form.cleaned_data["live_revision"],
            accepted=self.form.accepted(),
            declined=self.form.declined(),
            combined=self.form.combined(),
        )

    def _for_the_person(self, text: str) -> str:
        return personalise_for(text, self.agreement)

    @property
    def conflict_count(self) -> int:
        return len(self.updates.review.conflicts) if self.updates is not None else 0

    def context(self, status_message: str = "", changes_since_opened=None) -> dict:
        """The page's template context. ``changes_since_opened``: after a refused save, what
        someone else changed in the agreement since this page was opened."""
        return {
            "agreement": self.agreement,
            "updates": self.updates,
            "sections": self.sections,
            "form": self.form,
            "conflict_count": self.conflict_count,
            "status_message": status_message,
            "changes": changes_since_opened,
        }

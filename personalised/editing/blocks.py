"""Editing the template's other blocks in a personalised agreement, where the template's editors
allow it (``practitioners_may_edit``): a clause, a text section, definitions, a schedule table.

What a practitioner may change, block by block (areas have their own editor):

- a clause: the words of each paragraph, list item and sub-clause paragraph, and the sentence
  around a cross-reference. Paragraphs and list items can be removed (each clause, sub-clause
  and list keeps at least one) and items added to a list. The heading, subheadings, sub-clauses
  and the clause a reference points to stay as they are, so that no clause or sub-clause is
  renumbered and no reference breaks under the parties.
- a text section: its text, rewritten in the same plain box as "this means" and sanitised the
  same way (``personalised.sanitising``). The heading stays.
- definitions: what each term means; definitions can be removed (one stays) and one added per
  save. Terms stay as they are: other clauses use them.
- a schedule table: every cell of every row; rows can be removed (one stays) and one added per
  save. Column headings, the introduction and footnotes stay.

Every change keeps the ids of the blocks and list items it keeps (new ones get fresh ids), so
template updates match it as they match areas (``personalised.updates.changes``). Words left as
the editor showed them are saved as the template wrote them (blank and pronoun markers kept), so
they still match the template's, and only the pieces the practitioner really changed conflict
with a later template change.

Only the fields built here from the agreement's own block are read from a request: a crafted
POST cannot change a heading, a term or a block whose template does not allow it.
"""

import dataclasses
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.templatetags.wagtailcore_tags import richtext

from agreements.blocks import EDITABLE_BLOCK_TYPES, PRACTITIONERS_MAY_EDIT
from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from agreements.templatetags.agreement_tags import person_blanks_html
from agreements.text_limits import StatedLimitsFormMixin, _stated_limit, _without_maxlength
from personalised.concurrency import ChangedSinceOpened, save_change
from personalised.editing.forms import BasedOnMixin
from personalised.models import PersonalisedAgreement
from personalised.sanitising import clean_rich_text, html_to_text

MAX_PARAGRAPH_LENGTH = 5000
MAX_NEW_ITEMS_LENGTH = 5000
MAX_CELL_LENGTH = 1000
MAX_TERM_LENGTH = 255
MAX_TEXT_LENGTH = 20_000
MAX_ITEMS_PER_LIST = 50
MAX_DEFINITIONS = 100
MAX_ROWS = 200

TEXT_HELP = gettext_lazy(
    "Write in plain words. Leave an empty line between paragraphs. To make a list, start each "
    "line with a dash and a space (“- ”), or with a number and a full stop (“1. ”) for a "
    "numbered list."
)


class NotEditable(LookupError):
    """The agreement has no such block, or its template does not let practitioners change it."""


def may_be_edited(block_type: str, value: Any) -> bool:
    """Whether practitioners may change a (non-area) block of an agreement: its type is one an
    editor can open, and the template version the agreement follows opened it."""
    if block_type not in EDITABLE_BLOCK_TYPES or not hasattr(value, "get"):
        return False
    return bool(value.get(PRACTITIONERS_MAY_EDIT))


def editable_raw_block(agreement: PersonalisedAgreement, block_id: str) -> dict:
    """The raw data of one block of the agreement that practitioners may change, else
    :class:`NotEditable`."""
    for block in agreement.body.raw_data:
        if block.get("id") == block_id:
            if may_be_edited(block.get("type"), block.get("value")):
                return block
            break
    raise NotEditable(block_id)


def for_the_person(agreement: PersonalisedAgreement, text: str) -> str:
    """Template text as the agreement reads it: the person's name and pronouns in place."""
    return personalise_for(text, agreement)


def _same_words(one: str, other: str) -> bool:
    return " ".join((one or "").split()) == " ".join((other or "").split())


def _new_id() -> str:
    return str(uuid.uuid4())


def _key(item: dict, index: int) -> str:
    # Agreements are forked with an id on every item; position stands in for one without.
    return str(item.get("id") or f"at-{index}")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass
class Piece:
    """One piece of text the form edits: its field, and the stored words it starts from."""

    name: str
    raw: str
    removable: str | None = None  # the name of its "Remove" box, if it can be removed


@dataclass
class Part:
    """One thing in the block, in reading order, as the editor page shows it."""

    kind: str  # paragraph, subheading, list, cross_reference, sub_clause, definition, row
    label: str = ""
    text: str = ""  # fixed words shown (a subheading, a term, a reference)
    field: Any = None
    remove: Any = None
    items: list = dataclasses.field(
        default_factory=list
    )  # a list's items, a row's cells: (field, remove)
    new: Any = None  # a list's new items
    before: Any = None
    after: Any = None
    parts: list = dataclasses.field(default_factory=list)  # a sub-clause's content


class BlockForm(StatedLimitsFormMixin, BasedOnMixin):
    """The fields are added by the block's editor, from the agreement's own block."""


class BlockEditor:
    """The form of one editable block, built once per request from the agreement's block, with
    :meth:`save` to save it as a new revision (concurrency as for areas)."""

    kind = ""

    def __init__(self, agreement: PersonalisedAgreement, block_id: str, data=None):
        self.agreement = agreement
        self.block_id = block_id
        self.raw = editable_raw_block(agreement, block_id)
        self.form = BlockForm(data, initial={"based_on": agreement.latest_revision_id})
        self.pieces: dict[str, Piece] = {}
        self.parts: list[Part] = []
        self.build(self.raw["value"])

    def add_field(self, name: str, form_field: forms.Field) -> None:
        """Add a field to the form, its length limit said (as ``StatedLimitsFormMixin`` does for
        the fields a form is made with) before any bound field reads its help text."""
        if isinstance(form_field, forms.CharField) and form_field.max_length:
            form_field.help_text = _stated_limit(form_field.help_text, form_field.max_length)
            _without_maxlength(form_field)
        self.form.fields[name] = form_field

    # Building ---------------------------------------------------------------------------

    def build(self, value: dict) -> None:
        raise NotImplementedError

    def _text_field(
        self,
        name: str,
        raw: str,
        label: str,
        *,
        required: bool = True,
        max_length: int = MAX_PARAGRAPH_LENGTH,
        rows: int = 3,
        removable: bool = False,
    ):
        self.add_field(
            name,
            forms.CharField(
                label=label,
                required=False,  # checked in check(), so that removing needs no words
                max_length=max_length,
                initial=for_the_person(self.agreement, raw),
                widget=forms.Textarea(attrs={"rows": rows}),
            ),
        )
        self.form.fields[name].piece_required = required
        remove = None
        if removable:
            remove = f"remove-{name}"
            self.add_field(remove, forms.BooleanField(label=_("Remove this"), required=False))
        self.pieces[name] = Piece(name, raw, remove)
        return self.form[name], (self.form[remove] if remove else None)

    def _new_lines_field(self, name: str, label: str):
        self.add_field(
            name,
            forms.CharField(
                label=label,
                required=False,
                max_length=MAX_NEW_ITEMS_LENGTH,
                help_text=_("One item per line."),
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
        )
        return self.form[name]

    # Validating -------------------------------------------------------------------------

    def is_valid(self) -> bool:
        # The block's own checks run even when a field is refused, so every problem is told at
        # once (they read only the fields that were cleaned).
        self.form.is_valid()
        self.check()
        return not self.form.errors

    def check(self) -> None:
        """Required words written, and every list or stream left with at least one piece."""
        for piece in self.pieces.values():
            if self.removed(piece):
                continue
            if self.form.fields[piece.name].piece_required and not self.typed(piece.name):
                self.form.add_error(piece.name, _("Write the words here, or remove them."))

    def removed(self, piece: Piece) -> bool:
        return bool(piece.removable and self.form.cleaned_data.get(piece.removable))

    def typed(self, name: str) -> str:
        return (self.form.cleaned_data.get(name) or "").strip()

    def kept_or_typed(self, name: str) -> str:
        """What was typed, or the stored words when they were left as shown: template words
        then still match the template's, and follow the person's pronouns if they change."""
        piece = self.pieces[name]
        typed = self.typed(name)
        if _same_words(typed, for_the_person(self.agreement, piece.raw)):
            return piece.raw
        return typed

    def errors(self) -> list[tuple[str, str]]:
        """Every error, as (the field's id, the message), for the summary at the top."""
        found = [("", str(error)) for error in self.form.non_field_errors()]
        found += [
            (self.form[name].auto_id, str(error))
            for name, errors in self.form.errors.items()
            if name != "__all__"
            for error in errors
        ]
        return found

    # Saving -----------------------------------------------------------------------------

    @property
    def based_on(self) -> int | None:
        return self.form.cleaned_data.get("based_on")

    def apply(self, agreement: PersonalisedAgreement) -> None:
        """Write the cleaned form into the agreement's block (raw stream data, so every block
        and list item keeps its id)."""
        body = [dict(block) for block in agreement.body.raw_data]
        for block in body:
            if block.get("id") == self.block_id:
                if not may_be_edited(block.get("type"), block.get("value")):
                    raise NotEditable(self.block_id)
                block["value"] = self.new_value(dict(block["value"]))
                break
        else:
            raise NotEditable(self.block_id)
        agreement.body = body

    def new_value(self, value: dict) -> dict:
        raise NotImplementedError

    def save(self, user) -> PersonalisedAgreement:
        try:
            return save_change(self.agreement, self.based_on, user, self.apply)
        except ChangedSinceOpened as refused:
            self.form.rebase(refused)
            raise


# --------------------------------------------------------------------------- a clause


class ClauseEditor(BlockEditor):
    kind = "clause"

    def build(self, value: dict) -> None:
        numbering = Numbering(self.agreement.body)
        # Each stream's removable pieces, and how many pieces it has in all.
        self.streams: list[tuple[list[str], int]] = []
        self.lists: list[tuple[str, str, list]] = []  # (new items field, list key, item names)
        self.parts = self._stream_parts(value.get("content") or [], numbering, "")

    def _stream_parts(self, content: list, numbering: Numbering, prefix: str) -> list[Part]:
        parts, names = [], []
        for index, item in enumerate(content):
            key = _key(item, index)
            kind = item.get("type")
            if kind == "paragraph":
                name = f"text-{key}"
                label = _("Paragraph %(number)d") % {"number": index + 1}
                if prefix:
                    label = _("%(sub_clause)s, paragraph %(number)d") % {
                        "sub_clause": prefix,
                        "number": index + 1,
                    }
                bound, remove = self._text_field(name, item["value"], label, removable=True)
                parts.append(Part("paragraph", label=label, field=bound, remove=remove))
                names.append(name)
            elif kind == "list":
                parts.append(self._list_part(item, key, prefix, index))
            elif kind == "cross_reference":
                reference = item["value"]
                section = numbering.reference(reference.get("clause", ""))
                shown = reference.get("label") or (section.heading if section else "")
                number = section.number if section else ""
                before, _remove = self._text_field(
                    f"before-{key}",
                    reference.get("text_before") or "",
                    _("Words before the reference"),
                    required=False,
                )
                after, _remove = self._text_field(
                    f"after-{key}",
                    reference.get("text_after") or "",
                    _("Words after the reference"),
                    required=False,
                    rows=1,
                )
                parts.append(
                    Part(
                        "cross_reference",
                        text=_("clause %(number)s (%(label)s)") % {"number": number, "label": shown}
                        if number
                        else shown,
                        before=before,
                        after=after,
                    )
                )
            elif kind == "sub_clause":
                number = numbering.number(item.get("id"))
                label = _("Sub-clause %(number)s") % {"number": number}
                inner = item["value"].get("content") or []
                parts.append(
                    Part(
                        "sub_clause",
                        label=label,
                        parts=self._stream_parts(inner, numbering, label),
                    )
                )
            elif kind == "subheading":
                parts.append(Part("subheading", text=item["value"]))
        if names:
            self.streams.append((names, len(content)))
        return parts

    def _list_part(self, item: dict, key: str, prefix: str, position: int) -> Part:
        label = _("List in paragraph %(number)d") % {"number": position + 1}
        if prefix:
            label = _("%(sub_clause)s, list in paragraph %(number)d") % {
                "sub_clause": prefix,
                "number": position + 1,
            }
        items, names = [], []
        for index, list_item in enumerate(item["value"].get("items") or []):
            name = f"item-{_key(list_item, index)}"
            bound, remove = self._text_field(
                name,
                list_item["value"],
                _("Item %(number)d") % {"number": index + 1},
                rows=2,
                removable=True,
            )
            items.append((bound, remove))
            names.append(name)
        new = self._new_lines_field(f"new-items-{key}", _("New items for this list"))
        self.lists.append((f"new-items-{key}", key, names))
        return Part("list", label=label, items=items, new=new)

    def check(self) -> None:
        super().check()
        for new_name, _list_key, names in self.lists:
            kept = [name for name in names if not self.removed(self.pieces[name])]
            added = _lines(self.form.cleaned_data.get(new_name))
            if any(len(line) > MAX_PARAGRAPH_LENGTH for line in added):
                self.form.add_error(
                    new_name,
                    _("Each item can be at most %(length)d characters.")
                    % {"length": MAX_PARAGRAPH_LENGTH},
                )
            elif not kept and not added:
                self.form.add_error(new_name, _("A list keeps at least one item."))
            elif len(kept) + len(added) > MAX_ITEMS_PER_LIST:
                self.form.add_error(
                    new_name,
                    _("A list can have at most %(count)d items.") % {"count": MAX_ITEMS_PER_LIST},
                )
        for names, count in self.streams:
            if len(names) == count and all(self.removed(self.pieces[name]) for name in names):
                self.form.add_error(
                    names[0], _("Keep at least one paragraph: a clause cannot be left empty.")
                )

    def new_value(self, value: dict) -> dict:
        value["content"] = self._new_stream(value.get("content") or [])
        return value

    def _new_stream(self, content: list) -> list:
        result = []
        for index, item in enumerate(content):
            key = _key(item, index)
            kind = item.get("type")
            if kind == "paragraph" and f"text-{key}" in self.pieces:
                piece = self.pieces[f"text-{key}"]
                if self.removed(piece):
                    continue
                item = {**item, "value": self.kept_or_typed(piece.name)}
            elif kind == "list" and f"new-items-{key}" in self.form.fields:
                items = []
                for item_index, list_item in enumerate(item["value"].get("items") or []):
                    name = f"item-{_key(list_item, item_index)}"
                    if name not in self.pieces or self.removed(self.pieces[name]):
                        continue
                    items.append({**list_item, "value": self.kept_or_typed(name)})
                items += [
                    {"type": "item", "value": line, "id": _new_id()}
                    for line in _lines(self.form.cleaned_data.get(f"new-items-{key}"))
                ]
                item = {**item, "value": {**item["value"], "items": items}}
            elif kind == "cross_reference" and f"before-{key}" in self.pieces:
                item = {
                    **item,
                    "value": {
                        **item["value"],
                        "text_before": self.kept_or_typed(f"before-{key}"),
                        "text_after": self.kept_or_typed(f"after-{key}"),
                    },
                }
            elif kind == "sub_clause":
                inner = self._new_stream(item["value"].get("content") or [])
                item = {**item, "value": {**item["value"], "content": inner}}
            result.append(item)
        return result


# --------------------------------------------------------------------------- a text section


class TextEditor(BlockEditor):
    kind = "text"

    def build(self, value: dict) -> None:
        self.source = value.get("text") or ""
        self.add_field(
            "text",
            forms.CharField(
                label=_("The text"),
                max_length=MAX_TEXT_LENGTH,
                help_text=TEXT_HELP,
                initial=self._shown(),
                widget=forms.Textarea(attrs={"rows": 12}),
            ),
        )
        self.parts = [Part("text", field=self.form["text"])]

    def _shown(self) -> str:
        """The text as the agreement reads it, in the form the plain box takes."""
        # Wagtail's own rendering of the editors' rich text (links expanded), which it marks safe.
        html = richtext(self.source)
        return html_to_text(str(person_blanks_html(html, self.agreement)))

    def new_value(self, value: dict) -> dict:
        typed = self.form.cleaned_data["text"]
        if _same_words(typed, self._shown()):
            return value  # left as shown: the template's text, as the template wrote it
        cleaned = clean_rich_text(typed)
        value["text"] = cleaned
        return value

    def check(self) -> None:
        typed = self.form.cleaned_data.get("text") or ""
        changed = typed.strip() and not _same_words(typed, self._shown())
        if changed and not clean_rich_text(typed).strip():
            self.form.add_error("text", _("Write the text in words: nothing would be left."))


# --------------------------------------------------------------------------- definitions


class DefinitionsEditor(BlockEditor):
    kind = "definitions"

    def build(self, value: dict) -> None:
        self.definitions: list[tuple[str, str]] = []  # (list item key, meaning field)
        for index, item in enumerate(value.get("definitions") or []):
            key = _key(item, index)
            term = item["value"].get("term", "")
            bound, remove = self._text_field(
                f"meaning-{key}",
                item["value"].get("meaning", ""),
                _("What “%(term)s” means") % {"term": term},
                removable=True,
            )
            self.definitions.append((key, f"meaning-{key}"))
            self.parts.append(Part("definition", label=term, text=term, field=bound, remove=remove))
        self.add_field(
            "new_term",
            forms.CharField(label=_("New term"), required=False, max_length=MAX_TERM_LENGTH),
        )
        self.add_field(
            "new_meaning",
            forms.CharField(
                label=_("What the new term means"),
                required=False,
                max_length=MAX_PARAGRAPH_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
        )

    def check(self) -> None:
        super().check()
        term, meaning = self.typed("new_term"), self.typed("new_meaning")
        if term and not meaning:
            self.form.add_error("new_meaning", _("Write what the new term means."))
        elif meaning and not term:
            self.form.add_error("new_term", _("Write the new term."))
        kept = [name for _key_, name in self.definitions if not self.removed(self.pieces[name])]
        if not kept and not term:
            first = self.definitions[0][1] if self.definitions else "new_term"
            self.form.add_error(first, _("Keep at least one definition."))
        if len(kept) + (1 if term else 0) > MAX_DEFINITIONS:
            self.form.add_error(
                "new_term",
                _("There can be at most %(count)d definitions.") % {"count": MAX_DEFINITIONS},
            )

    def new_value(self, value: dict) -> dict:
        definitions = []
        for index, item in enumerate(value.get("definitions") or []):
            name = f"meaning-{_key(item, index)}"
            if name not in self.pieces or self.removed(self.pieces[name]):
                continue
            meaning = self.kept_or_typed(name)
            definitions.append({**item, "value": {**item["value"], "meaning": meaning}})
        if self.typed("new_term"):
            definitions.append(
                {
                    "type": "item",
                    "value": {"term": self.typed("new_term"), "meaning": self.typed("new_meaning")},
                    "id": _new_id(),
                }
            )
        value["definitions"] = definitions
        return value


# --------------------------------------------------------------------------- a schedule table


class ScheduleEditor(BlockEditor):
    kind = "schedule_table"

    def build(self, value: dict) -> None:
        self.columns = [
            str(column.get("value") if isinstance(column, dict) else column)
            for column in value.get("columns") or []
        ]
        self.rows: list[str] = []  # row keys
        for row_index, row in enumerate(value.get("rows") or []):
            row_key = _key(row, row_index)
            cells = row["value"].get("cells") or []
            items = []
            for column_index, column in enumerate(self.columns):
                cell = cells[column_index] if column_index < len(cells) else None
                raw = cell["value"] if isinstance(cell, dict) else (cell or "")
                bound, _remove = self._text_field(
                    f"cell-{row_key}-{column_index}",
                    raw or "",
                    _("Row %(row)d, %(column)s") % {"row": row_index + 1, "column": column},
                    required=False,
                    max_length=MAX_CELL_LENGTH,
                    rows=2,
                )
                items.append(bound)
            remove = f"remove-row-{row_key}"
            self.add_field(remove, forms.BooleanField(label=_("Remove this row"), required=False))
            self.rows.append(row_key)
            self.parts.append(
                Part(
                    "row",
                    label=_("Row %(number)d") % {"number": row_index + 1},
                    items=items,
                    remove=self.form[remove],
                )
            )
        self.new_row = []
        for column_index, column in enumerate(self.columns):
            name = f"new-cell-{column_index}"
            self.add_field(
                name,
                forms.CharField(
                    label=_("New row, %(column)s") % {"column": column},
                    required=False,
                    max_length=MAX_CELL_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                ),
            )
            self.new_row.append(self.form[name])

    def _row_removed(self, row_key: str) -> bool:
        return bool(self.form.cleaned_data.get(f"remove-row-{row_key}"))

    def _new_cells(self) -> list[str]:
        return [self.typed(f"new-cell-{index}") for index in range(len(self.columns))]

    def check(self) -> None:
        super().check()
        adding = any(self._new_cells())
        kept = [row for row in self.rows if not self._row_removed(row)]
        if not kept and not adding:
            self.form.add_error(
                f"remove-row-{self.rows[0]}" if self.rows else None,
                _("Keep at least one row."),
            )
        if len(kept) + (1 if adding else 0) > MAX_ROWS:
            self.form.add_error(
                None, _("A table can have at most %(count)d rows.") % {"count": MAX_ROWS}
            )

    def new_value(self, value: dict) -> dict:
        rows = []
        for row_index, row in enumerate(value.get("rows") or []):
            row_key = _key(row, row_index)
            if row_key not in self.rows or self._row_removed(row_key):
                continue
            cells = list(row["value"].get("cells") or [])
            texts = [
                self.kept_or_typed(f"cell-{row_key}-{index}") for index in range(len(self.columns))
            ]
            # A short row stays short (the page pads it) unless a cell past its end is written:
            # then the cells before it are kept as empty ones, so each stays in its column.
            while len(texts) > len(cells) and not texts[-1]:
                texts.pop()
            new_cells = [
                {**cells[index], "value": text}
                if index < len(cells) and isinstance(cells[index], dict)
                else {"type": "item", "value": text, "id": _new_id()}
                for index, text in enumerate(texts)
            ]
            rows.append({**row, "value": {**row["value"], "cells": new_cells}})
        new_cells = self._new_cells()
        if any(new_cells):
            rows.append(
                {
                    "type": "item",
                    "value": {
                        "cells": [
                            {"type": "item", "value": text, "id": _new_id()} for text in new_cells
                        ]
                    },
                    "id": _new_id(),
                }
            )
        value["rows"] = rows
        return value


EDITORS: dict[str, type[BlockEditor]] = {
    "clause": ClauseEditor,
    "text": TextEditor,
    "definitions": DefinitionsEditor,
    "schedule_table": ScheduleEditor,
}


def block_editor(agreement: PersonalisedAgreement, block_id: str, data=None) -> BlockEditor:
    """The editor of one block that practitioners may change (else :class:`NotEditable`)."""
    raw = editable_raw_block(agreement, block_id)
    return EDITORS[raw["type"]](agreement, block_id, data)


def block_title(agreement: PersonalisedAgreement, block_id: str) -> str:
    """ "Clause 8: Termination", "Appendix 1: Funding", "Text: About this agreement"."""
    numbering = Numbering(agreement.body)
    for child in agreement.body:
        if child.id != block_id:
            continue
        value = child.value
        number = numbering.number(block_id)
        heading = for_the_person(agreement, value.get("heading") or "")
        if child.block_type in ("clause", "definitions") and number:
            return _("Clause %(number)s: %(heading)s") % {"number": number, "heading": heading}
        if child.block_type == "schedule_table":
            return _("%(label)s %(number)s: %(heading)s") % {
                "label": value.get("appendix_label", ""),
                "number": number,
                "heading": heading,
            }
        return heading or _("Text")
    raise NotEditable(block_id)


__all__ = [
    "EDITORS",
    "BlockEditor",
    "NotEditable",
    "block_editor",
    "block_title",
    "editable_raw_block",
    "for_the_person",
    "may_be_edited",
]

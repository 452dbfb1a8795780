"""A readable comparison of two versions of a template or guidance page.

Blocks are matched by their StreamField block id, so a section that moved is compared with
itself, and each section's words are compared with difflib: the result lists, section by
section (area, clause, appendix ...), the words removed and the words added.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from agreements.block_text import block_text
from agreements.markers import as_written
from agreements.numbering import Numbering

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"

#: Unchanged words kept either side of a change when a long passage is cut short.
CONTEXT_WORDS = 8


@dataclass(frozen=True)
class WordRun:
    """A run of words that are the same in both versions, or only in the old or the new."""

    kind: str  # "equal", "delete" or "insert"
    text: str


class ChangedWords:
    """The words a comparison removed and added, read from its ``runs``."""

    @property
    def removed_words(self) -> list[str]:
        return [word for run in self.runs if run.kind == "delete" for word in run.text.split()]

    @property
    def added_words(self) -> list[str]:
        return [word for run in self.runs if run.kind == "insert" for word in run.text.split()]


@dataclass
class SectionComparison(ChangedWords):
    heading: str
    status: str
    runs: list[WordRun] = field(default_factory=list)

    @property
    def display_runs(self) -> list[WordRun]:
        """The runs to show a reader: long unchanged stretches of a changed section are cut
        down to the words either side of each change."""
        if self.status != CHANGED:
            return self.runs
        return trimmed_runs(self.runs)


def trimmed_runs(runs: list[WordRun]) -> list[WordRun]:
    """Long unchanged stretches cut down to the words either side of each change."""
    shown = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        words = run.text.split()
        if run.kind != "equal" or len(words) <= 2 * CONTEXT_WORDS + 4:
            shown.append(run)
            continue
        head = words[:CONTEXT_WORDS] if index > 0 else []
        tail = words[-CONTEXT_WORDS:] if index < last else []
        shown.append(WordRun("equal", " ".join([*head, "…", *tail])))
    return shown


def compare_words(old_text: str, new_text: str) -> list[WordRun]:
    old_words, new_words = old_text.split(), new_text.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    runs = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            runs.append(WordRun("delete", " ".join(old_words[old_start:old_end])))
        if operation in ("insert", "replace"):
            runs.append(WordRun("insert", " ".join(new_words[new_start:new_end])))
        if operation == "equal":
            runs.append(WordRun("equal", " ".join(old_words[old_start:old_end])))
    return runs


def _text(child) -> str:
    return block_text(child.block, child.value)


def numbered_heading(child, numbering: Numbering, read: Callable[[str], str] = as_written) -> str:
    """A section's heading in a comparison: "Area 2: Resources", "Clause 8: Termination".
    ``read``: how the title's template text reads (as written; for an agreement, personalised)."""
    number = numbering.number(child.id)
    value = child.value
    title = read(value.get("title") or value.get("heading") or str(child.block.label))
    if child.block_type == "area":
        return _("Area %(number)s: %(title)s") % {"number": number, "title": title}
    if child.block_type in ("clause", "definitions", "signatories") and number:
        return _("Clause %(number)s: %(title)s") % {"number": number, "title": title}
    if child.block_type == "schedule_table":
        return f"{value['appendix_label']} {number}: {title}"
    return str(title)


def _introduction_text(page: Page) -> str:
    parts = [page.title, getattr(page, "provenance", ""), getattr(page, "summary", "")]
    intro = getattr(page, "intro", "")
    parts.append(strip_tags(intro.source if isinstance(intro, RichText) else intro))
    return as_written(" ".join(part for part in parts if part))


def compare_pages(old: Page, new: Page) -> list[SectionComparison]:
    """Sections of the newer version in order, with sections the older one had and the newer
    one dropped shown where they used to be."""
    old_numbering, new_numbering = Numbering(old.body), Numbering(new.body)
    old_blocks = {child.id: (index, child) for index, child in enumerate(old.body)}
    new_ids = {child.id for child in new.body}

    sections = [_section(_("Introduction"), _introduction_text(old), _introduction_text(new))]
    removed = [
        (index, child) for child_id, (index, child) in old_blocks.items() if child_id not in new_ids
    ]
    for child in new.body:
        if child.id in old_blocks:
            old_index, old_child = old_blocks[child.id]
            while removed and removed[0][0] < old_index:
                sections.append(_removed_section(removed.pop(0)[1], old_numbering))
            sections.append(
                _section(numbered_heading(child, new_numbering), _text(old_child), _text(child))
            )
        else:
            sections.append(
                SectionComparison(
                    numbered_heading(child, new_numbering), ADDED, [WordRun("insert", _text(child))]
                )
            )
    sections.extend(_removed_section(child, old_numbering) for _, child in removed)
    return sections


def _section(heading: str, old_text: str, new_text: str) -> SectionComparison:
    if old_text == new_text:
        return SectionComparison(heading, UNCHANGED, [WordRun("equal", new_text)])
    return SectionComparison(heading, CHANGED, compare_words(old_text, new_text))


def _removed_section(child, numbering: Numbering) -> SectionComparison:
    return SectionComparison(
        numbered_heading(child, numbering), REMOVED, [WordRun("delete", _text(child))]
    )

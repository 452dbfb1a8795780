"""Which parts of a page a search matched: the areas, clauses or guidance blocks to link to.

Wagtail's search finds the pages; this finds, in each page's live body, every block that holds
all of the query's words (or, failing that, the one that holds most of them), so each can be a
result of its own linking straight to ``#area-3`` or ``#clause-termination`` and quoting the
words around the match. Words match by their stems (``search.stems``): "outcome" matches
"outcomes".
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Page

from agreements.block_text import block_text
from agreements.models import TemplatePage
from agreements.numbering import Numbering
from guidance.areas import area_links

from .stems import stem

_WORD_RE = re.compile(r"\w+")
#: Words either side of the first matched word in an excerpt.
EXCERPT_WORDS = 12
#: Words too common to point at a block (most are in every block), as PostgreSQL's English
#: configuration ignores them too; a query of nothing else still uses them.
STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have",
        "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our",
        "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "you",
        "your",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ExcerptPart:
    text: str
    matched: bool


@dataclass(frozen=True)
class Match:
    anchor: str
    heading: str
    excerpt: list[ExcerptPart]


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(word.lower() for word in _WORD_RE.findall(query)))


def key_words(query: str) -> list[str]:
    """The query's words that a result must hold: all but the stop words, unless that is all
    there is."""
    words = query_words(query)
    return [word for word in words if word not in STOP_WORDS] or words


def _stems_in(text: str) -> set[str]:
    return {stem(word) for word in _WORD_RE.findall(text)}


def _excerpt(text: str, stems: set[str]) -> list[ExcerptPart]:
    tokens = text.split()
    matched_stem = [
        next((found for part in _WORD_RE.findall(token) if (found := stem(part)) in stems), None)
        for token in tokens
    ]
    hits = [index for index, found in enumerate(matched_stem) if found]
    if not hits:
        return []
    width = 2 * EXCERPT_WORDS + 1

    # The window that shows the most different query words, earliest first.
    def shown(start: int) -> int:
        return len({found for found in matched_stem[start : start + width] if found})

    start = max(range(max(0, hits[0] - EXCERPT_WORDS), hits[-1] + 1), key=shown)
    start = max(0, min(start, len(tokens) - width))
    end = min(len(tokens), start + width)
    parts = [ExcerptPart("…", False)] if start else []
    parts += [ExcerptPart(tokens[index], bool(matched_stem[index])) for index in range(start, end)]
    if end < len(tokens):
        parts.append(ExcerptPart("…", False))
    return parts


def _template_place(child, numbering: Numbering) -> tuple[str, str]:
    anchor = numbering.anchor(child.id)
    number = numbering.number(child.id)
    if child.block_type == "area":
        return anchor, _("Area %(number)s: %(title)s") % {
            "number": number,
            "title": child.value["title"],
        }
    if child.block_type in ("clause", "definitions", "signatories"):
        if not number:  # signatories not numbered as a clause
            return anchor, child.value["heading"]
        return anchor, _("Clause %(number)s: %(heading)s") % {
            "number": number,
            "heading": child.value["heading"],
        }
    if child.block_type == "schedule_table":
        return anchor, f"{child.value['appendix_label']} {number}: {child.value['heading']}"
    if child.block_type == "how_to_use":
        return f"how-to-use-{child.id}", child.value["heading"]
    if child.block_type == "parties":
        return f"parties-{child.id}", child.value.get("heading") or _("Parties")
    return f"text-{child.id}", child.value.get("heading") or ""


def _guidance_place(child) -> tuple[str, str]:
    heading = child.value.get("heading") or ""
    if not heading and child.block_type == "area_guidance":
        link = area_links([child.value["area"]]).get(child.value["area"])
        heading = link.label if link else ""
    return f"guidance-{child.id}", heading or str(child.block.label)


def find_matches(page: Page, query: str) -> list[Match]:
    """Each block of the page's live body that holds every key word of the query, in reading
    order; else the one block holding most of them; else none (the words are only in the
    title or introduction, and the result links to the page itself)."""
    body = getattr(page, "body", None)
    stems = {stem(word) for word in key_words(query)}
    if body is None or not stems:
        return []
    found = []
    for child in body:
        text = block_text(child.block, child.value)
        found.append((child, text, len(stems & _stems_in(text))))
    matched = [(child, text) for child, text, count in found if count == len(stems)]
    if not matched:
        child, text, count = max(found, key=lambda each: each[2], default=(None, "", 0))
        matched = [(child, text)] if count else []
    numbering = Numbering(body)
    matches = []
    for child, text in matched:
        if isinstance(page, TemplatePage):
            anchor, heading = _template_place(child, numbering)
        else:
            anchor, heading = _guidance_place(child)
        matches.append(Match(anchor=anchor, heading=heading, excerpt=_excerpt(text, stems)))
    return matches

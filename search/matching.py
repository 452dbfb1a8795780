"""Which part of a page a search matched: the area, clause or guidance block to link to.

Wagtail's search finds the page; this finds, in the page's live body, the block whose words
hold most of the query's words, so a result can link straight to ``#area-3`` or
``#clause-termination`` and quote the words around the match.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Page

from agreements.block_text import block_text
from agreements.models import TemplatePage
from agreements.numbering import Numbering
from guidance.areas import area_links

_WORD_RE = re.compile(r"\w+")
#: Words either side of the first matched word in an excerpt.
EXCERPT_WORDS = 12
#: Query words this short must match a whole word; longer ones also match other endings
#: ("review" finds "reviews"), as the database backends' stemming does.
_SHORTEST_STEM = 4


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


def _word_matches(word: str, query_word: str) -> bool:
    word = word.lower()
    if len(query_word) < _SHORTEST_STEM:
        return word == query_word
    stem = query_word[: max(_SHORTEST_STEM, len(query_word) - 2)]
    return word.startswith(stem)


def _significant(words: list[str]) -> list[str]:
    """The words worth pointing at: short words such as "and" or "to" are everywhere."""
    return [word for word in words if len(word) >= _SHORTEST_STEM] or words


def _excerpt(text: str, words: list[str]) -> list[ExcerptPart]:
    tokens = text.split()
    words = _significant(words)
    matched_word = [
        next(
            (
                word
                for word in words
                for part in _WORD_RE.findall(token)
                if _word_matches(part, word)
            ),
            None,
        )
        for token in tokens
    ]
    hits = [index for index, word in enumerate(matched_word) if word]
    if not hits:
        return []
    width = 2 * EXCERPT_WORDS + 1

    # The window that shows the most different query words, earliest first.
    def shown(start: int) -> int:
        return len({word for word in matched_word[start : start + width] if word})

    start = max(range(max(0, hits[0] - EXCERPT_WORDS), hits[-1] + 1), key=shown)
    start = max(0, min(start, len(tokens) - width))
    end = min(len(tokens), start + width)
    parts = [ExcerptPart("…", False)] if start else []
    parts += [ExcerptPart(tokens[index], bool(matched_word[index])) for index in range(start, end)]
    if end < len(tokens):
        parts.append(ExcerptPart("…", False))
    return parts


def _score(text: str, words: list[str]) -> int:
    text_words = {word.lower() for word in _WORD_RE.findall(text)}
    return sum(
        1 for query_word in words if any(_word_matches(word, query_word) for word in text_words)
    )


def _template_place(child, numbering: Numbering) -> tuple[str, str]:
    anchor = numbering.anchor(child.id)
    number = numbering.number(child.id)
    if child.block_type == "area":
        return anchor, _("Area %(number)s: %(title)s") % {
            "number": number,
            "title": child.value["title"],
        }
    if child.block_type in ("clause", "definitions", "signatories"):
        return anchor, _("Clause %(number)s: %(heading)s") % {
            "number": number,
            "heading": child.value["heading"],
        }
    if child.block_type == "schedule_table":
        return anchor, f"{child.value['appendix_label']} {number}: {child.value['heading']}"
    if child.block_type == "how_to_use":
        return f"how-to-use-{child.id}", child.value["heading"]
    return "", child.value.get("heading") or ""


def _guidance_place(child) -> tuple[str, str]:
    heading = child.value.get("heading") or ""
    if not heading and child.block_type == "area_guidance":
        link = area_links([child.value["area"]]).get(child.value["area"])
        heading = link.label if link else ""
    return f"guidance-{child.id}", heading or str(child.block.label)


def find_match(page: Page, query: str) -> Match | None:
    """The block of the page's live body that best matches the query, or None if the query's
    words are only in the title or introduction (the result then links to the page itself)."""
    body = getattr(page, "body", None)
    words = query_words(query)
    if body is None or not words:
        return None
    numbering = Numbering(body)
    best, best_score, best_text = None, 0, ""
    for child in body:
        text = block_text(child.block, child.value)
        score = _score(text, words)
        if score > best_score:
            best, best_score, best_text = child, score, text
    if best is None:
        return None
    if isinstance(page, TemplatePage):
        anchor, heading = _template_place(best, numbering)
    else:
        anchor, heading = _guidance_place(best)
    return Match(anchor=anchor, heading=heading, excerpt=_excerpt(best_text, words))

"""What practitioners write as rich text ("For Sam this means ..."), made safe before it is saved.

Rich text is stored as HTML and shown on the agreement page, the editor and the exports, so it
is cleaned with bleach when it is saved, to a small allow-list: paragraphs, line breaks, bold,
italic, lists, and links to web or email addresses. Anything else (script, event handlers,
``javascript:`` links, styles, frames, broken markup) is removed or escaped.

Practitioners can write without knowing HTML: plain text becomes paragraphs (a blank line between
them), lines starting with "- " or "* " become a bulleted list and lines starting with "1. " a
numbered list. :func:`html_to_text` turns saved HTML back into that form for the editor's box.
"""

import re

import bleach
from bs4 import BeautifulSoup, NavigableString, Tag

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Editors' equivalents, kept by turning them into the allowed tags before cleaning.
_SYNONYMS = {"b": "strong", "i": "em"}
_BLOCK_TAG_RE = re.compile(r"<\s*(p|ul|ol|li)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*[-*•]\s+")
_NUMBERED_RE = re.compile(r"^\s*\d+[.)]\s+")
# Elements whose content is code or styling, never words: dropped whole, not unwrapped.
_DROPPED_WITH_CONTENT = ("script", "style", "template", "iframe", "object", "embed", "noscript")


def sanitise_html(html: str) -> str:
    """HTML reduced to the allow-list; text outside it is kept, escaped."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(_DROPPED_WITH_CONTENT):
        element.decompose()
    for old, new in _SYNONYMS.items():
        for element in soup.find_all(old):
            element.name = new
    cleaned = bleach.clean(
        str(soup),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return _tidy(cleaned)


def _tidy(html: str) -> str:
    """Links whose address was unsafe lose it: their words stay, as words. Empty paragraphs
    and lists (what is left of a removed script) go."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a"):
        if not link.get("href"):
            link.unwrap()
    for element in reversed(soup.find_all(("li", "p", "ul", "ol"))):
        if not element.get_text(strip=True):
            element.decompose()
    return str(soup).strip()


def text_to_html(text: str) -> str:
    """What a practitioner typed, as HTML: their own HTML if they wrote paragraphs or lists,
    otherwise paragraphs and lists made from blank lines and "- " or "1. " at line starts."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text or _BLOCK_TAG_RE.search(text):
        return text
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        blocks.extend(_chunk_to_html(lines))
    return "".join(blocks)


def _chunk_to_html(lines: list[str]) -> list[str]:
    """One chunk between blank lines: runs of list lines become lists, other lines paragraphs."""
    html: list[str] = []
    run_kind, run = None, []

    def flush() -> None:
        if not run:
            return
        if run_kind == "p":
            html.append("<p>" + "<br>".join(run) + "</p>")
        else:
            html.append(
                f"<{run_kind}>" + "".join(f"<li>{item}</li>" for item in run) + f"</{run_kind}>"
            )
        run.clear()

    for line in lines:
        if _BULLET_RE.match(line):
            kind, content = "ul", _BULLET_RE.sub("", line, count=1)
        elif _NUMBERED_RE.match(line):
            kind, content = "ol", _NUMBERED_RE.sub("", line, count=1)
        else:
            kind, content = "p", line.strip()
        if kind != run_kind:
            flush()
            run_kind = kind
        run.append(content.strip())
    flush()
    return html


def clean_rich_text(text: str) -> str:
    """What the editor saves: the practitioner's text as HTML, sanitised."""
    return sanitise_html(text_to_html(text))


def html_to_text(html: str) -> str:
    """Saved rich text in the form :func:`text_to_html` reads, for editing in a plain box.

    Paragraphs are separated by blank lines and list items start with "- " or "1. "; bold,
    italic and links stay as their tags, which the box's hint explains."""
    soup = BeautifulSoup(html or "", "html.parser")
    parts: list[str] = []
    for node in soup.children:
        if isinstance(node, Tag) and node.name in ("ul", "ol"):
            items = node.find_all("li", recursive=False)
            parts.append(
                "\n".join(
                    ("- " if node.name == "ul" else f"{number}. ") + _inline(item)
                    for number, item in enumerate(items, start=1)
                )
            )
        elif isinstance(node, Tag) and node.name == "p":
            parts.append(_inline(node))
        elif isinstance(node, NavigableString) and not node.strip():
            continue
        else:
            parts.append(_inline_node(node))
    return "\n\n".join(part for part in parts if part.strip())


def _inline(element: Tag) -> str:
    return "".join(_inline_node(child) for child in element.children).strip()


def _inline_node(node) -> str:
    # Text as the practitioner typed it (the box escapes it when the page is rendered); the
    # allowed inline tags as tags, so that a second save gives the same HTML.
    if isinstance(node, NavigableString):
        return str(node)
    if node.name == "br":
        return "\n"
    if node.name == "a":
        href = (node.get("href") or "").replace('"', "%22")
        return f'<a href="{href}">{_inline(node)}</a>'
    if node.name in ("strong", "em"):
        return f"<{node.name}>{_inline(node)}</{node.name}>"
    return _inline(node)

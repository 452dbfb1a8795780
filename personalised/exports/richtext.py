"""Rich text ("For Sam this means") read as paragraphs and list items of plain-text runs.

The exports never copy the stored HTML: they read its text and a few kinds of emphasis, and
write them again as Word paragraphs or as fresh, escaped HTML. So whatever the HTML holds
(script, event handlers, ``javascript:`` links, broken markup), only its words come through. The
stored text is also sanitised when it is saved; this does not rely on that.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from security.printable import strip_unprintable

#: Links kept as links (their address shown); any other link is its text alone.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements whose content is not text for a reader: dropped with everything inside them.
_SKIPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head"}
)
_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article"}
)
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em"})
_SPACES = re.compile(r"[^\S\n]+")
_VOID = frozenset({"br", "img", "embed", "hr", "input", "meta", "link", "source", "wbr"})


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class TextBlock:
    """A paragraph, or one item of a list (``list_kind`` "ul" or "ol", ``number`` for "ol")."""

    runs: list[Run] = field(default_factory=list)
    list_kind: str | None = None
    level: int = 0
    number: int | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def safe_href(href: str | None) -> str | None:
    """The link's address if it is a web or mail address; None for anything else."""
    if not href:
        return None
    href = href.strip()
    scheme = urlsplit(href).scheme.lower()
    return href if scheme in SAFE_SCHEMES and "\n" not in href and "\r" not in href else None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self.current: TextBlock | None = None
        self.bold = 0
        self.italic = 0
        self.links: list[str | None] = []
        self.lists: list[list] = []  # [kind, next number] for each open list
        self.skipping: list[str] = []

    # Blocks ---------------------------------------------------------------------------------

    def _end_block(self) -> None:
        if self.current is not None and self.current.text.strip():
            _trim(self.current)
            self.blocks.append(self.current)
        self.current = None

    def _block(self) -> TextBlock:
        if self.current is None:
            self.current = TextBlock()
        return self.current

    # Parser events --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 1])
        elif tag == "li":
            self._end_block()
            kind, number = self.lists[-1] if self.lists else ("ul", 1)
            self.current = TextBlock(
                list_kind=kind,
                level=max(len(self.lists) - 1, 0),
                number=number if kind == "ol" else None,
            )
            if self.lists:
                self.lists[-1][1] += 1
        elif tag == "br":
            self._append("\n")
        elif tag in _BOLD:
            self.bold += 1
        elif tag in _ITALIC:
            self.italic += 1
        elif tag == "a":
            self.links.append(safe_href(dict(attrs).get("href")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skipping:
            self._append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _BLOCKS or tag == "li":
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
        elif tag in _BOLD:
            self.bold = max(self.bold - 1, 0)
        elif tag in _ITALIC:
            self.italic = max(self.italic - 1, 0)
        elif tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self._append(data.replace("\n", " "))

    def _append(self, text: str) -> None:
        if not text:
            return
        block = self._block()
        href = next((link for link in reversed(self.links) if link), None)
        style = (bool(self.bold), bool(self.italic), href)
        last = block.runs[-1] if block.runs else None
        if last is not None and (last.bold, last.italic, last.href) == style:
            last.text += text
        else:
            block.runs.append(Run(text, *style))

    def close(self) -> None:
        super().close()
        self._end_block()


def _trim(block: TextBlock) -> None:
    """Collapse runs of spaces and drop those at either end, as a browser shows them."""
    for run in block.runs:
        run.text = _SPACES.sub(" ", run.text)
    block.runs[0].text = block.runs[0].text.lstrip(" ")
    block.runs[-1].text = block.runs[-1].text.rstrip(" ")
    block.runs[:] = [run for run in block.runs if run.text]


def read_rich_text(html: str) -> list[TextBlock]:
    """The paragraphs and list items of a piece of rich text, as plain text with emphasis."""
    reader = _Reader()
    # Characters no export can hold go first, so the spaces around them are tidied as usual.
    reader.feed(strip_unprintable(html or ""))
    reader.close()
    return reader.blocks

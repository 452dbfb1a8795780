"""Helpers for tests that compare rendered pages with the words of the seed documents."""

import re
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "address", "article", "br", "caption", "dd", "div", "dt", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "li", "main", "nav", "ol", "p", "section", "table", "td", "th", "tr",
    "ul",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "template"}
_BULLETS = "•●·"
_UNDERSCORES_RE = re.compile(r"_{3,}")
_WHITESPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold whitespace, drop bullet characters, and treat any run of underscores (the person
    blank, signature and date lines) as one blank."""
    text = text.translate({ord(bullet): " " for bullet in _BULLETS})
    text = _UNDERSCORES_RE.sub("_____", text)
    return _WHITESPACE_RE.sub(" ", text).strip()


class _VisibleText(HTMLParser):
    """Collects the text a sighted reader sees: not scripts, not `.visually-hidden` text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        hidden = tag in _SKIPPED_TAGS or "visually-hidden" in classes
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")
        if tag == "br":
            return
        self._stack.append((tag, hidden))
        if hidden:
            self._hidden_depth += 1

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, hidden = self._stack.pop()
            if hidden:
                self._hidden_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._hidden_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return normalise("".join(parser.parts))


def main_text(html: str) -> str:
    """The visible text of the page's <main> element."""
    start = html.index("<main")
    end = html.index("</main>", start)
    return visible_text(html[start:end])

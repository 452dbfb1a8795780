"""Template filters for the exports and for marking up an agreement in its own language."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from personalised.exports.language import direction
from personalised.exports.richtext import Run, TextBlock, read_rich_text

register = template.Library()


@register.filter
def text_direction(language_code: str) -> str:
    """``{{ agreement.language|text_direction }}``: ``rtl`` for Urdu, else ``ltr``."""
    return direction(language_code or "")


def _run_html(run: Run) -> SafeString:
    # Each line escaped, joined by line breaks.
    html = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in run.text.split("\n")))
    if run.href:
        html = format_html('<a href="{}">{}</a>', run.href, html)
    if run.italic:
        html = format_html("<em>{}</em>", html)
    if run.bold:
        html = format_html("<strong>{}</strong>", html)
    return html


def _runs_html(block: TextBlock) -> SafeString:
    return format_html_join("", "{}", ((_run_html(run),) for run in block.runs))


@register.filter
def rich_text_rebuilt(value) -> SafeString:
    """Rich text written afresh from its words (paragraphs, lists, bold, italic, web links),
    never the stored HTML: what prints is what the DOCX has, and nothing else gets through."""
    source = getattr(value, "source", value) or ""
    parts: list[SafeString] = []
    open_list: str | None = None
    for block in read_rich_text(source):
        kind = block.list_kind
        if open_list and kind != open_list:
            parts.append(mark_safe(f"</{open_list}>"))  # noqa: S308 a fixed tag name
            open_list = None
        if kind and not open_list:
            parts.append(mark_safe(f"<{kind}>"))  # noqa: S308 a fixed tag name ("ul"/"ol")
            open_list = kind
        tag = "li" if kind else "p"
        parts.append(format_html("<{}>{}</{}>", tag, _runs_html(block), tag))
    if open_list:
        parts.append(mark_safe(f"</{open_list}>"))  # noqa: S308 a fixed tag name
    return format_html_join("", "{}", ((part,) for part in parts))

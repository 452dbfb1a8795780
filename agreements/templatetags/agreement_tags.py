import re

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from agreements.blanks import (
    BLANK_MARKER_RE,
    PERSON_BLANK,
    TemplateBlanks,
    fallback_label,
    template_blank_html,
)
from agreements.numbering import NumberedSection, Numbering
from agreements.personalising import as_written, filled_blanks, personalise_html
from agreements.signatures import signatory_words

register = template.Library()

_BLANK_RE = re.compile(re.escape(PERSON_BLANK) + "+")
# The person's blank or a placed blank, as they are shown on a template page.
_ANY_BLANK_RE = re.compile(f"({_BLANK_RE.pattern})|{BLANK_MARKER_RE.pattern}")
# Splits HTML into tags and text, so blanks are only replaced in text, never in attributes.
_TAG_RE = re.compile(r"(<[^>]*>)")


def _blank_html() -> SafeString:
    return format_html(
        '<span class="person-blank"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        PERSON_BLANK,
        _("(the person’s name)"),
    )


def _fill_in(text: str, agreement) -> SafeString:
    """Text (no tags; escaped here unless already safe) with each blank filled: with the
    person's name and the blanks' values from a personalised agreement, escaped, or, without
    one (a template page), a visible blank, labelled for screen readers."""
    if agreement:
        return personalise_html(
            text, agreement.known_as, agreement.pronouns, blanks=filled_blanks(agreement)
        )
    escaped = as_written(str(conditional_escape(text)))
    if "[[" not in escaped:
        pieces = _BLANK_RE.split(escaped)
        # Each piece is part of escaped text, so it is safe; the blanks between are built safe.
        return format_html_join(_blank_html(), "{}", ((mark_safe(piece),) for piece in pieces))  # noqa: S308
    declarations = agreement.declarations if isinstance(agreement, TemplateBlanks) else {}

    def blank(match: re.Match) -> str:
        if match.group(1):
            return str(_blank_html())
        declared = declarations.get(match.group("key"))
        if declared is not None and declared.is_person_name:
            return str(_blank_html())
        label = declared.label if declared and declared.label else fallback_label(match["key"])
        return str(template_blank_html(label))

    # Replaced by a function: the text around is escaped, each blank is built safe.
    return mark_safe(_ANY_BLANK_RE.sub(blank, escaped))  # noqa: S308


@register.filter(is_safe=True)
def person_blanks(text: str, agreement=None) -> SafeString:
    """Escape plain text and show each ``_____`` as a visible blank for the person's name, or,
    given a personalised agreement (``{{ text|person_blanks:agreement }}``), as their name."""
    return _fill_in(text or "", agreement)


@register.filter(is_safe=True)
def person_blanks_html(html: str, agreement=None) -> SafeString:
    """The same for rich text, touching text and not tags. Only HTML that is already safe keeps
    its tags: anything else is escaped first."""
    safe_html = conditional_escape(html or "")
    parts = _TAG_RE.split(str(safe_html))
    return format_html_join(
        "",
        "{}",
        (
            # A tag cut from safe HTML is safe as it is; text between tags is filled in.
            (mark_safe(part) if part.startswith("<") else _fill_in(mark_safe(part), agreement),)  # noqa: S308
            for part in parts
        ),
    )


@register.simple_tag(takes_context=True)
def block_number(context: template.Context, block_id: str | None) -> str:
    numbering: Numbering | None = context.get("numbering")
    return numbering.number(block_id) if numbering else ""


@register.simple_tag(takes_context=True)
def block_anchor(context: template.Context, block_id: str | None) -> str:
    numbering: Numbering | None = context.get("numbering")
    return numbering.anchor(block_id) if numbering else ""


@register.simple_tag(takes_context=True)
def clause_gap(context: template.Context, block_id: str | None) -> str:
    """What the page says where a fixed clause number skips numbers: "Clause 17 is not in this
    document." (empty when nothing is skipped before this block)."""
    numbering: Numbering | None = context.get("numbering")
    gap = numbering.gap_before(block_id) if numbering else None
    return str(gap) if gap else ""


@register.simple_tag(takes_context=True)
def list_start(context: template.Context, block_id: str | None) -> int:
    numbering: Numbering | None = context.get("numbering")
    return numbering.list_start(block_id) if numbering else 1


@register.simple_tag
def signature_words(signatory) -> str:
    """The opening line of a signature block (escaped by the template like any text)."""
    return signatory_words(signatory)


@register.simple_tag(takes_context=True)
def clause_reference(context: template.Context, key: str) -> NumberedSection | None:
    numbering: Numbering | None = context.get("numbering")
    return numbering.reference(key) if numbering else None


_CLOSING_PUNCTUATION = tuple(".,;:)!?’”")


@register.simple_tag(takes_context=True)
def cross_reference_sentence(context: template.Context, value) -> SafeString:
    """A sentence with a computed reference to a clause: '... clause 9 (Termination).'"""
    section = clause_reference(context, value["clause"])
    if section is None:
        reference = format_html(
            '<span class="broken-reference">{}</span>', _("[missing clause reference]")
        )
    else:
        label = value["label"] or section.heading
        reference = format_html(
            '<a href="#{}">{}</a>',
            section.anchor,
            _("clause %(number)s (%(label)s)") % {"number": section.number, "label": label},
        )
    before = value["text_before"] or ""
    after = value["text_after"] or ""
    # The admin strips surrounding spaces from each field, so the spaces are put back here.
    agreement = context.get("agreement")
    parts = [person_blanks(before, agreement), " " if before else "", reference]
    if after:
        parts.append("" if after.startswith(_CLOSING_PUNCTUATION) else " ")
        parts.append(person_blanks(after, agreement))
    return format_html_join("", "{}", ((part,) for part in parts))

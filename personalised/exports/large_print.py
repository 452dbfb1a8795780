"""The large print copy: the standard copy's words in type of 16 pt or more.

The print view is the standard copy's template with a stylesheet of its own
(``css/large-print.css``); the Word document is the standard one with its styles enlarged
(``enlarge_document``), so both copies always say exactly what the standard copy says.
"""

from django.http import HttpRequest
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from personalised.exports.print import render_copy
from personalised.models import PersonalisedAgreement

#: The smallest type in a large print copy, and the size of its body text.
BODY_SIZE = Pt(16)
#: Larger type for the titles and headings, which keep their order of size.
HEADING_SIZES = {
    "Title": Pt(28),
    "Subtitle": Pt(20),
    "Heading 1": Pt(22),
    "Heading 2": Pt(19),
    "Heading 3": Pt(17),
}
#: Space between lines, as a multiple of the type's size.
LINE_SPACING = 1.5


def render_large_print(request: HttpRequest, agreement: PersonalisedAgreement) -> str:
    """The large print copy as an HTML document, for the screen and for print."""
    return render_copy(request, agreement, "personalised/large_print.html")


def enlarge_document(document: DocumentObject) -> None:
    """Make every style of a Word document large print: the document's default and every style
    at least ``BODY_SIZE`` (headings larger), for Latin and for complex scripts (Urdu's words
    take their size from ``w:szCs``, not ``w:sz``), with generous line spacing."""
    _set_size(_run_defaults(document), BODY_SIZE)
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        size = HEADING_SIZES.get(style.name)
        if size is None:
            # A style that sets its own size keeps it if it is already large (the headings
            # beyond level 3); one that sets none takes the default's.
            own = style.font.size
            size = max(own, BODY_SIZE) if own is not None else None
        if size is not None:
            _set_size(style.element.get_or_add_rPr(), size)
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name == "Normal":
            style.paragraph_format.line_spacing = LINE_SPACING


def _run_defaults(document: DocumentObject):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))


def _set_size(run_properties, size: Pt) -> None:
    half_points = str(int(size.pt * 2))
    for tag in ("w:sz", "w:szCs"):
        element = run_properties.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            _insert_in_order(run_properties, element)
        element.set(qn("w:val"), half_points)


# The elements of w:rPr that come after w:szCs (ECMA-376 CT_RPr sequence); w:sz comes just
# before w:szCs.
_AFTER_SIZE = (
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _insert_in_order(run_properties, element) -> None:
    later_tags = ("w:szCs", *_AFTER_SIZE) if element.tag == qn("w:sz") else _AFTER_SIZE
    for tag in later_tags:
        later = run_properties.find(qn(tag))
        if later is not None:
            later.addprevious(element)
            return
    run_properties.append(element)

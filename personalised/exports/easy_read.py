"""The agreement's easy-read copy: on screen (and printed from the browser) and as a Word document.

Both open with the agreement's purpose and the person's name, then each block the parties'
copies show (no instructions for practitioners): in easy read, a picture beside each line, where
the template has an easy-read version of the agreement's wording (easy_read_content), else in
the standard wording marked "Not yet in easy read". Large type throughout: 16 pt or more.

The functions take the agreement and, for the page, the request, and assume nothing about who
asks: the practitioners' views and an invited person's pages both call them.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from personalised.exports.content import has_own_signatories, signature_blocks
from personalised.exports.easy_read_content import easy_read_copy
from personalised.exports.easy_read_docx import write_easy_read_docx
from personalised.exports.language import direction
from personalised.models import PersonalisedAgreement

TEMPLATE = "personalised/easy_read.html"


def easy_read_context(agreement: PersonalisedAgreement) -> dict:
    copy = easy_read_copy(agreement)
    blocks = [section.block for section in copy.sections]
    return {
        "agreement": agreement,  # also fills the blank with the person's name (agreement_tags)
        "copy": copy,
        "purpose": copy.purpose,
        "sections": copy.sections,
        "numbering": copy.numbering,
        "attribution": copy.attribution,
        "signatures": signature_blocks(agreement),
        "own_signatories": has_own_signatories(blocks),
        "printed_on": timezone.localdate(),
        "document_dir": direction(agreement.language),
    }


def render_easy_read(
    request: HttpRequest,
    agreement: PersonalisedAgreement,
    *,
    back_url: str = "",
    docx_url: str = "",
) -> str:
    """The easy-read page as an HTML document, in the agreement's language. ``back_url`` and
    ``docx_url`` are the links the caller's reader may follow (none if left empty)."""
    with translation.override(agreement.language):
        context = easy_read_context(agreement) | {"back_url": back_url, "docx_url": docx_url}
        return render_to_string(TEMPLATE, context, request=request)


def easy_read_docx(agreement: PersonalisedAgreement) -> bytes:
    """The easy-read copy as a DOCX file, in the agreement's language."""
    with translation.override(agreement.language):
        return write_easy_read_docx(agreement, easy_read_copy(agreement), timezone.localdate())

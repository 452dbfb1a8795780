"""The print view: the document as the DOCX has it, for an A4 page, as the context of its
template and as a finished HTML document (which the PDF copies and the invitees' pages reuse)."""

from datetime import date

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from personalised.access import Access, can
from personalised.exports.content import (
    exported_blocks,
    exported_numbering,
    has_own_signatories,
    signature_blocks,
)
from personalised.exports.language import direction
from personalised.models import PersonalisedAgreement
from personalised.purpose import agreement_purpose


def print_context(agreement: PersonalisedAgreement, on: date) -> dict:
    blocks = exported_blocks(agreement)
    return {
        "agreement": agreement,  # also fills the blank with the person's name (agreement_tags)
        "purpose": agreement_purpose(agreement),
        "blocks": blocks,
        "numbering": exported_numbering(blocks),
        "signatures": signature_blocks(agreement),
        "own_signatories": has_own_signatories(blocks),
        "printed_on": on,
        "document_dir": direction(agreement.language),
    }


def render_copy(request: HttpRequest, agreement: PersonalisedAgreement, template_name: str) -> str:
    """One printable copy as an HTML document, in the agreement's language (which may not be the
    interface's). Whoever asks, a practitioner or an invited party, gets the same document; only
    those who can open the agreement's own page get a link back to it."""
    with translation.override(agreement.language):
        context = print_context(agreement, timezone.localdate())
        if can(request.user, agreement, Access.VIEW):
            context["back_url"] = reverse("agreements:detail", kwargs={"uuid": agreement.uuid})
        return render_to_string(template_name, context, request=request)


def render_print(request: HttpRequest, agreement: PersonalisedAgreement) -> str:
    """The standard copy, laid out for A4."""
    return render_copy(request, agreement, "personalised/print.html")

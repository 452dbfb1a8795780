"""The print view's context: the document as the DOCX has it, for an A4 page."""

from datetime import date

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

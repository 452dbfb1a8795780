"""What the print view and the Word document both show, worked out once."""

from dataclasses import dataclass
from datetime import date

from agreements.numbering import Numbering
from personalised.models import PartyConsent, PersonalisedAgreement
from personalised.purpose import INSTRUCTION_BLOCKS


@dataclass(frozen=True)
class SignatureBlock:
    """One party's place to sign: who the party is, and their agreement if it is recorded."""

    party_label: str
    party_name: str
    agreed_by: str = ""
    agreed_on: date | None = None


def included_blocks(agreement: PersonalisedAgreement) -> list:
    """The agreement's blocks but the areas marked not relevant: what its page shows."""
    return [
        block
        for block in agreement.body
        if block.block_type != "area" or block.value.get("relevant", True)
    ]


def exported_blocks(agreement: PersonalisedAgreement) -> list:
    """The blocks the parties' copies (print, DOCX) show: the included blocks but the
    instructions for practitioners."""
    return [
        block for block in included_blocks(agreement) if block.block_type not in INSTRUCTION_BLOCKS
    ]


def exported_numbering(blocks: list) -> Numbering:
    """Numbers for the exported blocks only, so a printed agreement that leaves out an area
    reads 1, 2, 3 rather than 1, 3, 4."""
    return Numbering(blocks)


def agreement_numbering(agreement: PersonalisedAgreement) -> Numbering:
    """The numbers every copy of the agreement gives its areas and clauses: only the areas it
    includes are numbered, so the page, the print view and the DOCX read 1, 2, 3 alike and an
    area left out has no number. (Instructions take no number, so leaving them out of the
    exports changes nothing.)"""
    return Numbering(included_blocks(agreement))


def has_own_signatories(blocks: list) -> bool:
    """Whether the template's own signatories block is among the exported blocks: then it is
    where the parties sign, and the exports add no signing lines of their own."""
    return any(block.block_type == "signatories" for block in blocks)


def signature_blocks(agreement: PersonalisedAgreement) -> list[SignatureBlock]:
    """A signature block for each of the agreement's parties, with the consent each gave to
    the current revision."""
    # A party has agreed when everyone in it has: then each of them signed, by their typed name.
    consents: dict[str, PartyConsent] = agreement.current_consents()
    signed: dict[str, list[PartyConsent]] = {}
    for record in agreement.consents_to(agreement.latest_revision_id):
        if record.party in consents:
            signed.setdefault(record.party, []).append(record)
    blocks = []
    for party in agreement.party_list():
        records = signed.get(party.key, [])
        blocks.append(
            SignatureBlock(
                party_label=party.label,
                party_name=party.who,
                agreed_by=", ".join(record.agreed_by for record in records),
                agreed_on=max((record.agreed_on for record in records), default=None),
            )
        )
    return blocks

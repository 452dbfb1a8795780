"""What the print view and the Word document both show, worked out once."""

from dataclasses import dataclass
from datetime import date

from agreements.models import Party, PartyAgreement, PersonalisedAgreement
from agreements.numbering import Numbering


@dataclass(frozen=True)
class SignatureBlock:
    """One party's place to sign: who the party is, and their agreement if it is recorded."""

    party_label: str
    party_name: str
    agreed_by: str = ""
    agreed_on: date | None = None


def exported_blocks(agreement: PersonalisedAgreement) -> list:
    """The agreement's blocks as they are exported: every block but the areas marked not
    relevant."""
    return [
        block
        for block in agreement.body
        if block.block_type != "area" or block.value.get("relevant", True)
    ]


def exported_numbering(blocks: list) -> Numbering:
    """Numbers for the exported blocks only, so a printed agreement that leaves out an area
    reads 1, 2, 3 rather than 1, 3, 4."""
    return Numbering(blocks)


def signature_blocks(agreement: PersonalisedAgreement) -> list[SignatureBlock]:
    """A signature block for each party, with the agreement each gave to the current revision."""
    agreed: dict[str, PartyAgreement] = agreement.current_agreements()
    blocks = []
    for party in Party:
        record = agreed.get(party.value)
        blocks.append(
            SignatureBlock(
                party_label=str(party.label),
                party_name=agreement.party_name(party.value),
                agreed_by=record.agreed_by if record else "",
                agreed_on=record.agreed_on if record else None,
            )
        )
    return blocks

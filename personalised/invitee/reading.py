"""What the invitee's agreement page shows: the copy in the form they read, the parts of the
agreement they can comment on, and where their own agreement stands."""

from dataclasses import dataclass

from agreements.numbering import Numbering
from agreements.personalising import personalise_for
from personalised.consent.services import member_consent
from personalised.exports.content import exported_blocks
from personalised.exports.formats import CopyFormat
from personalised.models import PartyConsent, PartyMember, PersonalisedAgreement
from personalised.people.changes import what_changed
from versioning.comparison import numbered_heading


def copy_format(requested: str, member: PartyMember) -> str:
    """The form of copy asked for (``?format=``), else the one the member prefers."""
    if requested in CopyFormat.values:
        return requested
    if member.preferred_format in CopyFormat.values:
        return member.preferred_format
    return CopyFormat.STANDARD


@dataclass(frozen=True)
class Part:
    """One part of the agreement a comment can be about: an area, a clause, a section."""

    block: object
    label: str  # "Area 2: Resources", in the agreement's words


def commentable_parts(agreement: PersonalisedAgreement) -> list[Part]:
    """The parts of the agreement as its parties' copies show them (no instructions for
    practitioners), each named as every copy numbers it."""
    blocks = exported_blocks(agreement)
    numbering = Numbering(blocks)
    return [
        Part(
            block=child,
            label=numbered_heading(child, numbering, lambda text: personalise_for(text, agreement)),
        )
        for child in blocks
    ]


@dataclass(frozen=True)
class MemberStanding:
    """Where the member's agreement stands: to this version, to an earlier one, or not yet."""

    current: PartyConsent | None  # their consent to the version as it is now
    earlier: PartyConsent | None  # else their latest consent to an earlier version
    changes: list[str]  # what changed since that earlier version, in plain sentences


def member_standing(agreement: PersonalisedAgreement, member: PartyMember) -> MemberStanding:
    latest = agreement.latest_revision_id
    current = member_consent(member, latest)
    if current is not None:
        return MemberStanding(current=current, earlier=None, changes=[])
    earlier = (
        PartyConsent.objects.filter(member=member)
        .exclude(revision_id=latest)
        .order_by("-revision_id", "-pk")
        .first()
    )
    if earlier is None or earlier.revision_id is None or latest is None:
        return MemberStanding(current=None, earlier=earlier, changes=[])
    return MemberStanding(
        current=None,
        earlier=earlier,
        changes=what_changed(agreement, earlier.revision_id, latest),
    )

"""Where each person stands: agreed to the agreement as it is now (when, how, with whose
support), agreed to an earlier version only, or not yet; and how many comments they made."""

from dataclasses import dataclass

from django.db.models import Count

from personalised.history.services import revision_numbers
from personalised.models import AgreementParty, PartyConsent, PartyMember, PersonalisedAgreement


@dataclass
class MemberStatus:
    member: PartyMember
    consent: PartyConsent | None  # to the latest revision
    earlier: PartyConsent | None  # their latest consent to an earlier revision, if not to this
    earlier_number: int | None  # that revision's number in the history
    comments: int


@dataclass
class PartyPeople:
    party: AgreementParty
    people: list[MemberStatus]
    agreed: bool


def party_people(agreement: PersonalisedAgreement) -> list[PartyPeople]:
    """Each party, in the template's order, with each of its active people's status. The same
    number of queries however many people there are."""
    members = list(agreement.members.active())
    consents: dict[int, list[PartyConsent]] = {}
    for record in agreement.consents.filter(member__isnull=False).order_by("-revision_id", "pk"):
        consents.setdefault(record.member_id, []).append(record)
    comments = dict(
        agreement.comments.filter(member__isnull=False)
        .values_list("member_id")
        .annotate(count=Count("pk"))
        .values_list("member_id", "count")
    )
    numbers = revision_numbers(agreement)
    latest = agreement.latest_revision_id
    rows = []
    for party in agreement.party_list():
        people = []
        for member in members:
            if member.party != party.key:
                continue
            records = consents.get(member.pk, [])
            now = next((record for record in records if record.revision_id == latest), None)
            earlier = None if now is not None else (records[0] if records else None)
            people.append(
                MemberStatus(
                    member=member,
                    consent=now,
                    earlier=earlier,
                    earlier_number=numbers.get(earlier.revision_id) if earlier else None,
                    comments=comments.get(member.pk, 0),
                )
            )
        rows.append(
            PartyPeople(
                party=party,
                people=people,
                agreed=bool(people) and all(row.consent is not None for row in people),
            )
        )
    return rows

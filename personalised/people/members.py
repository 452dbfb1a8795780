"""Who is in each party: ``PartyMember`` rows kept in step with the agreement's parties.

A party of people is named in the agreement itself (``AgreementParty.names``, from the fork and
details forms): each name is one member, the person's member follows the person's name. An
organisation's members are its staff, added on the people page (or by recording their
agreement); the agreement names only the organisation. Nobody is deleted: a member whose name
has gone is marked removed, so what they agreed to stays on record.
"""

from django.db import transaction
from django.utils import timezone

from personalised.models import PartyKind, PartyMember, PersonalisedAgreement


@transaction.atomic
def sync_members(agreement: PersonalisedAgreement) -> None:
    """Make the agreement's members match its parties as they are now: new names become
    members, a changed name renames the member in its place, names gone are removed; members
    of a party the agreement no longer has are removed."""
    parties = {party.key: party for party in agreement.party_list()}
    members = list(agreement.members.active())
    now = timezone.now()
    for member in members:
        if member.party not in parties:
            member.removed_at = now
            member.save(update_fields=["removed_at"])
    for party in parties.values():
        if party.kind != PartyKind.PEOPLE:
            continue
        names = [name for name in party.names if name.strip()]
        current = [member for member in members if member.party == party.key]
        _match(agreement, party.key, names, current, party.includes_the_person, now)


def _match(agreement, party: str, names: list[str], current: list[PartyMember], with_person, now):
    """Pair each name with a member: the same name first, then by place (a name edited in the
    form renames its member), then new members for names left and removal for members left."""
    slots: list[PartyMember | None] = [None] * len(names)
    unmatched = list(current)
    if with_person and names:
        person = next((member for member in unmatched if member.is_the_person), None)
        if person is not None:
            slots[0] = person
            unmatched.remove(person)
    for index, name in enumerate(names):
        if slots[index] is not None:
            continue
        same = next((member for member in unmatched if member.name == name), None)
        if same is not None:
            slots[index] = same
            unmatched.remove(same)
    for index in range(len(names)):
        if slots[index] is None and unmatched:
            slots[index] = unmatched.pop(0)
    for member in unmatched:
        member.removed_at = now
        member.save(update_fields=["removed_at"])
    for index, (name, member) in enumerate(zip(names, slots, strict=True)):
        is_the_person = with_person and index == 0
        if member is None:
            member = PartyMember(agreement=agreement, party=party, name=name)
            member.is_the_person = is_the_person
            member.position = index
            member.save()
            continue
        if (member.name, member.position, member.is_the_person) != (
            name,
            index,
            is_the_person,
        ):
            member.name, member.position, member.is_the_person = name, index, is_the_person
            member.save(update_fields=["name", "position", "is_the_person"])


def members_by_party(agreement: PersonalisedAgreement) -> list[tuple]:
    """Each party (``AgreementParty``) with its active members, in the template's order."""
    members = agreement.active_members()
    return [
        (party, [member for member in members if member.party == party.key])
        for party in agreement.party_list()
    ]

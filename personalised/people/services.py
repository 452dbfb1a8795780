"""Adding, changing and removing the people in an agreement's parties.

The people of a party of people are named in the agreement itself (its parties' names): adding,
renaming or removing one of them changes those names, as a new revision, and their members
follow (``members.sync_members``). An organisation's people are not named in the agreement:
they are members only.
"""

from django.db import transaction
from django.utils import timezone

from personalised import audit
from personalised.concurrency import save_change
from personalised.models import AgreementParty, PartyKind, PartyMember, PersonalisedAgreement

MEMBER_DETAILS = ("role", "email", "language", "preferred_format")


def _names_changed(agreement: PersonalisedAgreement, key: str, change, user) -> None:
    def apply(current: PersonalisedAgreement) -> None:
        parties = []
        for party in current.party_list():
            if party.key == key:
                names = change(list(party.names))
                party = AgreementParty.from_data({**party.as_data(), "names": names})
            parties.append(party.as_data())
        current.parties = parties

    save_change(agreement, agreement.latest_revision_id, user, apply)


def _is_people(agreement: PersonalisedAgreement, key: str) -> bool:
    party = agreement.party(key)
    return party is not None and party.kind == PartyKind.PEOPLE


@transaction.atomic
def add_member(
    agreement: PersonalisedAgreement, user, *, party: str, name: str, **details
) -> PartyMember:
    if _is_people(agreement, party):
        _names_changed(agreement, party, lambda names: [*names, name], user)
        member = agreement.members.active().filter(party=party, name=name).order_by("-pk").first()
        for field in MEMBER_DETAILS:
            setattr(member, field, details.get(field, getattr(member, field)))
        member.save()
    else:
        position = agreement.members.filter(party=party).count()
        member = PartyMember.objects.create(
            agreement=agreement,
            party=party,
            name=name,
            position=position,
            **{field: details[field] for field in MEMBER_DETAILS if field in details},
        )
    audit.record(agreement, audit.MEMBERS, user, added=member.pk, party=party)
    return member


@transaction.atomic
def change_member(member: PartyMember, user, **details) -> PartyMember:
    agreement = member.agreement
    name = details.pop("name", member.name)
    if name != member.name and not member.is_the_person:
        if _is_people(agreement, member.party):
            position = member.position

            def rename(names: list[str]) -> list[str]:
                names[position] = name
                return names

            _names_changed(agreement, member.party, rename, user)
            member.refresh_from_db()
        else:
            member.name = name
    for field in MEMBER_DETAILS:
        if field in details:
            setattr(member, field, details[field])
    member.save()
    audit.record(agreement, audit.MEMBERS, user, changed=member.pk, party=member.party)
    return member


@transaction.atomic
def remove_member(member: PartyMember, user) -> None:
    """Take someone out of their party; the record of what they agreed to stays. The person
    cannot be removed from their own agreement."""
    if member.is_the_person:
        raise ValueError("The person cannot be removed from their own agreement.")
    agreement = member.agreement
    if _is_people(agreement, member.party):
        position = member.position
        _names_changed(
            agreement,
            member.party,
            lambda names: [name for index, name in enumerate(names) if index != position],
            user,
        )
    member.refresh_from_db()
    if member.removed_at is None:
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
    audit.record(agreement, audit.MEMBERS, user, removed=member.pk, party=member.party)

"""Helpers for the records tests (list, sharing, history, deleting, audit log)."""

from datetime import date

from personalised.models import AgreementShare, PartyConsent, PartyMember, PersonalisedAgreement


def agree_all(agreement: PersonalisedAgreement, on: date = date(2026, 1, 5)) -> None:
    """Everyone in every party agrees to the agreement as it is now (an organisation with no
    one in it gets someone)."""
    for party in agreement.party_list():
        members = list(agreement.members.active().filter(party=party.key))
        if not members:
            members = [
                PartyMember.objects.create(
                    agreement=agreement, party=party.key, name=f"Someone for {party.label}"
                )
            ]
        for member in members:
            PartyConsent.objects.create(
                agreement=agreement,
                party=party.key,
                member=member,
                agreed_by=f"Someone for {party.label}",
                agreed_on=on,
                revision_id=agreement.latest_revision_id,
            )


def share(agreement: PersonalisedAgreement, user, permission: str) -> AgreementShare:
    return AgreementShare.objects.create(agreement=agreement, user=user, permission=permission)

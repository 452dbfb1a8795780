"""Helpers for the records tests (list, sharing, history, deleting, audit log)."""

from datetime import date

from personalised.models import AgreementShare, PartyConsent, PersonalisedAgreement


def agree_all(agreement: PersonalisedAgreement, on: date = date(2026, 1, 5)) -> None:
    """Every party agrees to the agreement as it is now."""
    for party in agreement.party_list():
        PartyConsent.objects.create(
            agreement=agreement,
            party=party.key,
            agreed_by=f"Someone for {party.label}",
            agreed_on=on,
            revision_id=agreement.latest_revision_id,
        )


def share(agreement: PersonalisedAgreement, user, permission: str) -> AgreementShare:
    return AgreementShare.objects.create(agreement=agreement, user=user, permission=permission)

"""Recording the parties' agreement to a personalised agreement as it is now.

An agreement is always to one revision. Recording it makes no new revision; any later change
does, and so makes the agreement a draft again until every party agrees to the new version.
"""

import datetime

from django.db import transaction

from . import audit
from .models import PartyAgreement, PersonalisedAgreement


class ChangedSinceOpened(Exception):
    def __init__(self, current: PersonalisedAgreement):
        super().__init__(current.pk)
        self.current = current


def record_agreements(
    agreement: PersonalisedAgreement,
    based_on: int | None,
    user,
    agreements: list[tuple[str, str, datetime.date]],
) -> PersonalisedAgreement:
    """Record each (party, who, when) against the revision the form showed, if it is still the
    latest: the parties agreed to what they read, not to a version saved since."""
    with transaction.atomic():
        current = PersonalisedAgreement.objects.select_for_update().get(pk=agreement.pk)
        if based_on is None or current.latest_revision_id != based_on:
            raise ChangedSinceOpened(current)
        already = set(
            current.party_agreements.filter(revision_id=based_on).values_list("party", flat=True)
        )
        for party, who, when in agreements:
            if party in already:
                continue
            PartyAgreement.objects.create(
                agreement=current,
                party=party,
                agreed_by=who,
                agreed_on=when,
                revision_id=based_on,
                recorded_by=user,
            )
            audit.record(current, audit.AGREE, user, party=party, revision=based_on)
    return current

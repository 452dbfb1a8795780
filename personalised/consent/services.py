"""Recording the parties' consent to a personalised agreement as it is now.

A consent is always to one revision. Recording it makes no new revision; any later change
does, and so makes the agreement a draft again until every party agrees to the new version.
"""

import datetime
import json

from wagtail.models import Revision

from personalised import audit
from personalised.concurrency import unchanged_since_opened
from personalised.models import PartyConsent, PersonalisedAgreement

#: What the parties read and agree to. The template version the body follows and the template
#: changes declined are bookkeeping: the same words under another version are the same content.
AGREED_FIELDS = (*PersonalisedAgreement.PERSON_DETAIL_FIELDS, "review_date")


def record_consents(
    agreement: PersonalisedAgreement,
    based_on: int | None,
    user,
    consents: list[tuple[str, str, datetime.date]],
) -> PersonalisedAgreement:
    """Record each consent (party, who, when) against the revision the form showed, if it is
    still the latest (else ``concurrency.ChangedSinceOpened``): the parties consented to what
    they read, not to a version saved since."""
    with unchanged_since_opened(agreement, based_on) as current:
        already = set(current.consents.filter(revision_id=based_on).values_list("party", flat=True))
        parties = set(current.party_keys())
        for party, who, when in consents:
            # Only the agreement's own parties agree to it, each once per revision.
            if party in already or party not in parties:
                continue
            PartyConsent.objects.create(
                agreement=current,
                party=party,
                agreed_by=who,
                agreed_on=when,
                revision_id=based_on,
                recorded_by=user,
            )
            audit.record(current, audit.AGREE, user, party=party, revision=based_on)
    return current


def content_fingerprint(agreement: PersonalisedAgreement) -> str:
    """The content the parties agree to, as one comparable string: consent is bound to it."""
    body = agreement.body
    list(body)  # every child read, so it serialises from the blocks, defaults filled in
    content = {name: getattr(agreement, name) for name in AGREED_FIELDS}
    content["body"] = body.stream_block.get_prep_value(body)
    return json.dumps(content, sort_keys=True, default=str)


def fully_agreed_revisions(agreement: PersonalisedAgreement) -> dict[int, list[PartyConsent]]:
    """Each revision every party agreed to, with their records (newest revision first)."""
    by_revision: dict[int, dict[str, PartyConsent]] = {}
    for record in agreement.consents.order_by("recorded_at", "pk"):
        by_revision.setdefault(record.revision_id, {}).setdefault(record.party, record)
    return {
        revision: list(records.values())
        for revision, records in sorted(by_revision.items(), reverse=True)
        if agreement.every_party_agreed(records)
    }


def agreed_revision_with_content(
    agreement: PersonalisedAgreement, fingerprint: str, first: int | None = None
) -> int | None:
    """A revision every party agreed to whose content is exactly ``fingerprint`` (``first``
    tried first), or None."""
    agreed = fully_agreed_revisions(agreement)
    candidates = sorted(agreed, key=lambda revision: revision != first)
    revisions = Revision.objects.in_bulk(candidates)
    for revision_id in candidates:
        if content_fingerprint(revisions[revision_id].as_object()) == fingerprint:
            return revision_id
    return None


def carry_consents(
    agreement: PersonalisedAgreement, agreed_revision: int, revision: Revision, user
) -> None:
    """Every party's consent to ``agreed_revision`` stands for ``revision`` too, whose content
    is the same: recorded again against it (who agreed and when unchanged), and logged."""
    for record in fully_agreed_revisions(agreement)[agreed_revision]:
        PartyConsent.objects.create(
            agreement=agreement,
            party=record.party,
            agreed_by=record.agreed_by,
            agreed_on=record.agreed_on,
            revision=revision,
            recorded_by=user,
        )
        audit.record(
            agreement,
            audit.AGREE,
            user,
            party=record.party,
            revision=revision.pk,
            same_content_as=agreed_revision,
        )

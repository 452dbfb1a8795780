"""Recording the party members' consent to a personalised agreement as it is now.

A consent is one member's, always to one revision, bound to it by a hash of its content.
Recording it makes no new revision; any later change does, and so makes the agreement a draft
again until everyone in every party agrees to the new version.
"""

import datetime
import hashlib
import json

from django.utils import timezone
from wagtail.models import Revision

from personalised import audit
from personalised.concurrency import unchanged_since_opened
from personalised.models import ConsentMethod, PartyConsent, PartyMember, PersonalisedAgreement

#: What the parties read and agree to. The template version the body follows and the template
#: changes declined are bookkeeping: the same words under another version are the same content.
AGREED_FIELDS = (*PersonalisedAgreement.PERSON_DETAIL_FIELDS, "review_date")


def record_consents(
    agreement: PersonalisedAgreement,
    based_on: int | None,
    user,
    consents: list[tuple[str, str, datetime.date]],
) -> PersonalisedAgreement:
    """Record whole parties' agreement from a paper record signed for each party (party, who
    signed, when), against the revision the form showed if it is still the latest (else
    ``concurrency.ChangedSinceOpened``): every active member of the party not yet recorded is
    recorded as agreeing, method "recorded"; a party with no one in it yet gets a member named
    after who signed. The record-agreement page records each member instead."""
    with unchanged_since_opened(agreement, based_on) as current:
        parties = set(current.party_keys())
        for party, who, when in consents:
            if party not in parties:
                continue
            members = list(current.members.active().filter(party=party))
            if not members:
                members = [add_signatory(current, party, who)]
            for member in members:
                if member_consent(member, based_on) is None:
                    _create_consent(
                        current,
                        member,
                        based_on,
                        typed_name=who,
                        agreed_on=when,
                        method=ConsentMethod.RECORDED,
                        user=user,
                    )
    return current


def record_page_consents(
    agreement: PersonalisedAgreement, based_on: int | None, user, recorded: list
) -> PersonalisedAgreement:
    """Record what the record-agreement page was given (``consent.forms.Recorded``: each
    member's own consent, or a new member for a party with no one in it), all or nothing,
    against the revision the page showed if it is still the latest (else
    ``concurrency.ChangedSinceOpened``)."""
    with unchanged_since_opened(agreement, based_on) as current:
        parties = set(current.party_keys())
        for item in recorded:
            if item.party not in parties:
                continue
            member = item.member
            if member is None:
                member = add_signatory(current, item.party, item.typed_name)
            elif member.agreement_id != current.pk or member.removed_at is not None:
                continue
            if member_consent(member, based_on) is None:
                _create_consent(
                    current,
                    member,
                    based_on,
                    typed_name=item.typed_name,
                    agreed_on=item.agreed_on,
                    method=item.method,
                    supported_by=item.supported_by,
                    user=user,
                )
    return current


def add_signatory(agreement: PersonalisedAgreement, party: str, name: str) -> PartyMember:
    """A member for an organisation party with no one in it yet: whoever agreed for it."""
    position = agreement.members.filter(party=party).count()
    return PartyMember.objects.create(
        agreement=agreement, party=party, name=name[:120], position=position
    )


def member_consent(member: PartyMember, revision_id: int | None) -> PartyConsent | None:
    """The member's consent to one revision, if they gave it."""
    if revision_id is None:
        return None
    return PartyConsent.objects.filter(member=member, revision_id=revision_id).first()


def record_member_consent(
    agreement: PersonalisedAgreement,
    member: PartyMember,
    *,
    based_on: int,
    typed_name: str,
    method: str,
    supported_by: str = "",
    user=None,
    agreed_on: datetime.date | None = None,
) -> PartyConsent:
    """One member's electronic signature on the revision they read (``based_on``): their
    typed name, how they agreed, with whose support, the time, and the hash of that
    revision's content. Refused with ``concurrency.ChangedSinceOpened`` if the agreement has
    changed since (they agreed to what they read, not to a version saved since); a member who
    already agreed to it keeps their first record. ``agreed_on`` is for a paper record's date;
    by default today."""
    with unchanged_since_opened(agreement, based_on) as current:
        if member.agreement_id != current.pk or member.removed_at is not None:
            raise ValueError("Only an active member of this agreement can agree to it.")
        existing = member_consent(member, based_on)
        if existing is not None:
            return existing
        return _create_consent(
            current,
            member,
            based_on,
            typed_name=typed_name,
            agreed_on=agreed_on,
            method=method,
            supported_by=supported_by,
            user=user,
        )


def _create_consent(
    agreement: PersonalisedAgreement,
    member: PartyMember,
    revision_id: int,
    *,
    typed_name: str,
    method: str,
    user,
    agreed_on: datetime.date | None = None,
    supported_by: str = "",
) -> PartyConsent:
    revision = Revision.objects.get(pk=revision_id)
    now = timezone.now()
    record = PartyConsent.objects.create(
        agreement=agreement,
        party=member.party,
        member=member,
        method=method,
        supported_by=supported_by,
        agreed_by=typed_name,
        agreed_on=agreed_on or timezone.localdate(now),
        agreed_at=now,
        content_hash=content_hash(revision.as_object()),
        revision_id=revision_id,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )
    # The member by number and how; never the typed name, which is personal.
    audit.record(
        agreement,
        audit.AGREE,
        user if user is not None and user.is_authenticated else None,
        party=member.party,
        member=member.pk,
        method=method,
        revision=revision_id,
    )
    return record


def content_hash(agreement: PersonalisedAgreement) -> str:
    """sha256 of the content a consent is bound to (``content_fingerprint``)."""
    return hashlib.sha256(content_fingerprint(agreement).encode()).hexdigest()


def content_fingerprint(agreement: PersonalisedAgreement) -> str:
    """The content the parties agree to, as one comparable string: consent is bound to it."""
    body = agreement.body
    list(body)  # every child read, so it serialises from the blocks, defaults filled in
    content = {name: getattr(agreement, name) for name in AGREED_FIELDS}
    content["body"] = body.stream_block.get_prep_value(body)
    return json.dumps(content, sort_keys=True, default=str)


def fully_agreed_revisions(agreement: PersonalisedAgreement) -> dict[int, list[PartyConsent]]:
    """Each revision every party agreed to (everyone in each), with each member's record
    (newest revision first)."""
    by_revision: dict[int, dict[int, PartyConsent]] = {}
    for record in agreement.consents.filter(member__isnull=False).order_by("recorded_at", "pk"):
        by_revision.setdefault(record.revision_id, {}).setdefault(record.member_id, record)
    return {
        revision: list(records.values())
        for revision, records in sorted(by_revision.items(), reverse=True)
        if agreement.every_party_agreed(agreement.agreed_party_keys(records.values()))
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
    """Every member's consent to ``agreed_revision`` stands for ``revision`` too, whose content
    is the same: recorded again against it (who agreed, when, how and the content hash
    unchanged), and logged."""
    for record in fully_agreed_revisions(agreement)[agreed_revision]:
        PartyConsent.objects.create(
            agreement=agreement,
            party=record.party,
            member=record.member,
            method=record.method,
            supported_by=record.supported_by,
            agreed_by=record.agreed_by,
            agreed_on=record.agreed_on,
            agreed_at=record.agreed_at,
            content_hash=record.content_hash,
            revision=revision,
            recorded_by=user,
        )
        audit.record(
            agreement,
            audit.AGREE,
            user,
            party=record.party,
            member=record.member_id,
            revision=revision.pk,
            same_content_as=agreed_revision,
        )

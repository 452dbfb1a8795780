"""The history of a personalised agreement: its revisions, numbered 1..N, each with what changed
in it and which the parties agreed to; and restoring an earlier one as a new revision.

What changed is worked out by ``personalised.changes``, the one comparison of two
states of an agreement (also the compare page and "what changed since every party agreed").
"""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, Revision

from personalised import changes as agreement_changes
from personalised.consent import services as agreeing
from personalised.models import PersonalisedAgreement
from personalised.people.members import sync_members
from personalised.people.reopening import announce_if_reopened, members_who_agreed
from personalised.updates import changes as updates
from personalised.updates import services as updating

#: What a revision restores. Everything else (owner, uuid, source template, deletion, who it
#: is shared with) belongs to the agreement as a whole, not to one revision of its content.
#: The template version the body follows goes with the body (issue #6): restoring a revision
#: from before a template update was taken offers that update again, except the changes that
#: were declined, which stay declined (issue 11).
CONTENT_FIELDS = (
    *PersonalisedAgreement.PERSON_DETAIL_FIELDS,
    "body",
    "review_date",
    "source_revision",
    "source_version",
    "declined_updates",
    "party_count",
)


def revisions_of(agreement: PersonalisedAgreement):
    """Every revision of the agreement, newest first, with who made it."""
    return agreement.revisions.select_related("user").order_by("-created_at", "-pk")


def revision_numbers(agreement: PersonalisedAgreement) -> dict[int, int]:
    """Each revision's number in this agreement (1 is the fork), by revision id: the numbers
    people read on every page, never the database's ids."""
    ids = agreement.revisions.order_by("created_at", "pk").values_list("pk", flat=True)
    return {revision_id: number for number, revision_id in enumerate(ids, start=1)}


def revision_or_404(agreement: PersonalisedAgreement, revision_id) -> Revision:
    try:
        return agreement.revisions.select_related("user").get(pk=revision_id)
    except (Revision.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def as_agreement(revision: Revision) -> PersonalisedAgreement:
    """The agreement as it was at this revision (not saved)."""
    return revision.as_object()


def _as_read(agreement: PersonalisedAgreement, revision: Revision) -> PersonalisedAgreement:
    """The agreement's words as they were at this revision, only to read and compare: unlike
    ``as_agreement`` it does not look up each template page, template revision and user the
    revision names (four queries a revision, for a history that reads every revision), so
    follow none of them."""
    state = PersonalisedAgreement.from_serializable_data(revision.content, check_fks=False)
    state.pk = agreement.pk
    state.latest_revision_id = agreement.latest_revision_id
    return state


@dataclass
class Restored:
    revision: Revision  # the new revision, with the restored content
    agreed_revision: int | None  # the revision every party agreed to with this same content
    template_changes_offered: bool  # template changes taken since are offered again


@transaction.atomic
def restore_revision(agreement: PersonalisedAgreement, revision: Revision, user) -> Restored:
    """Make the content of an earlier revision the agreement's content again, as a new revision
    (logged as "wagtail.revert"). Nothing is lost: the revisions in between stay in the history.

    Consent is bound to content: when every party agreed to exactly this content (at the
    restored revision or any other), their agreement stands for the new revision too."""
    agreement = PersonalisedAgreement.objects.select_for_update().get(pk=agreement.pk)
    agreed_before = agreement.latest_revision_id
    had_agreed = members_who_agreed(agreement, agreed_before)
    earlier = as_agreement(revision)
    version_now = agreement.source_version
    source_revision, source_version, declined, body = _template_state(agreement, earlier)
    for name in CONTENT_FIELDS:
        setattr(agreement, name, getattr(earlier, name))
    agreement.source_revision_id, agreement.source_version = source_revision, source_version
    agreement.declined_updates = declined
    agreement.body = body
    agreement.save()
    new = agreement.save_revision(
        user=user, log_action=True, previous_revision=revision, clean=False
    )
    agreed = agreeing.agreed_revision_with_content(
        agreement, agreeing.content_fingerprint(agreement), first=revision.pk
    )
    if agreed is not None:
        agreeing.carry_consents(agreement, agreed, new, user)
    sync_members(agreement)
    announce_if_reopened(agreement, agreed_before, had_agreed)
    return Restored(new, agreed, template_changes_offered=source_version < version_now)


def _template_state(now: PersonalisedAgreement, earlier: PersonalisedAgreement):
    """The template version the restored content follows, the template changes declined, and
    the body to restore. The changes between the earlier version and today's that today's
    agreement does not have were declined (or kept out) when it took today's version: they
    stay declined. When nothing else between them is left to offer, the restored content
    follows today's version."""
    declined = {*(now.declined_updates or []), *(earlier.declined_updates or [])}
    body = list(earlier.body.raw_data)
    keep = (earlier.source_revision_id, earlier.source_version, sorted(declined), body)
    if (
        earlier.source_revision_id is None
        or now.source_revision_id is None
        or earlier.source_version >= now.source_version
    ):
        return keep
    bodies = Revision.objects.in_bulk([earlier.source_revision_id, now.source_revision_id])
    if len(bodies) != 2:
        return keep
    old = updating.revision_body(bodies[earlier.source_revision_id])
    new = updating.revision_body(bodies[now.source_revision_id])
    declined |= {change.key for change in updates.compare(old, new, list(now.body.raw_data))}
    if updates.Review(old, new, body, frozenset(declined)).changes:
        return (earlier.source_revision_id, earlier.source_version, sorted(declined), body)
    return (
        now.source_revision_id,
        now.source_version,
        list(now.declined_updates or []),
        updates.adopt_live_ids(old, new, body),
    )


# ----------------------------------------------------------------------------- reading it


@dataclass
class RevisionRow:
    """One revision as the history lists it."""

    number: int
    revision: Revision
    summary: list[str]  # what changed in it, in plain words
    agreed_by: list[str]  # the parties that agreed to it (labels)
    agreed_by_every_party: bool


def _restores(agreement: PersonalisedAgreement) -> dict[int, int]:
    """The revision each restore made (by id), with the revision it restored."""
    entries = ModelLogEntry.objects.for_instance(agreement).filter(action="wagtail.revert")
    return {
        entry.revision_id: entry.data["revision"]["id"]
        for entry in entries
        if entry.revision_id and isinstance((entry.data or {}).get("revision"), dict)
    }


def _consenting_parties_by_revision(agreement: PersonalisedAgreement) -> dict[int, list[str]]:
    """The parties that agreed to each revision: everyone in them did."""
    by_revision: dict[int, list] = {}
    for record in agreement.consents.all():
        by_revision.setdefault(record.revision_id, []).append(record)
    agreed = {
        revision: agreement.agreed_party_keys(records) for revision, records in by_revision.items()
    }
    return {
        revision: [party.label for party in agreement.party_list() if party.key in parties]
        for revision, parties in agreed.items()
        if parties
    }


def summary_of(
    state: PersonalisedAgreement,
    before: PersonalisedAgreement | None,
    restored: Revision | None,
    numbers: dict[int, int],
) -> list[str]:
    """What one revision changed, in plain words, one phrase each."""
    if before is None:
        return [
            _("Made from the template, version %(version)d") % {"version": state.source_version}
        ]
    if restored is not None:
        return [
            _("Restored revision %(number)d from %(date)s")
            % {
                "number": numbers.get(restored.pk, 0),
                "date": date_format(localtime(restored.created_at), "j F Y, H:i"),
            }
        ]
    phrases = []
    if state.source_version > before.source_version:
        phrases.append(
            _("Took template changes from version %(version)d") % {"version": state.source_version}
        )
    phrases += [section.summary for section in agreement_changes.changes_between(before, state)]
    return phrases or [_("Saved again with no change to the words")]


def revision_rows(
    agreement: PersonalisedAgreement, after: Revision | None = None
) -> list[RevisionRow]:
    """Every revision, newest first, each with what changed in it and who agreed to it; or only
    those saved after ``after``. The same number of queries however many there are."""
    revisions = list(agreement.revisions.select_related("user").order_by("created_at", "pk"))
    by_id = {revision.pk: revision for revision in revisions}
    numbers = {revision.pk: number for number, revision in enumerate(revisions, start=1)}
    restores = _restores(agreement)
    agreed = _consenting_parties_by_revision(agreement)
    every_party = agreement.party_count
    rows, before = [], None
    for index, revision in enumerate(revisions):
        if after is not None and revision.created_at <= after.created_at:
            continue
        if before is None and index > 0:
            before = _as_read(agreement, revisions[index - 1])
        state = _as_read(agreement, revision)
        restored = by_id.get(restores.get(revision.pk))
        rows.append(
            RevisionRow(
                number=numbers[revision.pk],
                revision=revision,
                summary=summary_of(state, before, restored, numbers),
                agreed_by=agreed.get(revision.pk, []),
                agreed_by_every_party=bool(every_party)
                and len(agreed.get(revision.pk, [])) == every_party,
            )
        )
        before = state
    return list(reversed(rows))


@dataclass
class SinceAgreed:
    """What changed since every party last agreed: the sections, and the revisions since."""

    sections: list
    revisions: list[RevisionRow]


def changes_since_agreed(agreement: PersonalisedAgreement) -> SinceAgreed | None:
    """None when it was never agreed, or has not changed since."""
    if not agreement.changed_since_agreed():
        return None
    agreed_id = agreement.last_agreed_revision_id()
    agreed = Revision.objects.get(pk=agreed_id)
    sections = agreement_changes.changes_between(_as_read(agreement, agreed), agreement)
    return SinceAgreed(sections, revision_rows(agreement, after=agreed))

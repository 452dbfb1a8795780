"""Computing a template's evidence from its agreements, and storing it as aggregates only.

Runs in the background (``evidence.tasks``): every agreement of the template that is not deleted
is compared with its source version (``evidence.comparing``), and the tallies are summed per
template version, language, month and place. Only the sums are stored, replacing the template's
previous snapshot in one transaction, so a deleted or erased agreement drops out at the next run
and a reader never sees half a computation.

Built for tens of thousands of agreements: agreements are read in chunks of ``CHUNK`` by primary
key (each chunk with its consents), each source revision's body is parsed once, and the counts
are written with ``bulk_create``.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Revision

from agreements.models import TemplatePage
from evidence.comparing import Source, compare_body
from evidence.models import EvidenceCount, EvidenceSnapshot, EvidenceWording, Measure
from evidence.wordings import WordingTally, without_names
from guidance.feedback import Feedback
from personalised.models import PartyConsent, PersonalisedAgreement
from personalised.updates.services import revision_body
from versioning.models import PageVersion

CHUNK = 1000
_BATCH = 2000
# (upper bound in days, measure): the first bucket the time to agreement fits.
_AGREED_WITHIN = [
    (7, Measure.AGREED_WITHIN_7_DAYS),
    (30, Measure.AGREED_WITHIN_30_DAYS),
    (90, Measure.AGREED_WITHIN_90_DAYS),
]
_FIELDS = [
    "id",
    "owner_id",
    "source_revision_id",
    "source_version",
    "language",
    "created_at",
    "person_name",
    "known_as",
    "parties",
    "body",
]

# version, language, month, block id, party key, item id, measure
Key = tuple[int, str, date, str, str, str, str]


@dataclass
class Evidence:
    """The sums for one template, before they are stored."""

    counts: Counter = field(default_factory=Counter)
    wordings: WordingTally = field(default_factory=WordingTally)
    agreements: int = 0
    #: (version, language, month, source revision, block id): agreements that left the block
    #: exactly as their source has it, expanded into counts once at the end (``finish``).
    untouched: Counter = field(default_factory=Counter)

    def finish(self, sources: dict[int, Source]) -> None:
        """Count every untouched block, and each unit in it, as kept."""
        blocks = {
            revision: {block.block_id: block for block in source.blocks}
            for revision, source in sources.items()
        }
        for (*where, revision, block_id), number in self.untouched.items():
            block = blocks[revision][block_id]
            self.counts[(*where, block_id, "", "", Measure.KEPT)] += number
            for party_key, item_id in block.units:
                self.counts[(*where, block_id, party_key, item_id, Measure.KEPT)] += number
        self.untouched.clear()


def template_agreements(template: TemplatePage) -> QuerySet[PersonalisedAgreement]:
    """The template's agreements that count: forked from it (or from an alias of it, which
    shows its content and versions), not deleted."""
    return PersonalisedAgreement.objects.active().filter(
        Q(source_page=template) | Q(source_page__alias_of=template)
    )


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _chunks(agreements: QuerySet[PersonalisedAgreement]) -> Iterator[list[PersonalisedAgreement]]:
    """The agreements ``CHUNK`` at a time, by primary key: memory stays flat however many."""
    last = 0
    while True:
        chunk = list(agreements.filter(pk__gt=last).order_by("pk").only(*_FIELDS)[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _sources(agreements: QuerySet[PersonalisedAgreement]) -> dict[int, Source]:
    """Each source revision's body, parsed once however many agreements follow it."""
    ids = agreements.exclude(source_revision=None).values_list("source_revision_id", flat=True)
    revisions = Revision.objects.filter(pk__in=ids.distinct().order_by())
    return {revision.pk: Source.from_body(revision_body(revision)) for revision in revisions}


def first_agreed_on(parties: set[str], consents: list[tuple[int, str, date]]) -> date | None:
    """The day every party had first agreed to one revision: for each revision, the day its last
    party agreed (each party's first record of it), the earliest of those. ``consents`` are
    (revision, party, agreed on), in the order they were recorded."""
    by_revision: dict[int, dict[str, date]] = defaultdict(dict)
    for revision, party, agreed_on in consents:
        by_revision[revision].setdefault(party, agreed_on)
    days = [
        max(records.values())
        for records in by_revision.values()
        if parties and set(records) >= parties
    ]
    return min(days) if days else None


def _consents(chunk: list[PersonalisedAgreement]) -> dict[int, list[tuple[int, str, date]]]:
    rows = (
        PartyConsent.objects.filter(agreement_id__in=[agreement.pk for agreement in chunk])
        .order_by("recorded_at", "pk")
        .values_list("agreement_id", "revision_id", "party", "agreed_on")
    )
    by_agreement: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
    for agreement_id, revision_id, party, agreed_on in rows:
        by_agreement[agreement_id].append((revision_id, party, agreed_on))
    return by_agreement


def _agreed_measures(agreed_on: date, created: datetime) -> list[str]:
    days = (agreed_on - timezone.localtime(created).date()).days
    within = next((measure for limit, measure in _AGREED_WITHIN if days <= limit), None)
    return [Measure.AGREED_BY_ALL, within or Measure.AGREED_LATER]


def _names(agreement: PersonalisedAgreement) -> list[str]:
    """Every name the agreement holds, to keep out of any wording."""
    names = [agreement.person_name, agreement.known_as]
    for party in agreement.party_list():
        names.extend(party.names)
    return names


def _add_agreement(
    evidence: Evidence,
    agreement: PersonalisedAgreement,
    source: Source | None,
    consents: list[tuple[int, str, date]],
) -> None:
    where = (agreement.source_version, agreement.language, month_of(agreement.created_at))
    evidence.agreements += 1
    evidence.counts[(*where, "", "", "", Measure.AGREEMENTS)] += 1
    agreed_on = first_agreed_on(set(agreement.party_keys()), consents)
    if agreed_on is not None:
        for measure in _agreed_measures(agreed_on, agreement.created_at):
            evidence.counts[(*where, "", "", "", measure)] += 1
    if source is None:
        return  # its template revision is gone: nothing to compare it with
    found = compare_body(source, list(agreement.body.raw_data))
    for block_id in found.untouched:
        evidence.untouched[(*where, agreement.source_revision_id, block_id)] += 1
    for tally in found.tallies:
        key = (*where, tally.block_id, tally.party_key, tally.item_id, tally.measure)
        evidence.counts[key] += tally.count
    if found.added:
        names = _names(agreement)
        for added in found.added:
            evidence.wordings.add(
                added.block_id,
                added.party_key,
                without_names(added.text, names),
                agreement.pk,
                agreement.owner_id,
            )


def _add_feedback(evidence: Evidence, template: TemplatePage) -> None:
    """Feedback about the template, counted under the version that was live when it was left
    (the latest published before it) and the template's language."""
    versions = sorted(
        PageVersion.objects.filter(page=template).values_list("published_at", "number"),
    )
    language = template.locale.language_code
    for created_at, block_id in Feedback.objects.filter(page=template).values_list(
        "created_at", "area_block_id"
    ):
        version = next(
            (number for published, number in reversed(versions) if published <= created_at),
            versions[0][1] if versions else 0,
        )
        key = (version, language, month_of(created_at), block_id, "", "", Measure.FEEDBACK)
        evidence.counts[key] += 1


def compute(template: TemplatePage) -> Evidence:
    """The template's evidence, summed in memory."""
    agreements = template_agreements(template)
    sources = _sources(agreements)
    evidence = Evidence()
    for chunk in _chunks(agreements):
        consents = _consents(chunk)
        for agreement in chunk:
            source = sources.get(agreement.source_revision_id)
            _add_agreement(evidence, agreement, source, consents.get(agreement.pk, []))
        evidence.finish(sources)
    _add_feedback(evidence, template)
    return evidence


def _delete_rows(snapshot: EvidenceSnapshot) -> None:
    """The snapshot's counts and wordings gone, in one statement each. The site listens to every
    model's deletions (pagecache), which would make ``QuerySet.delete`` fetch and delete
    thousands of counts in batches; nothing listens for these rows in particular."""
    with connection.cursor() as cursor:
        for model in (EvidenceCount, EvidenceWording):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE snapshot_id = %s", [snapshot.pk])  # noqa: S608


@transaction.atomic
def store(template: TemplatePage, evidence: Evidence) -> EvidenceSnapshot:
    """Replace the template's snapshot with ``evidence``, all at once."""
    snapshot, _created = EvidenceSnapshot.objects.update_or_create(
        template=template,
        defaults={"computed_at": timezone.now(), "agreement_count": evidence.agreements},
    )
    _delete_rows(snapshot)
    EvidenceCount.objects.bulk_create(
        (
            EvidenceCount(
                snapshot=snapshot,
                version=version,
                language=language,
                month=month,
                block_id=block_id,
                party_key=party_key,
                item_id=item_id,
                measure=measure,
                count=count,
            )
            for (version, language, month, block_id, party_key, item_id, measure), count in sorted(
                evidence.counts.items()
            )
        ),
        batch_size=_BATCH,
    )
    EvidenceWording.objects.bulk_create(
        EvidenceWording(
            snapshot=snapshot,
            block_id=block_id,
            party_key=party_key,
            text=text,
            agreement_count=count,
        )
        for block_id, party_key, text, count in evidence.wordings.common()
    )
    return snapshot


def compute_and_store(template: TemplatePage) -> EvidenceSnapshot:
    """Compute the template's evidence and replace its snapshot with it."""
    return store(template, compute(template))

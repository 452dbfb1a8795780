"""Building agreements as practitioners leave them, and reading the stored evidence back."""

import copy
from collections.abc import Callable
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from evidence.models import EvidenceCount, EvidenceSnapshot
from personalised.models import PersonalisedAgreement


def edit(agreement: PersonalisedAgreement, change: Callable[[list], None]) -> None:
    """Save the agreement with ``change`` made to a copy of its raw body, as the editing
    forms save it (a new revision)."""
    body = copy.deepcopy(list(agreement.body.raw_data))
    change(body)
    agreement.body = body
    agreement.save()
    agreement.save_revision(user=agreement.owner)


def delete(agreement: PersonalisedAgreement) -> None:
    agreement.deleted_at = timezone.now()
    agreement.save(update_fields=["deleted_at"])


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def total(snapshot: EvidenceSnapshot, **filters) -> int:
    """The sum of the snapshot's counts that match ``filters`` (0 when none do)."""
    counts = EvidenceCount.objects.filter(snapshot=snapshot, **filters)
    return counts.aggregate(total=Sum("count"))["total"] or 0


def blocks_of(body: list, block_type: str) -> list[dict]:
    return [block for block in body if block["type"] == block_type]


def by_id(body: list, block_id: str) -> dict:
    return next(block for block in body if block["id"] == block_id)


def prompts(area: dict, party_key: str) -> list:
    """The raw prompt items of one party's column in an area."""
    for column in area["value"]["party_prompts"]:
        if column["value"]["party_key"] == party_key:
            return column["value"]["prompts"]
    raise LookupError(party_key)


def item(text: str, item_id: str) -> dict:
    return {"type": "item", "value": text, "id": item_id}


def stored_text() -> str:
    """Every string the evidence tables hold, for checking that none names anyone."""
    from evidence.models import EvidenceWording

    counts = EvidenceCount.objects.values_list("language", "block_id", "party_key", "item_id")
    wordings = EvidenceWording.objects.values_list("block_id", "party_key", "text")
    return "\n".join(" ".join(row) for row in [*counts, *wordings]).casefold()


def names_of(*agreements: PersonalisedAgreement) -> set[str]:
    """Every name an agreement holds or its owner has: the person, the parties, the
    practitioner."""
    names = set()
    for agreement in agreements:
        agreement.refresh_from_db()
        owner = agreement.owner
        names |= {agreement.person_name, agreement.known_as, owner.username, owner.email}
        names |= {owner.first_name, owner.last_name} - {""}
        for party in agreement.party_list():
            names |= set(party.names)
    return {name.casefold() for name in names if name}


#: The month stored counts are in, unless a test says otherwise.
JANUARY = date(2026, 1, 1)


def snapshot_for(template) -> EvidenceSnapshot:
    """An empty snapshot of ``template``'s evidence, for a test to fill with ``count``."""
    return EvidenceSnapshot.objects.create(
        template=template, computed_at=timezone.now(), agreement_count=0
    )


def count(snapshot, measure, number, block_id="", item_id="", party_key="", **where):
    """One stored count, as the evidence task stores them."""
    return EvidenceCount.objects.create(
        snapshot=snapshot,
        version=where.get("version", 1),
        language=where.get("language", "en-gb"),
        month=where.get("month", JANUARY),
        block_id=block_id,
        party_key=party_key,
        item_id=item_id,
        measure=measure,
        count=number,
    )

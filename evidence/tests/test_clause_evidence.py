"""The evidence for a clause-based template (the Suffolk partnering agreement's shape) matches a
hand count of paragraphs and list items kept, reworded, removed and added, across two versions,
with reordered paragraphs and list items counted as kept."""

import pytest

from accounts.factories import PractitionerFactory
from evidence.computing import compute_and_store
from evidence.models import Measure
from evidence.tests.helpers import (
    blocks_of,
    by_id,
    delete,
    edit,
    item,
    names_of,
    stored_text,
    this_month,
    total,
)
from personalised.forking.services import PersonDetails, fork_template
from personalised.tests.updating_helpers import publish
from tests.template_shapes import suffolk_shape

pytestmark = pytest.mark.django_db


def _clause(body: list, heading: str) -> dict:
    return next(b for b in blocks_of(body, "clause") if b["value"]["heading"] == heading)


def _with_list(body: list) -> tuple[str, dict]:
    """The first clause with a list of at least three items in its own content, and the list."""
    for block in blocks_of(body, "clause"):
        for child in block["value"]["content"]:
            if child["type"] == "list" and len(child["value"]["items"]) >= 3:
                return block["id"], child
    raise LookupError("list")


def _list(body: list, clause_id: str, list_id: str) -> list:
    clause = by_id(body, clause_id)
    return next(c for c in clause["value"]["content"] if c["id"] == list_id)["value"]["items"]


def _paragraphs(body: list, clause_id: str) -> list:
    return by_id(body, clause_id)["value"]["content"]


def test_the_clause_evidence_is_the_hand_count_of_two_versions_of_agreements():
    shape = suffolk_shape()
    template = shape.template
    parties = {key: [name] for key, name in shape.party_names.items()}

    def fork(owner):
        details = PersonDetails(person_name="Jo Tenant", known_as="Jo", parties=parties)
        return fork_template(template, owner=owner, details=details)

    body = list(template.body.raw_data)
    dispute = _clause(body, "Dispute Resolution")["id"]
    p1, p2 = (child["id"] for child in _paragraphs(body, dispute))
    listed, the_list = _with_list(body)
    list_id = the_list["id"]
    i1, i2 = (entry["id"] for entry in the_list["value"]["items"][:2])
    one, two, three = (PractitionerFactory() for _ in range(3))

    # Version 1.
    c1, c2, c3, gone = (fork(owner) for owner in (one, two, three, one))

    def c1_change(body):
        _paragraphs(body, dispute).reverse()  # reordered only: kept
        _list(body, listed, list_id)[0]["value"] = "Our own first item"

    def c2_change(body):
        content = _paragraphs(body, dispute)
        content.remove(next(child for child in content if child["id"] == p2))
        _list(body, listed, list_id).append(item("An item of ours", "d1000000-0000-4000-8000-01"))

    def gone_change(body):
        _paragraphs(body, dispute).clear()

    edit(c1, c1_change)
    edit(c2, c2_change)
    edit(gone, gone_change)
    delete(gone)

    def version_2(body):
        _paragraphs(body, dispute)[0]["value"] = "Each Partner will try to resolve disputes."
        _list(body, listed, list_id).reverse()

    template = publish(template, version_2, "Disputes reworded; list reordered.")
    d1, d2 = fork(one), fork(two)

    def d1_change(body):
        items = _list(body, listed, list_id)
        items.remove(next(entry for entry in items if entry["id"] == i2))

    def d2_change(body):
        _paragraphs(body, dispute).append(
            {"type": "paragraph", "value": "We meet first.", "id": "d2000000-0000-4000-8000-02"}
        )

    edit(d1, d1_change)
    edit(d2, d2_change)

    snapshot = compute_and_store(template)

    where = {"language": template.locale.language_code, "month": this_month()}
    v1, v2 = {"version": 1, **where}, {"version": 2, **where}
    assert snapshot.agreement_count == 5
    assert total(snapshot, measure=Measure.AGREEMENTS, **v1) == 3
    assert total(snapshot, measure=Measure.AGREEMENTS, **v2) == 2

    whole = {"item_id": ""}
    assert total(snapshot, block_id=dispute, measure=Measure.KEPT, **whole, **v1) == 2
    assert total(snapshot, block_id=dispute, measure=Measure.REWORDED, **whole, **v1) == 1
    assert total(snapshot, block_id=dispute, item_id=p1, measure=Measure.KEPT, **v1) == 3
    assert total(snapshot, block_id=dispute, item_id=p2, measure=Measure.KEPT, **v1) == 2
    assert total(snapshot, block_id=dispute, item_id=p2, measure=Measure.REMOVED, **v1) == 1
    assert total(snapshot, block_id=listed, measure=Measure.KEPT, **whole, **v1) == 1
    assert total(snapshot, block_id=listed, measure=Measure.REWORDED, **whole, **v1) == 2
    assert total(snapshot, block_id=listed, item_id=i1, measure=Measure.REWORDED, **v1) == 1
    assert total(snapshot, block_id=listed, item_id=i1, measure=Measure.KEPT, **v1) == 2
    assert total(snapshot, block_id=listed, measure=Measure.ADDED, **v1) == 1
    items = {"item_id__gt": ""}
    assert total(snapshot, measure=Measure.REWORDED, **items, **v1) == 1
    assert total(snapshot, measure=Measure.REMOVED, **items, **v1) == 1
    assert total(snapshot, measure=Measure.ADDED, **v1) == 1
    assert total(snapshot, measure=Measure.NOT_RELEVANT) == 0
    blocks = len(body)
    assert total(snapshot, measure=Measure.KEPT, block_id__gt="", **whole, **v1) == 3 * blocks - 3

    # Version 2: the template's rewording and reordering are its source, so kept.
    assert total(snapshot, block_id=dispute, item_id=p1, measure=Measure.KEPT, **v2) == 2
    assert total(snapshot, block_id=dispute, measure=Measure.ADDED, **v2) == 1
    assert total(snapshot, block_id=dispute, measure=Measure.REWORDED, **whole, **v2) == 1
    assert total(snapshot, block_id=listed, item_id=i1, measure=Measure.KEPT, **v2) == 2
    assert total(snapshot, block_id=listed, item_id=i2, measure=Measure.REMOVED, **v2) == 1
    assert total(snapshot, block_id=listed, item_id=i2, measure=Measure.KEPT, **v2) == 1
    assert total(snapshot, measure=Measure.REWORDED, **items, **v2) == 0
    assert total(snapshot, measure=Measure.REMOVED, **items, **v2) == 1
    assert total(snapshot, measure=Measure.ADDED, **v2) == 1
    assert total(snapshot, measure=Measure.KEPT, block_id__gt="", **whole, **v2) == 2 * blocks - 2

    stored = stored_text()
    assert not [name for name in names_of(c1, c2, c3, d1, d2) if name in stored]

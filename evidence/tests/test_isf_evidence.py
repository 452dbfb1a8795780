"""The evidence for an ISF-shaped template matches a hand count of what practitioners did with
its areas, prompts and text, across two template versions, with reordered prompts and blocks
counted as kept, and a deleted agreement left out."""

import datetime

import pytest

from accounts.factories import PractitionerFactory
from evidence.computing import compute_and_store
from evidence.models import EvidenceCount, EvidenceWording, Measure
from evidence.tests.helpers import blocks_of, by_id, delete, edit, item, prompts, this_month, total
from guidance.feedback import Feedback
from personalised.models import PartyConsent, PersonalisedAgreement
from personalised.tests.updating_helpers import fork, publish
from tests.template_shapes import isf_shape

pytestmark = pytest.mark.django_db

ADDED_PROMPT = "a1000000-0000-4000-8000-000000000001"


def _version_2(body: list) -> None:
    """The editor reverses the Provider prompts of the first area, rewords a Local Authority
    prompt and gives the person's column a new prompt."""
    first = blocks_of(body, "area")[0]
    prompts(first, "provider").reverse()
    prompts(first, "local-authority")[1]["value"] = "Help identify the outcomes with _____"
    prompts(first, "person").append(item("Tell us what works", ADDED_PROMPT))


def _agree(agreement: PersonalisedAgreement, parties: list[str], after_days: int) -> None:
    agreement.refresh_from_db()
    day = agreement.created_at.date() + datetime.timedelta(days=after_days)
    for party in parties:
        PartyConsent.objects.create(
            agreement=agreement,
            party=party,
            agreed_by="Someone Signing",
            agreed_on=day,
            revision=agreement.latest_revision,
            recorded_by=agreement.owner,
        )


def test_the_isf_evidence_is_the_hand_count_of_two_versions_of_agreements():
    template = isf_shape().template
    one, two, three = (PractitionerFactory() for _ in range(3))
    v1_body = list(template.body.raw_data)
    first_id, second_id = (block["id"] for block in blocks_of(v1_body, "area")[:2])
    text_id = blocks_of(v1_body, "text")[0]["id"]
    first = by_id(v1_body, first_id)
    provider_v1 = [prompt["id"] for prompt in prompts(first, "provider")]
    la_v1 = [prompt["id"] for prompt in prompts(first, "local-authority")]
    person_ids = [prompt["id"] for prompt in prompts(first, "person")]
    assert template.version == 1 and len(provider_v1) >= 2 and len(la_v1) >= 2

    # Version 1: three agreements and a deleted one.
    a1, a2, a3, gone = (fork(template, owner) for owner in (one, two, three, one))

    def a1_change(body):
        area = by_id(body, first_id)
        prompts(area, "provider").reverse()  # reordered only: still kept
        prompts(area, "local-authority")[0]["value"] = "Find out what _____ wants first"

    def a2_change(body):
        area = by_id(body, first_id)
        column = prompts(area, "provider")
        column.remove(next(p for p in column if p["id"] == provider_v1[1]))
        column.append(item("Meet every month", "b2000000-0000-4000-8000-000000000002"))
        by_id(body, second_id)["value"]["relevant"] = False

    def gone_change(body):
        prompts(by_id(body, first_id), "provider").clear()
        by_id(body, second_id)["value"]["relevant"] = False

    edit(a1, a1_change)
    edit(a2, a2_change)
    edit(gone, gone_change)
    delete(gone)
    _agree(a3, ["local-authority", "provider", "person"], after_days=3)
    _agree(a2, ["local-authority", "provider", "person"], after_days=40)
    _agree(a1, ["local-authority", "provider"], after_days=1)  # not every party

    # Version 2, and two agreements that follow it.
    template = publish(template, _version_2, "Provider prompts reordered; a prompt reworded.")
    assert template.version == 2
    b1, b2 = fork(template, one), fork(template, two)

    def b1_change(body):
        prompts(by_id(body, first_id), "person").reverse()
        body.insert(0, body.pop(body.index(by_id(body, second_id))))  # the area moved first
        by_id(body, second_id)["value"]["relevant"] = False

    def b2_change(body):
        column = prompts(by_id(body, first_id), "local-authority")
        column.append(item("Visit at home", "c1000000-0000-4000-8000-000000000001"))
        column.append(item("Phone weekly", "c1000000-0000-4000-8000-000000000002"))
        by_id(body, text_id)["value"]["text"] = "<p>Amira is the first person to call.</p>"

    edit(b1, b1_change)
    edit(b2, b2_change)
    Feedback.objects.create(page=template, area_block_id=first_id, body="The prompts are long.")
    Feedback.objects.create(page=template, body="Useful.")

    snapshot = compute_and_store(template)

    month = this_month()
    language = template.locale.language_code
    v1 = {"version": 1, "language": language, "month": month}
    v2 = {"version": 2, "language": language, "month": month}
    assert snapshot.agreement_count == 5
    assert total(snapshot, measure=Measure.AGREEMENTS, **v1) == 3
    assert total(snapshot, measure=Measure.AGREEMENTS, **v2) == 2

    # Version 1, the first area: a1 and a2 changed it, a3 kept it.
    area = {"block_id": first_id, "item_id": ""}
    assert total(snapshot, measure=Measure.KEPT, **area, **v1) == 1
    assert total(snapshot, measure=Measure.REWORDED, **area, **v1) == 2
    assert total(snapshot, measure=Measure.REMOVED, **area, **v1) == 0
    provider = {"block_id": first_id, "party_key": "provider"}
    assert total(snapshot, item_id=provider_v1[0], measure=Measure.KEPT, **provider, **v1) == 3
    assert total(snapshot, item_id=provider_v1[1], measure=Measure.KEPT, **provider, **v1) == 2
    assert total(snapshot, item_id=provider_v1[1], measure=Measure.REMOVED, **provider, **v1) == 1
    la = {"block_id": first_id, "party_key": "local-authority"}
    assert total(snapshot, item_id=la_v1[0], measure=Measure.REWORDED, **la, **v1) == 1
    assert total(snapshot, item_id=la_v1[0], measure=Measure.KEPT, **la, **v1) == 2
    assert total(snapshot, item_id=la_v1[1], measure=Measure.KEPT, **la, **v1) == 3
    assert total(snapshot, item_id="", measure=Measure.ADDED, **provider, **v1) == 1
    assert total(snapshot, block_id=second_id, measure=Measure.NOT_RELEVANT, **v1) == 1
    assert total(snapshot, block_id=second_id, item_id="", measure=Measure.KEPT, **v1) == 3
    # Across the whole version: exactly the edits made, nothing else.
    items = {"item_id__gt": ""}
    assert total(snapshot, measure=Measure.REWORDED, **items, **v1) == 1
    assert total(snapshot, measure=Measure.REMOVED, **items, **v1) == 1
    assert total(snapshot, measure=Measure.ADDED, **v1) == 1
    assert total(snapshot, measure=Measure.NOT_RELEVANT, **v1) == 1
    blocks = len(v1_body)
    assert total(snapshot, measure=Measure.KEPT, item_id="", block_id__gt="", **v1) == (
        3 * blocks - 2
    )
    # Agreed by every party: a3 within a week, a2 within 90 days; a1 only by two parties.
    assert total(snapshot, measure=Measure.AGREED_BY_ALL, **v1) == 2
    assert total(snapshot, measure=Measure.AGREED_WITHIN_7_DAYS, **v1) == 1
    assert total(snapshot, measure=Measure.AGREED_WITHIN_30_DAYS, **v1) == 0
    assert total(snapshot, measure=Measure.AGREED_WITHIN_90_DAYS, **v1) == 1
    assert total(snapshot, measure=Measure.AGREED_LATER, **v1) == 0

    # Version 2: the template's own reordering and rewording are its source, so kept.
    assert total(snapshot, measure=Measure.KEPT, **area, **v2) == 1
    assert total(snapshot, measure=Measure.REWORDED, **area, **v2) == 1
    for prompt in provider_v1:
        assert total(snapshot, item_id=prompt, measure=Measure.KEPT, **provider, **v2) == 2
    person = {"block_id": first_id, "party_key": "person"}
    for prompt in [*person_ids, ADDED_PROMPT]:
        assert total(snapshot, item_id=prompt, measure=Measure.KEPT, **person, **v2) == 2
    assert total(snapshot, item_id="", measure=Measure.ADDED, **la, **v2) == 2
    text = {"block_id": text_id, "item_id": "text"}
    assert total(snapshot, measure=Measure.REWORDED, **text, **v2) == 1
    assert total(snapshot, measure=Measure.KEPT, **text, **v2) == 1
    assert total(snapshot, measure=Measure.REWORDED, **items, **v2) == 1
    assert total(snapshot, measure=Measure.REMOVED, **v2) == 0
    assert total(snapshot, measure=Measure.ADDED, **v2) == 2
    assert total(snapshot, measure=Measure.NOT_RELEVANT, block_id=second_id, **v2) == 1
    assert total(snapshot, measure=Measure.KEPT, item_id="", block_id__gt="", **v2) == (
        2 * blocks - 2
    )
    assert total(snapshot, measure=Measure.AGREED_BY_ALL, **v2) == 0

    # Feedback: both left while version 2 was live, one about the first area.
    assert total(snapshot, measure=Measure.FEEDBACK, **v2) == 2
    assert total(snapshot, measure=Measure.FEEDBACK, block_id=first_id) == 1

    # Each place's kept, reworded and removed add up to the agreements that had it.
    for counts in (v1, v2):
        for prompt in provider_v1:
            assert total(
                snapshot,
                item_id=prompt,
                measure__in=[Measure.KEPT, Measure.REWORDED, Measure.REMOVED],
                **provider,
                **counts,
            ) == total(snapshot, measure=Measure.AGREEMENTS, **counts)
    # Nothing any one practitioner wrote is kept: too few agreements share it.
    assert not EvidenceWording.objects.exists()
    assert EvidenceCount.objects.filter(snapshot=snapshot).count() < 2 * 3 * blocks * 20

"""Template updates to the clauses, text, definitions and schedule rows a practitioner may change:
matched by block and list item id as areas are. A change to words they left alone is offered and
applies; a change to words they changed is a conflict, settled by keeping theirs or taking the
template's."""

import pytest
from django.urls import reverse

from agreements.models import TemplatePage
from agreements.seed_content import partnering
from personalised.models import PersonalisedAgreement
from personalised.tests.editing import form_data
from personalised.tests.test_editing_blocks import (
    allow_all,
    block_url,
    direct_payment_template,
    raw_block,
    raw_blocks,
)
from personalised.tests.updating_helpers import fork, publish
from personalised.updates.changes import compare, template_changes
from personalised.updates.display import shown_sections
from personalised.updates.services import updates_for

pytestmark = pytest.mark.django_db


def of_type(body: list, kind: str) -> dict:
    return next(block for block in body if block["type"] == kind)


def edit(client, agreement, block_id: str, **fields) -> None:
    response = client.get(block_url(agreement, block_id))
    data = {**form_data(response.content.decode()), **fields}
    assert client.post(block_url(agreement, block_id), data).status_code == 302


def review(client, agreement, choose) -> None:
    """Post the update review, with ``choose(change)`` deciding each change."""
    updates = updates_for(agreement)
    data = {"based_on": agreement.latest_revision_id, "live_revision": updates.live_revision_id}
    for change in updates.changes:
        data[f"change-{change.token}"] = choose(change)
    response = client.post(reverse("agreements:updates", args=[agreement.uuid]), data)
    assert response.status_code == 302


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture
def edited_direct_payment(signed_in, practitioner):
    """A direct payment agreement whose practitioner rewrote the second responsibility and the
    text; then the template rewords the first and second responsibilities, the text and the
    payments table."""
    template = direct_payment_template()
    agreement = fork(template, practitioner)
    responsibilities = of_type(raw_blocks(agreement), "clause")
    items = responsibilities["value"]["content"][1]["value"]["items"]
    edit(
        signed_in,
        agreement,
        responsibilities["id"],
        **{f"item-{items[1]['id']}": "keep every receipt for a year"},
    )
    text = of_type(raw_blocks(agreement), "text")
    edit(signed_in, agreement, text["id"], text="Sam and the council agreed this together.")

    def version_2(body):
        clause_items = of_type(body, "clause")["value"]["content"][1]["value"]["items"]
        clause_items[0]["value"] = "use the payments only for the support in {their} plan"
        clause_items[1]["value"] = "keep records of what is spent for six years"
        of_type(body, "text")["value"]["text"] = "<p>Between the council and _____.</p>"
        cells = of_type(body, "schedule_table")["value"]["rows"][0]["value"]["cells"]
        cells[1]["value"] = "£130.00"

    publish(template, version_2, "New wording of the responsibilities.")
    return PersonalisedAgreement.objects.get(pk=agreement.pk)


def _changes_by_words(agreement) -> dict[str, object]:
    return {str(change.new): change for change in updates_for(agreement).changes}


def test_changes_to_words_left_alone_are_offered_and_changes_to_rewritten_words_conflict(
    signed_in, edited_direct_payment
):
    changes = _changes_by_words(edited_direct_payment)
    page = signed_in.get(reverse("agreements:updates", args=[edited_direct_payment.uuid]))
    text = " ".join(page.content.decode().split())

    untouched_item = changes["use the payments only for the support in {their} plan"]
    rewritten_item = changes["keep records of what is spent for six years"]
    rewritten_text = changes["<p>Between the council and _____.</p>"]
    untouched_cell = changes["£130.00"]

    assert len(changes) == 4
    assert (untouched_item.conflict, untouched_cell.conflict) == (False, False)
    assert (rewritten_item.conflict, rewritten_text.conflict) == (True, True)
    assert rewritten_item.current == "keep every receipt for a year"
    assert page.status_code == 200
    assert "Conflict" in text and "Keep mine" in text
    assert "keep every receipt for a year" in text
    assert "use the payments only for the support in their plan" in text
    assert "Clause 1, The person’s responsibilities" in text


def test_taking_the_clear_changes_and_keeping_mine_keeps_the_practitioners_words(
    signed_in, edited_direct_payment
):
    agreement = edited_direct_payment

    review(signed_in, agreement, lambda change: "decline" if change.conflict else "accept")

    body = raw_blocks(agreement)
    items = of_type(body, "clause")["value"]["content"][1]["value"]["items"]
    assert [item["value"] for item in items] == [
        "use the payments only for the support in {their} plan",
        "keep every receipt for a year",
        "tell the council if {their} needs change",
    ]
    assert of_type(body, "text")["value"]["text"] == (
        "<p>Sam and the council agreed this together.</p>"
    )
    cells = of_type(body, "schedule_table")["value"]["rows"][0]["value"]["cells"]
    assert [cell["value"] for cell in cells] == ["Personal assistant", "£130.00"]
    # Every change decided: it follows version 2.
    assert updates_for(PersonalisedAgreement.objects.get(pk=agreement.pk)) is None
    page = signed_in.get(agreement.get_absolute_url()).content.decode()
    assert "use the payments only for the support in their plan" in page


def test_taking_the_templates_version_of_a_conflict_replaces_the_practitioners_words(
    signed_in, edited_direct_payment
):
    agreement = edited_direct_payment

    review(signed_in, agreement, lambda change: "accept")

    body = raw_blocks(agreement)
    items = of_type(body, "clause")["value"]["content"][1]["value"]["items"]
    assert items[1]["value"] == "keep records of what is spent for six years"
    assert of_type(body, "text")["value"]["text"] == "<p>Between the council and _____.</p>"


def test_an_item_the_practitioner_added_stays_when_the_template_changes_the_list(
    signed_in, practitioner
):
    template = direct_payment_template()
    agreement = fork(template, practitioner)
    responsibilities = of_type(raw_blocks(agreement), "clause")
    the_list = responsibilities["value"]["content"][1]
    edit(
        signed_in,
        agreement,
        responsibilities["id"],
        **{f"new-items-{the_list['id']}": "ask for help when {they} need it"},
    )

    def version_2(body):
        items = of_type(body, "clause")["value"]["content"][1]["value"]["items"]
        items.append(
            {
                "type": "item",
                "value": "pay any money not used back",
                "id": "f0000000-0000-4000-8000-000000000001",
            }
        )

    publish(template, version_2, "A fourth responsibility.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    review(signed_in, agreement, lambda change: "accept")

    items = raw_block(agreement, responsibilities["id"])["value"]["content"][1]["value"]["items"]
    assert [item["value"] for item in items] == [
        "use the payments only for {their} support",
        "keep records of what is spent",
        "tell the council if {their} needs change",
        # The template's new item goes after the one it follows in the template.
        "pay any money not used back",
        "ask for help when {they} need it",
    ]


def test_suffolk_definitions_changed_by_the_practitioner_conflict_and_others_apply(
    seeded_site, signed_in, practitioner
):
    template = TemplatePage.objects.get(slug=partnering.SLUG)
    template = publish(template, allow_all, "Practitioners may change the clauses.")
    agreement = fork(template, practitioner)
    definitions = of_type(raw_blocks(agreement), "definitions")
    items = definitions["value"]["definitions"]
    edit(
        signed_in,
        agreement,
        definitions["id"],
        **{f"meaning-{items[0]['id']}": "the people who sign this with Sam"},
    )

    def version_2(body):
        changed = of_type(body, "definitions")["value"]["definitions"]
        changed[0]["value"]["meaning"] = "the organisations that sign this Agreement"
        changed[1]["value"]["meaning"] = "a new meaning from the template"

    publish(template, version_2, "Definitions reworded.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    changes = _changes_by_words(agreement)

    assert changes["the organisations that sign this Agreement"].conflict
    assert not changes["a new meaning from the template"].conflict
    review(signed_in, agreement, lambda change: "decline" if change.conflict else "accept")
    saved = raw_block(agreement, definitions["id"])["value"]["definitions"]
    assert saved[0]["value"]["meaning"] == "the people who sign this with Sam"
    assert saved[1]["value"]["meaning"] == "a new meaning from the template"


# --------------------------------------------------------------------------- the choice itself


def _text(**value) -> dict:
    return {"type": "text", "value": {"heading": "", "text": "<p>Hi</p>", **value}, "id": "t1"}


def test_a_version_saved_before_the_choice_existed_offers_no_change_for_it():
    """Versions saved before "Practitioners may change this" existed lack the field; the next
    version has it, off: no editor changed anything, so nothing is offered."""
    before, after = [_text()], [_text(practitioners_may_edit=False)]

    assert template_changes(before, after) == []
    assert compare(before, after, before) == []


def test_an_editor_opening_a_block_is_offered_as_a_yes_or_no_change():
    before, after = [_text(practitioners_may_edit=False)], [_text(practitioners_may_edit=True)]

    changes = template_changes(before, after)
    shown = shown_sections(before, after, changes)[0].changes[0]

    assert [change.path for change in changes] == [("t1", "practitioners_may_edit")]
    assert (shown.old, shown.new) == ("No", "Yes")
    assert "practitioners may change this in their agreements" in shown.what

"""Editing an agreement's clauses, text, definitions and schedule tables where the template's
editors allow it (``practitioners_may_edit``), on three template shapes: the Suffolk partnering
agreement (clauses, sub-clauses, lists, a cross-reference, definitions, a schedule), the ISF (areas,
plus a text section its editors opened) and a small direct payment agreement (text and clauses
with numbered responsibilities)."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import clause, paragraph, published_template
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from personalised.models import AgreementShare, PersonalisedAgreement, SharePermission
from personalised.tests.editing import form_data
from personalised.tests.exporting import docx_text
from personalised.tests.hostile import PAYLOADS, executable_parts
from personalised.tests.updating_helpers import fork, publish
from tests.form_descriptions import description_problems
from tests.test_valid_html import describe as describe_errors
from tests.test_valid_html import nu_html_checker_errors

pytestmark = pytest.mark.django_db

EDITABLE = ("clause", "text", "definitions", "schedule_table")


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def allow_all(body: list) -> None:
    """The editors' choice: practitioners may change every clause, text, definitions and table."""
    for block in body:
        if block["type"] in EDITABLE:
            block["value"]["practitioners_may_edit"] = True


def block_url(agreement, block_id: str) -> str:
    return reverse("agreements:edit_block", kwargs={"uuid": agreement.uuid, "block_id": block_id})


def raw_blocks(agreement) -> list:
    fresh = PersonalisedAgreement.objects.get(pk=agreement.pk)
    return copy.deepcopy(list(fresh.body.raw_data))


def raw_block(agreement, block_id: str) -> dict:
    return next(block for block in raw_blocks(agreement) if block["id"] == block_id)


def by_heading(agreement, heading: str) -> dict:
    return next(
        block
        for block in raw_blocks(agreement)
        if isinstance(block["value"], dict) and block["value"].get("heading") == heading
    )


def open_form(client, agreement, block_id: str) -> dict:
    response = client.get(block_url(agreement, block_id))
    assert response.status_code == 200
    return form_data(response.content.decode())


def post(client, agreement, block_id: str, data: dict):
    return client.post(block_url(agreement, block_id), data)


def suffolk() -> TemplatePage:
    return TemplatePage.objects.get(slug=partnering.SLUG)


@pytest.fixture
def suffolk_agreement(seeded_site, practitioner):
    """The Suffolk agreement, from a version whose editors opened every clause and table."""
    template = publish(suffolk(), allow_all, "Practitioners may change the clauses.")
    return fork(template, practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def direct_payment_template() -> TemplatePage:
    """A council's direct payment agreement: text and clauses with numbered responsibilities."""
    slug = f"direct-payment-{TemplatePage.objects.count() + 1}"
    data = [
        {
            "type": "text",
            "value": {
                "heading": "About this agreement",
                "text": "<p>This agreement is between the council and _____.</p>",
                "practitioners_may_edit": True,
            },
        },
        {
            "type": "clause",
            "value": {
                "heading": "The person’s responsibilities",
                "reference_key": "responsibilities",
                "content": [
                    paragraph("_____ agrees to:"),
                    {
                        "type": "list",
                        "value": {
                            "items": [
                                "use the payments only for {their} support",
                                "keep records of what is spent",
                                "tell the council if {their} needs change",
                            ],
                            "numbered": True,
                        },
                    },
                ],
                "practitioners_may_edit": True,
            },
        },
        clause("Ending the agreement", paragraph("Either side may end it with notice.")),
        {
            "type": "schedule_table",
            "value": {
                "appendix_label": "Schedule",
                "heading": "Payments",
                "introduction": "",
                "columns": ["What", "Weekly amount"],
                "rows": [{"cells": ["Personal assistant", "£120.00"]}],
                "footnotes": [],
                "practitioners_may_edit": True,
            },
        },
    ]
    body = with_block_ids(slug, TemplateBodyBlock(), data)
    return published_template(slug=slug, body=body, title="Direct payment agreement")


@pytest.fixture
def direct_payment(practitioner):
    return fork(direct_payment_template(), practitioner)


# --------------------------------------------------------------------------- locked by default


def test_a_template_blocks_are_locked_unless_its_editors_open_them(
    seeded_site, practitioner, signed_in
):
    agreement = fork(suffolk(), practitioner)
    termination = by_heading(agreement, "Termination of the Partnering Agreement")
    before = raw_blocks(agreement)

    page = soup(signed_in.get(agreement.get_absolute_url()))
    refused_get = signed_in.get(block_url(agreement, termination["id"]))
    crafted = {
        "based_on": agreement.latest_revision_id,
        **{
            f"text-{item['id']}": "Nobody may ever leave."
            for item in termination["value"]["content"]
        },
    }
    refused_post = post(signed_in, agreement, termination["id"], crafted)

    assert not page.select("a[href*='/blocks/']")
    assert (refused_get.status_code, refused_post.status_code) == (404, 404)
    assert raw_blocks(agreement) == before
    assert PersonalisedAgreement.objects.get(pk=agreement.pk).revisions.count() == 1


def test_areas_headings_and_blocks_without_the_choice_are_not_found_here(signed_in, direct_payment):
    locked = next(
        block
        for block in raw_blocks(direct_payment)
        if block["type"] == "clause" and not block["value"].get("practitioners_may_edit")
    )

    assert signed_in.get(block_url(direct_payment, locked["id"])).status_code == 404
    assert signed_in.get(block_url(direct_payment, "no-such-block")).status_code == 404


def test_the_agreement_page_shows_an_edit_link_beside_each_block_practitioners_may_change(
    client, signed_in, direct_payment
):
    page = soup(signed_in.get(direct_payment.get_absolute_url()))
    links = [link["href"] for link in page.select(".block-edit-link a")]
    editable = [
        block["id"]
        for block in raw_blocks(direct_payment)
        if block["value"].get("practitioners_may_edit")
    ]
    viewer = PractitionerFactory()
    AgreementShare.objects.create(
        agreement=direct_payment, user=viewer, permission=SharePermission.VIEW
    )
    client.force_login(viewer)

    viewers_page = soup(client.get(direct_payment.get_absolute_url()))

    assert links == [block_url(direct_payment, block_id) for block_id in editable]
    assert len(editable) == 3
    assert not viewers_page.select(".block-edit-link")
    assert client.get(block_url(direct_payment, editable[0])).status_code == 404


# --------------------------------------------------------------------------- clauses


def test_a_clause_s_sub_clause_paragraph_and_list_items_are_changed_removed_and_added(
    signed_in, practitioner, suffolk_agreement
):
    introduction = by_heading(suffolk_agreement, "Introduction")
    sub_clause = introduction["value"]["content"][
        1
    ]  # 2.2: a paragraph, "Services include:-", a list
    first, _services, services_list = sub_clause["value"]["content"]
    items = services_list["value"]["items"]
    data = open_form(signed_in, suffolk_agreement, introduction["id"])
    data[f"text-{first['id']}"] = "This Agreement sets out how the Partners work with Sam."
    data[f"remove-item-{items[3]['id']}"] = "on"  # Specialist Health Care services
    data[f"item-{items[0]['id']}"] = "Housing, near Sam’s family"
    data[f"new-items-{services_list['id']}"] = "Help with money\n\nCompanionship\n"

    response = post(signed_in, suffolk_agreement, introduction["id"], data)

    assert response.status_code == 302
    saved = raw_block(suffolk_agreement, introduction["id"])
    new_sub_clause = saved["value"]["content"][1]
    new_first, new_services, new_list = new_sub_clause["value"]["content"]
    assert new_first == {
        **first,
        "value": "This Agreement sets out how the Partners work with Sam.",
    }
    assert new_services == _services  # untouched words keep their id and their text
    new_items = new_list["value"]["items"]
    assert [item["value"] for item in new_items] == [
        "Housing, near Sam’s family",
        "Personal Care services",
        "Support Services",
        "Landlord Services",
        "Help with money",
        "Companionship",
    ]
    assert [item["id"] for item in new_items[:4]] == [
        items[0]["id"],
        items[1]["id"],
        items[2]["id"],
        items[4]["id"],
    ]
    assert len({item["id"] for item in new_items}) == 6
    assert saved["value"]["heading"] == "Introduction"
    assert [block["id"] for block in raw_blocks(suffolk_agreement)] == [
        block["id"] for block in suffolk_agreement.body.raw_data
    ]
    fresh = PersonalisedAgreement.objects.get(pk=suffolk_agreement.pk)
    assert fresh.latest_revision.user == practitioner
    assert ModelLogEntry.objects.for_instance(fresh).filter(action="wagtail.edit").exists()
    assert response["Location"].startswith(fresh.get_absolute_url() + "#clause-")

    page = signed_in.get(fresh.get_absolute_url()).content.decode()
    assert "Help with money" in page
    assert "Specialist Health Care services" not in page
    assert "is saved." in page


def test_a_clause_keeps_its_heading_numbers_and_references_whatever_is_posted(
    signed_in, suffolk_agreement
):
    commencement = by_heading(suffolk_agreement, "Commencement and Duration")
    reference = commencement["value"]["content"][0]
    before_page = soup(signed_in.get(suffolk_agreement.get_absolute_url()))
    data = open_form(signed_in, suffolk_agreement, commencement["id"])
    data[f"before-{reference['id']}"] = "This Agreement starts when Sam moves in, subject to"
    data["heading"] = "Forever"
    data["clause"] = "confidentiality"
    data[f"{reference['id']}-clause"] = "confidentiality"

    assert post(signed_in, suffolk_agreement, commencement["id"], data).status_code == 302

    saved = raw_block(suffolk_agreement, commencement["id"])["value"]
    assert saved["heading"] == "Commencement and Duration"
    assert saved["content"][0]["value"] == {
        **reference["value"],
        "text_before": "This Agreement starts when Sam moves in, subject to",
    }
    after_page = soup(signed_in.get(suffolk_agreement.get_absolute_url()))
    sentence = after_page.find("a", href="#clause-termination").parent
    assert sentence.get_text().startswith("This Agreement starts when Sam moves in, subject to")

    def numbers(page):
        return [
            *(h.get_text(" ", strip=True) for h in page.select(".clause__heading")),
            *(a.get_text() for a in page.select("a[href='#clause-termination']")),
        ]

    assert numbers(after_page) == numbers(before_page)


def test_words_left_as_shown_stay_as_the_template_wrote_them(signed_in, direct_payment):
    """The form shows "Sam agrees to:" and "his support"; saved unchanged, the agreement keeps
    the template's blank and pronoun markers, so it still matches the template's words."""
    direct_payment.pronouns = "he"
    direct_payment.save()
    direct_payment.save_revision()
    responsibilities = next(b for b in raw_blocks(direct_payment) if b["type"] == "clause")
    items = responsibilities["value"]["content"][1]["value"]["items"]
    data = open_form(signed_in, direct_payment, responsibilities["id"])
    assert data[f"item-{items[0]['id']}"] == "use the payments only for his support"
    data[f"item-{items[1]['id']}"] = "keep every receipt"

    assert post(signed_in, direct_payment, responsibilities["id"], data).status_code == 302

    saved = raw_block(direct_payment, responsibilities["id"])["value"]["content"]
    assert saved[0]["value"] == "_____ agrees to:"
    assert [item["value"] for item in saved[1]["value"]["items"]] == [
        "use the payments only for {their} support",
        "keep every receipt",
        "tell the council if {their} needs change",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"paragraph": ""}, "Write the words here, or remove them."),
        ({"paragraph": "x" * 5001}, "at most 5000 characters"),
        ({"paragraph": "Bell\x07here"}, "hidden character"),
        ({"remove_all_items": True}, "A list keeps at least one item."),
        ({"remove_paragraph": True, "remove_all_items": False}, None),
    ],
)
def test_bad_clause_input_is_refused_at_the_field_and_nothing_is_saved(
    signed_in, direct_payment, change, message
):
    responsibilities = next(b for b in raw_blocks(direct_payment) if b["type"] == "clause")
    first, the_list = responsibilities["value"]["content"]
    data = open_form(signed_in, direct_payment, responsibilities["id"])
    if "paragraph" in change:
        data[f"text-{first['id']}"] = change["paragraph"]
    if change.get("remove_all_items"):
        for item in the_list["value"]["items"]:
            data[f"remove-item-{item['id']}"] = "on"
    if change.get("remove_paragraph"):
        data[f"remove-text-{first['id']}"] = "on"
    before = raw_blocks(direct_payment)

    response = post(signed_in, direct_payment, responsibilities["id"], data)

    if message is None:
        # Removing a paragraph is allowed while the clause keeps its list.
        assert response.status_code == 302
        saved = raw_block(direct_payment, responsibilities["id"])["value"]["content"]
        assert [item["type"] for item in saved] == ["list"]
        return
    assert response.status_code == 400
    assert message in response.content.decode()
    assert soup(response).select_one(".error-summary a")
    assert raw_blocks(direct_payment) == before


def test_the_last_paragraph_of_a_sub_clause_cannot_be_removed(signed_in, suffolk_agreement):
    introduction = by_heading(suffolk_agreement, "Introduction")
    only = introduction["value"]["content"][0]["value"]["content"][0]
    data = open_form(signed_in, suffolk_agreement, introduction["id"])
    data[f"remove-text-{only['id']}"] = "on"

    response = post(signed_in, suffolk_agreement, introduction["id"], data)

    assert response.status_code == 400
    assert "Keep at least one paragraph" in response.content.decode()


def test_a_stale_save_is_refused_and_keeps_what_was_typed(
    client, practitioner, signed_in, direct_payment
):
    responsibilities = next(b for b in raw_blocks(direct_payment) if b["type"] == "clause")
    first = responsibilities["value"]["content"][0]
    mine = open_form(signed_in, direct_payment, responsibilities["id"])
    theirs = dict(mine)
    theirs[f"text-{first['id']}"] = "Their words."
    assert post(signed_in, direct_payment, responsibilities["id"], theirs).status_code == 302
    mine[f"text-{first['id']}"] = "My words."

    response = post(signed_in, direct_payment, responsibilities["id"], mine)

    assert response.status_code == 409
    page = soup(response)
    assert page.find("textarea", attrs={"name": f"text-{first['id']}"}).get_text().strip() == (
        "My words."
    )
    assert "Their words." in page.select_one(".conflict__theirs").get_text()
    assert raw_block(direct_payment, responsibilities["id"])["value"]["content"][0]["value"] == (
        "Their words."
    )
    again = form_data(response.content.decode())
    assert post(signed_in, direct_payment, responsibilities["id"], again).status_code == 302
    assert raw_block(direct_payment, responsibilities["id"])["value"]["content"][0]["value"] == (
        "My words."
    )


# --------------------------------------------------------------------------- text


def test_a_text_section_is_rewritten_and_sanitised(signed_in, direct_payment):
    text = next(b for b in raw_blocks(direct_payment) if b["type"] == "text")
    data = open_form(signed_in, direct_payment, text["id"])
    assert data["text"] == "This agreement is between the council and Sam."
    data["text"] = (
        'Sam <b>chooses</b> who helps.<script>alert("x")</script>\n\n'
        '- <a href="javascript:alert(1)">a link</a>\n- <em>own</em> budget'
    )

    assert post(signed_in, direct_payment, text["id"], data).status_code == 302

    saved = raw_block(direct_payment, text["id"])["value"]
    assert saved["text"] == (
        "<p>Sam <strong>chooses</strong> who helps.</p><ul><li>a link</li><li><em>own</em> "
        "budget</li></ul>"
    )
    assert saved["heading"] == "About this agreement"
    page = signed_in.get(direct_payment.get_absolute_url()).content.decode()
    assert "<strong>chooses</strong>" in page
    assert "<script" not in page.split("</header>", 1)[-1]
    assert "javascript:" not in page and 'alert("x")' not in page


def test_a_text_section_saved_as_shown_keeps_the_template_text(signed_in, direct_payment):
    text = next(b for b in raw_blocks(direct_payment) if b["type"] == "text")

    response = post(
        signed_in, direct_payment, text["id"], open_form(signed_in, direct_payment, text["id"])
    )

    assert response.status_code == 302
    assert raw_block(direct_payment, text["id"]) == text


def test_a_text_section_cannot_be_emptied(signed_in, direct_payment):
    text = next(b for b in raw_blocks(direct_payment) if b["type"] == "text")
    data = {**open_form(signed_in, direct_payment, text["id"]), "text": "<script>x</script>"}

    response = post(signed_in, direct_payment, text["id"], data)

    assert response.status_code == 400
    assert "nothing would be left" in response.content.decode()
    assert raw_block(direct_payment, text["id"]) == text


# --------------------------------------------------------------------------- definitions


def test_definitions_meanings_are_changed_and_definitions_removed_and_added(
    signed_in, suffolk_agreement
):
    definitions = next(b for b in raw_blocks(suffolk_agreement) if b["type"] == "definitions")
    items = definitions["value"]["definitions"]
    data = open_form(signed_in, suffolk_agreement, definitions["id"])
    data[f"meaning-{items[0]['id']}"] = "the people who sign this Agreement with Sam"
    data[f"remove-meaning-{items[1]['id']}"] = "on"
    data["new_term"] = "Circle of support"
    data["new_meaning"] = "the people Sam chooses to help him"
    data[f"term-{items[0]['id']}"] = "Crafted term"

    assert post(signed_in, suffolk_agreement, definitions["id"], data).status_code == 302

    saved = raw_block(suffolk_agreement, definitions["id"])["value"]["definitions"]
    assert saved[0] == {
        **items[0],
        "value": {**items[0]["value"], "meaning": "the people who sign this Agreement with Sam"},
    }
    assert items[1]["id"] not in [item["id"] for item in saved]
    assert saved[1:-1] == items[2:]
    assert saved[-1]["value"] == {
        "term": "Circle of support",
        "meaning": "the people Sam chooses to help him",
    }
    page = signed_in.get(suffolk_agreement.get_absolute_url()).content.decode()
    assert "<dfn>Circle of support</dfn> means the people Sam chooses to help him" in page


def test_a_new_definition_needs_both_its_term_and_meaning(signed_in, suffolk_agreement):
    definitions = next(b for b in raw_blocks(suffolk_agreement) if b["type"] == "definitions")
    data = {**open_form(signed_in, suffolk_agreement, definitions["id"]), "new_term": "Orphan"}

    response = post(signed_in, suffolk_agreement, definitions["id"], data)

    assert response.status_code == 400
    assert "Write what the new term means." in response.content.decode()


# --------------------------------------------------------------------------- schedule rows


def test_schedule_rows_are_changed_removed_and_added(signed_in, suffolk_agreement):
    table = next(b for b in raw_blocks(suffolk_agreement) if b["type"] == "schedule_table")
    rows = table["value"]["rows"]
    data = open_form(signed_in, suffolk_agreement, table["id"])
    data[f"cell-{rows[0]['id']}-3"] = "£250 a week"
    data[f"remove-row-{rows[1]['id']}"] = "on"
    data["new-cell-0"] = "Day centre"
    data["new-cell-3"] = "£40 a week"

    assert post(signed_in, suffolk_agreement, table["id"], data).status_code == 302

    saved = raw_block(suffolk_agreement, table["id"])["value"]
    assert saved["columns"] == table["value"]["columns"]
    first_cells = saved["rows"][0]["value"]["cells"]
    assert first_cells[3] == {**rows[0]["value"]["cells"][3], "value": "£250 a week"}
    assert first_cells[:3] == rows[0]["value"]["cells"][:3]
    assert rows[1]["id"] not in [row["id"] for row in saved["rows"]]
    assert [cell["value"] for cell in saved["rows"][-1]["value"]["cells"]] == [
        "Day centre",
        "",
        "",
        "£40 a week",
    ]
    page = signed_in.get(suffolk_agreement.get_absolute_url()).content.decode()
    assert '<th scope="row">Day centre</th>' in page


def test_the_last_row_cannot_be_removed(signed_in, direct_payment):
    table = next(b for b in raw_blocks(direct_payment) if b["type"] == "schedule_table")
    data = open_form(signed_in, direct_payment, table["id"])
    data[f"remove-row-{table['value']['rows'][0]['id']}"] = "on"

    response = post(signed_in, direct_payment, table["id"], data)

    assert response.status_code == 400
    assert "Keep at least one row." in response.content.decode()
    assert raw_block(direct_payment, table["id"]) == table


# --------------------------------------------------------------------------- ISF and exports


def test_the_isf_has_nothing_else_to_edit_until_its_editors_add_and_open_a_text_section(
    seeded_site, practitioner, signed_in
):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    plain = fork(template, practitioner)
    assert not soup(signed_in.get(plain.get_absolute_url())).select(".block-edit-link")

    def add_text(body):
        body.append(
            {
                "type": "text",
                "value": {
                    "heading": "Our own words",
                    "text": "<p>_____ and the people around {them} wrote this.</p>",
                    "practitioners_may_edit": True,
                },
                "id": "d0000000-0000-4000-8000-000000000001",
            }
        )

    agreement = fork(
        publish(template, add_text, "A text section practitioners may change."), practitioner
    )
    data = open_form(signed_in, agreement, "d0000000-0000-4000-8000-000000000001")
    data["text"] = "Sam wrote this with Alex."
    post(signed_in, agreement, "d0000000-0000-4000-8000-000000000001", data)

    page = soup(signed_in.get(agreement.get_absolute_url()))
    assert [link["href"] for link in page.select(".block-edit-link a")] == [
        block_url(agreement, "d0000000-0000-4000-8000-000000000001")
    ]
    assert "Sam wrote this with Alex." in page.get_text()
    # The areas keep their own editor, and are not edited here.
    area = agreement.areas()[0]
    assert signed_in.get(block_url(agreement, area.id)).status_code == 404


def test_the_print_view_and_word_document_have_the_practitioner_s_words(signed_in, direct_payment):
    responsibilities = next(b for b in raw_blocks(direct_payment) if b["type"] == "clause")
    items = responsibilities["value"]["content"][1]["value"]["items"]
    data = open_form(signed_in, direct_payment, responsibilities["id"])
    data[f"item-{items[1]['id']}"] = "keep every receipt for a year"
    assert post(signed_in, direct_payment, responsibilities["id"], data).status_code == 302
    text = next(b for b in raw_blocks(direct_payment) if b["type"] == "text")
    data = open_form(signed_in, direct_payment, text["id"])
    data["text"] = "Sam chose this support.\n\n- a personal assistant\n- a day out each week"
    assert post(signed_in, direct_payment, text["id"], data).status_code == 302
    table = next(b for b in raw_blocks(direct_payment) if b["type"] == "schedule_table")
    data = {**open_form(signed_in, direct_payment, table["id"]), "new-cell-0": "Gym membership"}
    assert post(signed_in, direct_payment, table["id"], data).status_code == 302

    printed = signed_in.get(reverse("agreements:print", args=[direct_payment.uuid]))
    document = docx_text(
        signed_in.get(reverse("agreements:docx", args=[direct_payment.uuid])).content
    )

    for words in (
        "keep every receipt for a year",
        "Sam chose this support.",
        "a day out each week",
        "Gym membership",
    ):
        assert words in printed.content.decode()
        assert words in document


# --------------------------------------------------------------------------- the pages themselves


def test_the_editor_pages_are_valid_html_with_hints_and_errors_tied_to_their_fields(
    signed_in, suffolk_agreement, tmp_path
):
    pages = {"agreement": signed_in.get(suffolk_agreement.get_absolute_url()).content}
    for block in raw_blocks(suffolk_agreement):
        if not block["value"].get("practitioners_may_edit"):
            continue
        if block["type"] not in pages:
            pages[block["type"]] = signed_in.get(block_url(suffolk_agreement, block["id"])).content
    table = next(b for b in raw_blocks(suffolk_agreement) if b["type"] == "schedule_table")
    refused = {
        **open_form(signed_in, suffolk_agreement, table["id"]),
        **{f"remove-row-{row['id']}": "on" for row in table["value"]["rows"]},
        f"cell-{table['value']['rows'][0]['id']}-0": "x" * 1001,
    }
    pages["refused"] = post(signed_in, suffolk_agreement, table["id"], refused).content
    for name, content in pages.items():
        (tmp_path / f"{name}.html").write_bytes(content)

    errors = nu_html_checker_errors(sorted(tmp_path.iterdir()))

    assert set(pages) == {"agreement", "clause", "definitions", "schedule_table", "refused"}
    assert errors == {}, describe_errors(errors)
    for name, content in pages.items():
        assert description_problems(content.decode()) == [], name
    assert "Keep at least one row." in pages["refused"].decode()
    assert "At most 1000 characters." in pages["refused"].decode()


def test_the_history_compares_the_practitioners_change_to_a_clause(signed_in, direct_payment):
    responsibilities = next(b for b in raw_blocks(direct_payment) if b["type"] == "clause")
    first = responsibilities["value"]["content"][0]
    data = open_form(signed_in, direct_payment, responsibilities["id"])
    data[f"text-{first['id']}"] = "Sam and the appointed person agree to:"
    post(signed_in, direct_payment, responsibilities["id"], data)
    revisions = list(
        PersonalisedAgreement.objects.get(pk=direct_payment.pk)
        .revisions.order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    compare = reverse("agreements:compare", args=[direct_payment.uuid])

    page = soup(signed_in.get(f"{compare}?old={revisions[0]}&new={revisions[-1]}")).get_text()

    assert len(revisions) == 2
    assert "appointed person" in page
    assert "The person’s responsibilities" in page


def test_editors_choose_block_by_block_and_guidance_text_has_no_such_choice():
    from agreements.blocks import AgreementBodyBlock
    from guidance.blocks import GuidanceBodyBlock

    for stream in (TemplateBodyBlock(), AgreementBodyBlock()):
        for kind in EDITABLE:
            choice = stream.child_blocks[kind].child_blocks["practitioners_may_edit"]
            assert choice.get_default() is False
            assert str(choice.label) == "Practitioners may change this in their agreements"
        assert "practitioners_may_edit" not in stream.child_blocks["area"].child_blocks
    assert "practitioners_may_edit" not in GuidanceBodyBlock().child_blocks["text"].child_blocks


def test_a_post_to_an_open_block_cannot_reach_a_locked_one(signed_in, direct_payment):
    body = raw_blocks(direct_payment)
    open_clause = next(
        b for b in body if b["type"] == "clause" and b["value"].get("practitioners_may_edit")
    )
    locked = next(
        b for b in body if b["type"] == "clause" and not b["value"].get("practitioners_may_edit")
    )
    locked_paragraph = locked["value"]["content"][0]
    data = open_form(signed_in, direct_payment, open_clause["id"])
    data[f"text-{locked_paragraph['id']}"] = "Nobody may end it."
    data[f"remove-text-{locked_paragraph['id']}"] = "on"

    response = post(signed_in, direct_payment, open_clause["id"], data)

    assert response.status_code == 302
    assert raw_block(direct_payment, locked["id"]) == locked


# --------------------------------------------------------------------------- hostile input


def test_hostile_input_in_every_block_field_never_runs_on_any_page(signed_in, direct_payment):
    body = raw_blocks(direct_payment)
    clause_block = next(
        b for b in body if b["type"] == "clause" and b["value"].get("practitioners_may_edit")
    )
    first, the_list = clause_block["value"]["content"]
    item = the_list["value"]["items"][0]
    text = next(b for b in body if b["type"] == "text")
    table = next(b for b in body if b["type"] == "schedule_table")
    row = table["value"]["rows"][0]
    for payload in PAYLOADS:
        data = open_form(signed_in, direct_payment, clause_block["id"])
        data.update(
            {
                f"text-{first['id']}": payload,
                f"item-{item['id']}": payload,
                f"new-items-{the_list['id']}": payload,
            }
        )
        assert post(signed_in, direct_payment, clause_block["id"], data).status_code == 302
        data = {**open_form(signed_in, direct_payment, text["id"]), "text": f"Words {payload}"}
        assert post(signed_in, direct_payment, text["id"], data).status_code == 302
        data = open_form(signed_in, direct_payment, table["id"])
        data.update({f"cell-{row['id']}-0": payload, "new-cell-1": payload})
        assert post(signed_in, direct_payment, table["id"], data).status_code == 302

        pages = {
            "agreement": direct_payment.get_absolute_url(),
            "print": reverse("agreements:print", args=[direct_payment.uuid]),
            "clause editor": block_url(direct_payment, clause_block["id"]),
            "text editor": block_url(direct_payment, text["id"]),
            "table editor": block_url(direct_payment, table["id"]),
        }
        for name, url in pages.items():
            html = signed_in.get(url).content.decode()
            assert executable_parts(html) == [], f"{name} runs {payload!r}"


def test_a_body_that_is_not_a_form_is_refused_and_changes_nothing(signed_in, direct_payment):
    clause_block = next(
        b
        for b in raw_blocks(direct_payment)
        if b["type"] == "clause" and b["value"].get("practitioners_may_edit")
    )
    before = raw_blocks(direct_payment)

    response = signed_in.post(
        block_url(direct_payment, clause_block["id"]),
        '{"heading": "x"}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert raw_blocks(direct_payment) == before


def test_a_short_row_stays_short_until_a_cell_past_its_end_is_written(signed_in, direct_payment):
    from personalised.tests.test_updates import edit_body

    def shorten(body):
        table = next(b for b in body if b["type"] == "schedule_table")
        cells = table["value"]["rows"][0]["value"]["cells"]
        del cells[1:]

    agreement = edit_body(direct_payment, shorten)
    table = next(b for b in raw_blocks(agreement) if b["type"] == "schedule_table")
    row = table["value"]["rows"][0]
    unchanged = open_form(signed_in, agreement, table["id"])
    assert unchanged[f"cell-{row['id']}-1"] == ""

    assert post(signed_in, agreement, table["id"], unchanged).status_code == 302
    assert raw_block(agreement, table["id"]) == table

    data = {**open_form(signed_in, agreement, table["id"]), f"cell-{row['id']}-1": "£5"}
    assert post(signed_in, agreement, table["id"], data).status_code == 302
    cells = raw_block(agreement, table["id"])["value"]["rows"][0]["value"]["cells"]
    assert cells[0] == row["value"]["cells"][0]
    assert [cell["value"] for cell in cells] == ["Personal assistant", "£5"]

"""Clause, sub-clause, area and appendix numbers are computed at render time, and
cross-references follow the clause they point at."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.blocks import TemplateBodyBlock
from agreements.factories import (
    TemplatePageFactory,
    area,
    clause,
    cross_reference,
    item_list,
    paragraph,
    published_template,
    signatories,
    signatory,
    sub_clause,
)
from agreements.models import TemplatePage
from agreements.numbering import Numbering
from agreements.seed_content import partnering
from agreements.tests.test_admin import editor  # noqa: F401 (fixture)
from agreements.tests.test_block_ids import edit_form
from agreements.tests.text import main_text


def publish_with_body(page: TemplatePage, body: list[dict]) -> None:
    page.body = body
    page.save_revision().publish()


def numbering_of(body: list[dict]) -> Numbering:
    return Numbering(TemplateBodyBlock().to_python(body))


def test_clauses_and_sub_clauses_are_numbered_in_order():
    value = TemplateBodyBlock().to_python(
        [
            clause(
                "Introduction",
                sub_clause(paragraph("a")),
                paragraph("b"),
                sub_clause(paragraph("c")),
            ),
            clause("Duration", paragraph("c")),
        ]
    )
    numbering = Numbering(value)
    introduction, duration = value
    sub_clauses = [item for item in introduction.value["content"] if item.block_type != "paragraph"]

    assert [section.number for section in numbering.sections] == ["1", "2"]
    assert numbering.number(duration.id) == "2"
    assert [numbering.number(item.id) for item in sub_clauses] == ["1.1", "1.2"]


def test_areas_and_appendices_have_their_own_sequences():
    numbering = numbering_of(
        [
            area("Outcomes"),
            clause("Definitions"),
            area("Resources"),
            {
                "type": "schedule_table",
                "value": {
                    "appendix_label": "Appendix",
                    "heading": "Funding",
                    "columns": ["Service"],
                    "rows": [{"cells": ["Housing"]}],
                    "footnotes": [],
                },
            },
        ]
    )

    assert [(section.kind, section.number) for section in numbering.sections] == [
        ("area", "1"),
        ("clause", "1"),
        ("area", "2"),
        ("appendix", "1"),
    ]
    assert numbering.sections[-1].heading == "Appendix 1: Funding"


@pytest.mark.django_db
def test_cross_reference_follows_a_clause_inserted_before_termination(template_index, client):
    page = TemplatePageFactory(parent=template_index, slug="agreement", body=[])
    reference = cross_reference("Subject to the provision of", "termination", "Termination")
    body = [
        clause("Introduction", paragraph("Why we agree.")),
        clause("Commencement", reference),
        clause("Termination", paragraph("Six months' notice."), key="termination"),
    ]
    publish_with_body(page, body)
    before = main_text(client.get("/templates/agreement/").text)

    publish_with_body(
        page, body[:2] + [clause("Confidentiality", paragraph("We keep it."))] + body[2:]
    )
    after = main_text(client.get("/templates/agreement/").text)

    assert "Subject to the provision of clause 3 (Termination)." in before
    assert "3 Termination" in before
    assert "Subject to the provision of clause 4 (Termination)." in after
    assert "3 Confidentiality" in after
    assert "4 Termination" in after


@pytest.mark.django_db
def test_cross_reference_links_to_the_clause(template_index, client):
    page = TemplatePageFactory(parent=template_index, slug="agreement", body=[])
    publish_with_body(
        page,
        [
            clause("Commencement", cross_reference("See", "ending", after="")),
            clause("Ending the agreement", paragraph("With notice."), key="ending"),
        ],
    )

    html = client.get("/templates/agreement/").text

    assert '<a href="#clause-ending">clause 2 (Ending the agreement)</a>' in html
    assert 'id="clause-ending"' in html


@pytest.mark.django_db
def test_seeded_partnering_agreement_numbers(seeded_site, client):
    text = main_text(client.get(f"/templates/{partnering.SLUG}/").text)

    assert "1 Definitions" in text
    assert "1.7 Client means younger persons with dementia." in text
    assert "2.4 This Agreement is intended to form the basis" in text
    assert "APPENDIX 1 SCHEME FUNDING SCHEDULE" in text


@pytest.mark.django_db
def test_seeded_partnering_agreement_agrees_with_the_source_at_all_five_known_numbers(
    seeded_site, client
):
    """The original prints Termination 8 (clause 3's reference), Communication 14,
    Documentation 15, Funding 16 and Signatories 18; Aims and Objectives falls at 13."""
    text = main_text(client.get(f"/templates/{partnering.SLUG}/").text)

    assert "subject to the provision of clause 8 (Termination)." in text
    assert "8 Termination of the Partnering Agreement" in text
    assert "12 Operational Conduct 13 Aims and Objectives" in text
    assert "14 Communication 14.1 Should any Partner" in text
    assert "14.4 Where a problem has arisen" in text
    assert "15 Documentation" in text
    assert "16 Funding 16.1 The Commissioning Partners" in text
    assert "16.3 Funding will be reviewed" in text
    assert "18 Signatories" in text
    assert "18.1 Signed on behalf of Suffolk Supporting People:" in text
    assert "18.8 Signed on behalf of Age Concern:" in text
    assert "(Duly Authorised Signatory)" in text
    # "Commissioning of Services" is a sub-heading of clause 4, not a clause of its own.
    assert "4 Obligations and Responsibilities of Partners Partner Roles" in text
    assert "Commissioning of Services It is the policy" in text
    assert "5 Monitoring and Liaison" in text


@pytest.mark.django_db
def test_seeded_partnering_agreement_shows_the_missing_clause_17_as_a_gap(seeded_site, client):
    html = client.get(f"/templates/{partnering.SLUG}/").text
    text = main_text(html)

    assert "Clause 17 is not in this document. 18 Signatories" in text
    assert '<p class="clause-gap">Clause 17 is not in this document.</p>' in html
    assert "17 Signatories" not in text
    assert text.count("is not in this document") == 1


@pytest.mark.django_db
def test_seeded_reference_follows_an_inserted_clause(seeded_site, client):
    page = TemplatePage.objects.get(slug=partnering.SLUG)
    body = page.body
    termination_index = next(
        index
        for index, child in enumerate(body)
        if child.block_type == "clause" and child.value["reference_key"] == "termination"
    )
    body.insert(termination_index, ("clause", clause("Notices", paragraph("In writing."))["value"]))
    page.save_revision().publish()

    text = main_text(client.get(f"/templates/{partnering.SLUG}/").text)

    assert "subject to the provision of clause 9 (Termination)." in text
    assert "8 Notices" in text
    assert "9 Termination of the Partnering Agreement" in text
    # The inserted clause fills the gap before the Signatories' fixed number 18: none is left.
    assert "17 Funding" in text
    assert "18.1 Signed on behalf of Suffolk Supporting People:" in text
    assert "is not in this document" not in text


def test_a_reference_to_a_missing_clause_is_refused_at_that_field():
    body_block = TemplateBodyBlock()
    value = body_block.to_python(
        [clause("Commencement", cross_reference("Subject to", "termination"))]
    )

    with pytest.raises(ValidationError) as raised:
        body_block.clean(value)

    errors = raised.value.as_json_data()
    field_error = errors["blockErrors"][0]["blockErrors"]["content"]["blockErrors"][0]
    assert field_error["blockErrors"]["clause"] == {
        "messages": ["No clause has the reference key 'termination'."]
    }


def test_a_duplicate_reference_key_is_refused_at_the_second_clause():
    body_block = TemplateBodyBlock()
    value = body_block.to_python(
        [
            clause("Termination", paragraph("Notice."), key="termination"),
            clause("Ending", paragraph("Notice."), key="termination"),
        ]
    )

    with pytest.raises(ValidationError) as raised:
        body_block.clean(value)

    errors = raised.value.as_json_data()["blockErrors"]
    assert list(errors) == [1]
    assert errors[1]["blockErrors"]["reference_key"] == {
        "messages": ["Another clause already uses the reference key 'termination'."]
    }


# Fixed clause numbers ---------------------------------------------------------------------------


def clean_errors(body: list[dict]) -> dict:
    """The errors the body's validation gives, as the admin shows them (or {} if none)."""
    body_block = TemplateBodyBlock()
    try:
        body_block.clean(body_block.to_python(body))
    except ValidationError as error:
        return error.as_json_data()
    return {}


def test_a_fixed_number_sets_the_count_and_later_clauses_continue_from_it():
    value = TemplateBodyBlock().to_python(
        [
            clause("Definitions"),
            clause("Funding", sub_clause(paragraph("a")), number=16),
            clause("Signatures"),
        ]
    )
    numbering = Numbering(value)
    funding_sub_clause = value[1].value["content"][0]

    assert [section.number for section in numbering.sections] == ["1", "16", "17"]
    assert numbering.number(funding_sub_clause.id) == "16.1"


def test_the_numbers_a_fixed_number_skips_are_a_gap_not_a_renumbering():
    value = TemplateBodyBlock().to_python(
        [clause("One"), clause("Sixteen", number=16), clause("Eighteen", number=18)]
    )
    numbering = Numbering(value)
    one, sixteen, eighteen = value

    assert numbering.gap_before(one.id) is None
    assert str(numbering.gap_before(sixteen.id)) == "Clauses 2 to 15 are not in this document."
    assert str(numbering.gap_before(eighteen.id)) == "Clause 17 is not in this document."
    assert [numbering.number(child.id) for child in value] == ["1", "16", "18"]


@pytest.mark.django_db
def test_a_cross_reference_shows_the_fixed_number_and_the_page_shows_the_gap(
    template_index, client
):
    page = TemplatePageFactory(parent=template_index, slug="agreement", body=[])
    publish_with_body(
        page,
        [
            clause("Commencement", cross_reference("Subject to", "ending")),
            clause("Funding", sub_clause(paragraph("Agreed yearly.")), number=16),
            clause("Ending", paragraph("With notice."), key="ending", number=18),
        ],
    )

    html = client.get("/templates/agreement/").text
    text = main_text(html)

    assert '<a href="#clause-ending">clause 18 (Ending)</a>' in html
    assert "Clauses 2 to 15 are not in this document. 16 Funding 16.1 Agreed yearly." in text
    assert "Clause 17 is not in this document. 18 Ending" in text


def test_a_fixed_number_not_above_the_clause_before_is_refused_at_its_field():
    errors = clean_errors(
        [clause("One"), clause("Two", number=5), clause("Three", number=5), clause("Four")]
    )

    assert list(errors["blockErrors"]) == [2]
    assert errors["blockErrors"][2]["blockErrors"]["number"] == {
        "messages": [
            "Clause numbers go up: the clause before this one is number 5, so this one can be "
            "6 or more."
        ]
    }


def test_a_fixed_number_equal_to_the_computed_one_is_accepted():
    assert clean_errors([clause("One"), clause("Two", number=2), clause("Three", number=4)]) == {}


def test_a_number_below_one_is_refused():
    errors = clean_errors([clause("Nought", number=0)])

    assert "number" in errors["blockErrors"][0]["blockErrors"]


# Continued list numbering ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_list_that_continues_numbering_starts_after_the_one_before(template_index, client):
    page = TemplatePageFactory(parent=template_index, slug="agreement", body=[])
    publish_with_body(
        page,
        [
            clause(
                "Responsibilities",
                {"type": "subheading", "value": "The council will"},
                item_list("one", "two", "three", "four", "five", "six"),
                {"type": "subheading", "value": "The appointed person will"},
                item_list("seven", "eight", "nine", continue_numbering=True),
                item_list("a bullet", numbered=False),
                item_list("again one"),
            )
        ],
    )

    html = client.get("/templates/agreement/").text

    assert '<ol class="clause-list">\n<li>one</li>' in html
    assert '<ol class="clause-list" start="7">\n<li>seven</li>' in html
    # A list that does not continue starts again at 1.
    assert '<ol class="clause-list">\n<li>again one</li>' in html


def test_lists_continue_across_a_clauses_sub_clauses():
    value = TemplateBodyBlock().to_python(
        [
            clause(
                "Responsibilities",
                sub_clause(item_list("a", "b")),
                sub_clause(paragraph("Then"), item_list("c", continue_numbering=True)),
            ),
            clause("Next", item_list("d", continue_numbering=False)),
        ]
    )
    numbering = Numbering(value)
    _first, second = value[0].value["content"]
    continued = second.value["content"][1]

    assert numbering.list_start(continued.id) == 3
    assert numbering.list_start(value[1].value["content"][0].id) == 1


def test_continue_numbering_on_a_bulleted_list_is_refused_at_the_field():
    errors = clean_errors(
        [clause("C", item_list("a"), item_list("b", numbered=False, continue_numbering=True))]
    )

    field = errors["blockErrors"][0]["blockErrors"]["content"]["blockErrors"][1]["blockErrors"]
    assert field["continue_numbering"] == {
        "messages": ["Only a numbered list can continue the numbering: tick 'Numbered'."]
    }


def test_continue_numbering_with_no_numbered_list_before_is_refused_at_the_field():
    errors = clean_errors(
        [
            clause("A", item_list("a")),
            clause("B", sub_clause(item_list("b", continue_numbering=True))),
        ]
    )

    sub_clause_errors = errors["blockErrors"][1]["blockErrors"]["content"]["blockErrors"][0]
    field = sub_clause_errors["blockErrors"]["content"]["blockErrors"][0]["blockErrors"]
    assert field["continue_numbering"] == {
        "messages": ["There is no numbered list before this one in the clause to continue."]
    }


# Heading-only clauses and signatories ---------------------------------------------------------


@pytest.mark.django_db
def test_a_clause_may_be_a_heading_only(template_index, client):
    assert clean_errors([clause("Operational Conduct"), clause("Aims", paragraph("a"))]) == {}
    page = TemplatePageFactory(parent=template_index, slug="agreement", body=[])
    publish_with_body(page, [clause("Operational Conduct"), clause("Aims", paragraph("a"))])

    text = main_text(client.get("/templates/agreement/").text)

    assert "1 Operational Conduct 2 Aims a" in text


def test_signatories_take_a_clause_number_only_when_numbered():
    body = [
        clause("One"),
        signatories(signatory("A council"), numbered=False),
        clause("Two"),
        signatories(signatory("A council"), numbered=True),
    ]
    value = TemplateBodyBlock().to_python(body)
    numbering = Numbering(value)

    assert [numbering.number(child.id) for child in value] == ["1", "", "2", "3"]


def test_a_number_for_signatories_not_numbered_as_a_clause_is_refused():
    errors = clean_errors([clause("One"), signatories(signatory("A council"), number=18)])

    assert errors["blockErrors"][1]["blockErrors"]["number"] == {
        "messages": ["Tick 'Number as a clause' to give the signatories a number."]
    }


# In the admin ----------------------------------------------------------------------------------


def clause_form(block_id: str, heading: str, number: str = "") -> dict:
    """A clause with no content, as the admin's editor posts it."""
    return {
        "type": "clause",
        "id": block_id,
        "deleted": "",
        "value": {
            "heading": heading,
            "reference_key": "",
            "number": number,
            "content": {"count": 0},
        },
    }


@pytest.mark.django_db
def test_the_admin_refuses_a_fixed_number_that_does_not_go_up_and_saves_nothing(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    revisions = page.revisions.count()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_form(
            page,
            clause_form("c1111111-0000-4000-8000-000000000001", "Funding", number="16"),
            clause_form("c1111111-0000-4000-8000-000000000002", "Signatures", number="16"),
        ),
    )

    assert response.status_code == 200
    assert (
        "Clause numbers go up: the clause before this one is number 16, so this one can be 17 "
        "or more." in response.content.decode()
    )
    assert page.revisions.count() == revisions


@pytest.mark.django_db
def test_the_admin_saves_heading_only_clauses_with_fixed_numbers(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_form(
            page,
            clause_form("c1111111-0000-4000-8000-000000000001", "Operational Conduct", "12"),
            clause_form("c1111111-0000-4000-8000-000000000002", "Signatures", "18"),
        ),
    )

    assert response.status_code == 302
    saved = TemplatePage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    assert [(child.value["heading"], child.value["number"]) for child in saved] == [
        ("Operational Conduct", 12),
        ("Signatures", 18),
    ]
    assert (
        str(Numbering(saved).gap_before(saved[1].id))
        == "Clauses 13 to 17 are not in this document."
    )

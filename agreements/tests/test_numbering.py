"""Clause, sub-clause, area and appendix numbers are computed at render time, and
cross-references follow the clause they point at."""

import pytest
from django.core.exceptions import ValidationError

from agreements.blocks import TemplateBodyBlock
from agreements.factories import (
    TemplatePageFactory,
    area,
    clause,
    cross_reference,
    paragraph,
    sub_clause,
)
from agreements.models import TemplatePage
from agreements.numbering import Numbering
from agreements.seed_content import partnering
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
    assert "subject to the provision of clause 9 (Termination)." in text
    assert "9 Termination of the Partnering Agreement" in text
    assert "14.4 Where a problem has arisen" in text
    assert "16.3 Funding will be reviewed" in text
    assert "17.8 Signed on behalf of Age Concern:" in text
    assert "APPENDIX 1 SCHEME FUNDING SCHEDULE" in text


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

    assert "subject to the provision of clause 10 (Termination)." in text
    assert "9 Notices" in text
    assert "10 Termination of the Partnering Agreement" in text
    assert "18.1 Signed on behalf of Suffolk Supporting People:" in text


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

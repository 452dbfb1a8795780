"""Every copy of a personalised agreement (its page, the print views, the Word documents) opens the
same way: the agreement's purpose with the person's name, the person, then the areas or
clauses, numbered alike in every copy."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from personalised.exports.pdf import pdf_bytes
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.purpose import INSTRUCTION_BLOCKS
from personalised.tests.copies import PERSON as SHAPE_PERSON
from personalised.tests.copies import read_pdf, shape_agreement
from personalised.tests.exporting import fill_areas
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

PURPOSE = "This document sets out how we will work together to support Sam to live a good life"
INSTRUCTIONS = isf.HOW_TO_USE_HEADING


def _agreement(template: TemplatePage):
    return PersonalisedAgreementFactory(
        owner=PractitionerFactory(username="owner"),
        template=template,
        details=PersonDetailsFactory(person_name="Sam Person", known_as="Sam"),
    )


@pytest.fixture
def isf_agreement(seeded_site):
    agreement = _agreement(TemplatePage.objects.get(slug=isf.SLUG))
    return fill_areas(agreement, {1: {"relevant": False}})


def _get(client, agreement, name: str):
    client.force_login(agreement.owner)
    response = client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return response


def _docx_in_order(content: bytes) -> str:
    """A DOCX's paragraphs and table cells in the order they are in the document, one a line."""
    body = Document(io.BytesIO(content)).element.body
    lines = []
    for element in body.iterchildren():
        for paragraph in element.iter(qn("w:p")):
            lines.append("".join(text.text or "" for text in paragraph.iter(qn("w:t"))))
    return "\n".join(lines)


def _text(client, agreement, name: str) -> str:
    """The words of one copy, in reading order, with the page's tools left out."""
    if name == "docx":
        return _docx_in_order(_get(client, agreement, "docx").content)
    page = BeautifulSoup(_get(client, agreement, name).content.decode(), "html.parser")
    article = page.select_one("article.agreement-document")
    for tools in article.select(".print-tools, nav, .area-overview, .agreement-status, form"):
        tools.decompose()
    return " ".join(article.get_text(" ").split())


def _screen(client, agreement) -> BeautifulSoup:
    return BeautifulSoup(_get(client, agreement, "detail").content.decode(), "html.parser")


@pytest.mark.parametrize("copy", ["detail", "print", "docx"])
def test_every_copy_opens_with_the_purpose_and_the_person_then_the_areas(
    client, isf_agreement, copy
):
    text = " ".join(_text(client, isf_agreement, copy).split())

    purpose = text.index(PURPOSE)
    assert text.index("Sam Person") < text.index("1. Agreeing Outcomes")
    assert purpose < text.index("1. Agreeing Outcomes")
    assert "have an active role in their local community" in text
    assert "_____" not in text[: text.index("1. Agreeing Outcomes")]


@pytest.mark.parametrize("copy", ["print", "docx"])
def test_print_and_docx_leave_out_the_instructions_for_practitioners(client, isf_agreement, copy):
    text = _text(client, isf_agreement, copy)

    assert INSTRUCTIONS not in text
    assert isf.HOW_TO_USE_POINTS[0][:40] not in text


def test_the_screen_keeps_the_instructions_collapsed_after_the_purpose(client, isf_agreement):
    page = _screen(client, isf_agreement)

    instructions = page.select_one("details.how-to-use")
    assert instructions is not None and not instructions.has_attr("open")
    assert instructions.summary.get_text(strip=True) == INSTRUCTIONS
    text = " ".join(page.select_one("article.agreement-document").get_text(" ").split())
    assert text.index(PURPOSE) < text.index(INSTRUCTIONS)


@pytest.mark.parametrize("copy", ["detail", "print", "docx"])
def test_a_template_with_its_own_opening_clauses_opens_with_the_person_and_its_body(
    client, seeded_site, copy
):
    agreement = _agreement(TemplatePage.objects.get(slug=partnering.SLUG))

    text = _text(client, agreement, copy)

    assert text.index("Sam Person") < text.index("Introduction")
    if copy != "docx":
        page = BeautifulSoup(_get(client, agreement, copy).content.decode(), "html.parser")
        assert page.select_one(".document-intro") is None


@pytest.mark.parametrize("copy", ["detail", "print", "docx"])
def test_a_template_without_a_purpose_starts_with_the_person_and_its_areas(client, copy):
    agreement = _agreement(published_template(intro=""))

    text = _text(client, agreement, copy)

    assert text.index("Sam Person") < text.index("1. Agreeing outcomes")


def test_the_purpose_is_the_one_of_the_template_version_the_agreement_follows(
    client, isf_agreement
):
    template = isf_agreement.source_page
    template.intro = "<p>A new purpose for _____.</p>"
    template.change_note = "New purpose."
    template.save_revision().publish()

    text = _text(client, isf_agreement, "print")

    assert PURPOSE in text
    assert "A new purpose" not in text


# Numbering ---------------------------------------------------------------------------------


def _numbers(client, agreement, copy: str) -> list[str]:
    if copy == "docx":
        text = _docx_in_order(_get(client, agreement, "docx").content)
        return re.findall(r"^(\d+)\. \S", text, flags=re.MULTILINE)
    page = BeautifulSoup(_get(client, agreement, copy).content.decode(), "html.parser")
    return [
        number.get_text(strip=True).rstrip(".")
        for number in page.select(".document-body section.area .area__number")
    ]


def test_screen_print_and_docx_number_only_the_included_areas_alike(client, isf_agreement):
    numbers = {copy: _numbers(client, isf_agreement, copy) for copy in ["detail", "print", "docx"]}

    assert numbers["detail"] == ["1", "2", "3", "4", "5", "6"]
    assert numbers["print"] == numbers["detail"]
    assert numbers["docx"] == numbers["detail"]


def test_the_area_list_numbers_the_included_areas_as_the_agreement_does(client, isf_agreement):
    items = _screen(client, isf_agreement).select(".area-overview__item")

    titles = [item.select_one(".area-overview__title").get_text(" ", strip=True) for item in items]
    assert titles[:3] == ["1. Agreeing Outcomes", "Resources", "2. Listening and communication"]
    assert "Left out" in items[1].get_text()


# Any template's shape --------------------------------------------------------------------------

SHAPE_PURPOSE = "How we will work together."  # the shapes' templates' introduction


@pytest.mark.parametrize("copy", ["print", "large_print", "docx", "large_print_docx"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_copy_of_any_template_opens_with_the_person_and_the_purpose_then_its_body(
    client, shape, copy
):
    agreement = shape_agreement(SHAPES[shape]())
    first_block = next(
        child for child in agreement.body if child.block_type not in INSTRUCTION_BLOCKS
    )

    if copy.endswith("docx"):
        text = " ".join(_docx_in_order(_get(client, agreement, copy).content).split())
    else:
        text = _text(client, agreement, copy)

    assert text.index(SHAPE_PERSON) < text.index(SHAPE_PURPOSE)
    heading = first_block.value.get("heading") or first_block.value.get("title")
    assert text.index(SHAPE_PURPOSE) < text.index(heading)
    assert isf.HOW_TO_USE_HEADING not in text
    assert isf.HOW_TO_USE_POINTS[0][:40] not in text


def test_the_agreements_own_page_printed_leaves_out_what_is_for_practitioners(client):
    """Printed from the browser (print media, as WeasyPrint lays it out), the agreement's page
    is the parties' copy too: no instructions, copies list, status form or area list."""
    agreement = shape_agreement(SHAPES["isf"]())
    screen = _get(client, agreement, "detail").content.decode()
    assert isf.HOW_TO_USE_HEADING in screen  # on the screen, folded away

    printed = read_pdf(pdf_bytes(screen, base_url="http://testserver/")).text

    assert printed.index(SHAPE_PERSON) < printed.index(SHAPE_PURPOSE)
    assert isf.HOW_TO_USE_HEADING not in printed
    assert "Copies to share" not in printed
    assert "Agreement by the parties" not in printed
    assert "1. Agreeing Outcomes" in printed

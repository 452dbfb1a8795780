"""The agreement's easy-read copy, on screen and in Word: the template's easy read where it
retells the agreement's wording, with pictures, alt text and OpenMoji's credit; the standard
wording, marked, everywhere else."""

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from docx import Document
from docx.shared import Pt
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from agreements.easy_read_pictures import openmoji_attribution
from agreements.models import TemplatePage
from agreements.seed_content import isf, isf_easy_read, partnering
from personalised import audit
from personalised.exports.easy_read import easy_read_docx
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.tests.easy_reading import first, picture, publish_easy_read, version
from personalised.tests.exporting import docx_text
from personalised.tests.hostile import PAYLOADS, executable_parts
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

NOT_YET = "Not yet in easy read"


def _fork(template: TemplatePage, **details):
    return PersonalisedAgreementFactory(
        owner=PractitionerFactory(),
        template=template,
        details=PersonDetailsFactory(person_name="Sam Person", known_as="Sam", **details),
    )


def _page(client, agreement) -> BeautifulSoup:
    client.force_login(agreement.owner)
    response = client.get(reverse("agreements:easy_read", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return BeautifulSoup(response.content, "html.parser")


def _words(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())


def _docx(client, agreement) -> Document:
    client.force_login(agreement.owner)
    response = client.get(reverse("agreements:easy_read_docx", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    assert "easy-read" in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


@pytest.fixture
def isf_agreement(seeded_site):
    return _fork(TemplatePage.objects.get(slug=isf.SLUG))


# The seeded ISF ------------------------------------------------------------------------------


def test_the_seeded_isf_has_draft_easy_read_for_its_purpose_commitments_and_how_to_use(
    seeded_site,
):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    areas = [block.value for block in template.body if block.block_type == "area"]
    how_to_use = first(list(template.body.raw_data), "how_to_use")["value"]

    assert {area["title"] for area in areas} == set(isf_easy_read.AREAS)
    for area in areas:
        commitment = area["easy_read"]["commitment"]
        assert commitment["draft"] is True
        assert [line["text"] for line in commitment["lines"]] == [
            text for text, _key in isf_easy_read.AREAS[area["title"]][1]
        ]
        assert all(line["picture"] is not None for line in commitment["lines"])
    assert len(how_to_use["easy_read"]) == len(isf.HOW_TO_USE_POINTS)
    purpose = template.intro_easy_read[0].value
    assert purpose["draft"] is True
    assert purpose["lines"][0]["picture"].description == "A person"


def test_easy_read_opens_with_the_purpose_in_easy_read_and_the_persons_name(client, isf_agreement):
    page = _page(client, isf_agreement)

    article = page.select_one("article.easy-read-document")
    assert "for Sam" in article.h1.get_text()
    first_line = article.select_one(".easy-read-purpose .easy-read-line")
    assert first_line.get_text(" ", strip=True) == "This agreement is about Sam."
    assert first_line.img["alt"] == "A person"
    assert first_line.img["src"]
    words = _words(page)
    assert "Draft easy read: not checked yet." in words
    assert openmoji_attribution() in words
    # The commitments in easy read, each line beside its picture, in the person's name.
    assert "We will agree goals that matter to Sam." in words
    assert "What we want to happen" in words
    assert "We will work together towards shared goals" not in words
    # Instructions for practitioners stay out.
    assert "Look at each area." not in words
    assert "Look at each of the 7 areas" not in words
    # The prompts have no easy read yet: shown as they stand, marked.
    assert NOT_YET in words
    assert "Help identify the outcomes" in words


def test_easy_read_view_and_docx_are_in_the_audit_log(client, isf_agreement):
    _page(client, isf_agreement)
    _docx(client, isf_agreement)

    formats = [
        entry.data["format"]
        for entry in ModelLogEntry.objects.for_instance(isf_agreement).filter(action=audit.EXPORT)
    ]
    assert sorted(formats) == ["easy-read", "easy-read-docx"]


def test_easy_read_docx_has_the_easy_read_words_pictures_and_credit_in_large_type(
    client, isf_agreement
):
    document = _docx(client, isf_agreement)

    text = docx_text(easy_read_docx(isf_agreement))
    assert "This agreement is about Sam." in text
    assert "We will agree goals that matter to Sam." in text
    assert NOT_YET in text
    assert openmoji_attribution() in text
    assert "Look at each area." not in text
    assert len(document.inline_shapes) >= len(isf_easy_read.PURPOSE)
    descriptions = {shape._inline.docPr.get("descr") for shape in document.inline_shapes}
    assert "A person" in descriptions
    # Every style, and so every paragraph, at 16 pt or more; no run made smaller.
    for style in document.styles:
        font = getattr(style, "font", None)
        if font is not None:
            assert font.size is not None and font.size >= Pt(16), style.name
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert all(run.font.size is None or run.font.size >= Pt(16) for run in runs)


# Where the easy read no longer fits -------------------------------------------------------


def _template_with_prompt_easy_read():
    from agreements.factories import published_template

    template = published_template()
    image = picture()

    def change(body):
        column = first(body, "area")["value"]["party_prompts"][0]["value"]
        column["easy_read"] = [version("The council helps Sam find a home.", picture_id=image.pk)]
        first(body, "area")["value"]["easy_read"] = {
            "title": "",
            "commitment": version("We work together for _____.", picture_id=image.pk),
        }

    return publish_easy_read(template, change)


def test_a_prompt_the_practitioner_changed_falls_back_to_its_words_marked(client, db):
    template = _template_with_prompt_easy_read()
    unchanged = _fork(template)
    changed = _fork(template)
    body = [dict(block) for block in changed.body.raw_data]
    prompt = first(body, "area")["value"]["party_prompts"][0]["value"]["prompts"][0]
    prompt["value"] = "Help _____ find a flat near the sea"
    changed.body = body
    changed.save()

    kept = _words(_page(client, unchanged))
    assert "The council helps Sam find a home." in kept
    assert "We work together for Sam." in kept

    words = _words(_page(client, changed))
    assert "The council helps Sam find a home." not in words
    assert f"{NOT_YET} Help Sam find a flat near the sea" in words
    # The commitment was not changed: still in easy read.
    assert "We work together for Sam." in words


def test_easy_read_added_to_the_template_after_the_fork_reaches_the_agreement(client, db):
    from agreements.factories import published_template

    template = published_template()
    agreement = _fork(template)
    assert "We work together for Sam." not in _words(_page(client, agreement))

    publish_easy_read(
        template,
        lambda body: first(body, "area")["value"].update(
            easy_read={"title": "", "commitment": version("We work together for _____.")}
        ),
    )

    assert "We work together for Sam." in _words(_page(client, agreement))


def test_easy_read_changes_offer_no_template_update(db):
    from personalised.updates.services import has_updates

    template = _template_with_prompt_easy_read()
    agreement = _fork(template)
    publish_easy_read(
        template,
        lambda body: first(body, "area")["value"].update(
            easy_read={"title": "Goals", "commitment": version("New easy words.")}
        ),
    )

    agreement.refresh_from_db()
    assert not has_updates(agreement)


# Any template --------------------------------------------------------------------------------


@pytest.mark.parametrize("shape_name", list(SHAPES))
def test_every_template_shape_has_an_easy_read_copy_and_docx(client, db, shape_name):
    shape = SHAPES[shape_name]()
    image = picture()
    easy_line = "This part in easy words for _____."

    def change(body):
        target = next(block for block in body if block["type"] in ("clause", "text"))
        target["value"]["easy_read"] = version(easy_line, picture_id=image.pk, draft=True)

    template = publish_easy_read(shape.template, change)
    agreement = _fork(template)

    page = _page(client, agreement)
    words = _words(page)
    assert "This part in easy words for Sam." in words
    assert page.select_one(".easy-read-line img")["alt"] == "Two hands shaking"
    assert openmoji_attribution() in words
    assert NOT_YET in words
    # The purpose, not in easy read, is the template's introduction as text, never its markup.
    purpose = page.select_one(".easy-read-purpose .easy-read-standard")
    assert "How we will work together." in purpose.get_text()
    assert "<p>" not in purpose.get_text()
    document = _docx(client, agreement)
    text = docx_text(easy_read_docx(agreement))
    assert "This part in easy words for Sam." in text
    assert document.inline_shapes


# Hostile input and right to left --------------------------------------------------------------


def test_hostile_easy_read_lines_are_shown_as_text(client, db):
    from agreements.factories import published_template

    template = publish_easy_read(
        published_template(),
        lambda body: first(body, "area")["value"].update(
            easy_read={"title": PAYLOADS[0], "commitment": version(*PAYLOADS[:20])}
        ),
    )
    agreement = _fork(template)

    client.force_login(agreement.owner)
    response = client.get(reverse("agreements:easy_read", kwargs={"uuid": agreement.uuid}))
    assert executable_parts(response.content.decode()) == []
    assert PAYLOADS[0] in _words(BeautifulSoup(response.content, "html.parser"))
    assert PAYLOADS[1] in docx_text(easy_read_docx(agreement))


def test_an_urdu_agreements_easy_read_is_right_to_left(client, isf_agreement):
    isf_agreement.language = "ur"
    isf_agreement.save()

    page = _page(client, isf_agreement)

    assert page.html["dir"] == "rtl"
    assert page.select_one("article.easy-read-document")["dir"] == "rtl"


def test_easy_read_pages_of_areas_and_of_clauses_are_valid_html(client, seeded_site, tmp_path):
    """The ISF's (easy read with pictures, prompts marked) and the Suffolk agreement's (every
    block shown as it stands, marked); the site-wide check visits one of them in each language."""
    from tests.test_valid_html import describe, nu_html_checker_errors

    for slug in (isf.SLUG, partnering.SLUG):
        agreement = _fork(TemplatePage.objects.get(slug=slug))
        client.force_login(agreement.owner)
        response = client.get(reverse("agreements:easy_read", kwargs={"uuid": agreement.uuid}))
        (tmp_path / f"{slug}.html").write_bytes(response.content)

    errors = nu_html_checker_errors(sorted(tmp_path.iterdir()))
    assert not errors, "\n".join(f"{name}:\n{describe(found)}" for name, found in errors.items())

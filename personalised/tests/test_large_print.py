"""The large print copies: the print view and the Word document in type of 16 pt or more, saying
exactly what the standard copies say, for any template's shape and in Urdu too.

(That the large print view really prints at 16 pt or more is read back from its PDF, in
test_pdf_copies.py: the size of every character drawn.)"""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from agreements.seed_content import isf
from personalised import audit
from personalised.exports.large_print import BODY_SIZE, render_large_print
from personalised.tests.copies import KNOWN_AS, PERSON, shape_agreement
from personalised.tests.exporting import docx_text
from personalised.tests.test_export_languages import _translated_agreement
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

PURPOSE = "How we will work together."  # the shapes' templates' introduction


@pytest.fixture(params=list(SHAPES))
def agreement(request):
    return shape_agreement(SHAPES[request.param]())


def _get(client, agreement, name: str):
    client.force_login(agreement.owner)
    response = client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return response


def _document_text(response) -> str:
    article = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        "article.agreement-document"
    )
    article.select_one(".print-tools").decompose()
    return " ".join(article.get_text(" ").split())


def test_the_large_print_view_is_the_print_view_in_large_type(client, agreement):
    standard = _get(client, agreement, "print")
    large = _get(client, agreement, "large_print")

    page = BeautifulSoup(large.content.decode(), "html.parser")
    assert "agreement-large-print" in page.body["class"]
    assert page.select_one('link[href$="css/large-print.css"]:not([media])') is not None
    assert _document_text(large) == _document_text(standard)
    text = _document_text(large)
    assert text.index(PERSON) < text.index(PURPOSE)
    assert "private" in large["Cache-Control"] and "no-store" in large["Cache-Control"]


def test_the_large_print_view_leaves_out_the_instructions_for_practitioners(client):
    agreement = shape_agreement(SHAPES["isf"]())

    text = _document_text(_get(client, agreement, "large_print"))

    assert isf.HOW_TO_USE_HEADING not in text
    assert isf.HOW_TO_USE_POINTS[0][:40] not in text
    assert f"for {KNOWN_AS}" in text


def test_viewing_large_print_is_logged_as_an_export(client, agreement):
    _get(client, agreement, "large_print")
    _get(client, agreement, "large_print_docx")

    formats = [
        entry.data.get("format")
        for entry in audit.entries_for(agreement)
        if entry.action == audit.EXPORT
    ]
    assert sorted(formats) == ["large-print", "large-print-docx"]


# The Word document ---------------------------------------------------------------------------


def _sizes(document) -> list[tuple[str, int]]:
    """Every size the document sets, as (where, half-points): the defaults, each style's, each
    run's, for Latin (w:sz) and complex scripts such as Urdu (w:szCs)."""
    sizes = []
    styles = document.styles.element
    for where, properties in [("defaults", styles.find(qn("w:docDefaults")))] + [
        (f"style {style.name}", style.element) for style in document.styles
    ]:
        for tag in ("w:sz", "w:szCs"):
            sizes += [(f"{where} {tag}", int(e.get(qn("w:val")))) for e in properties.iter(qn(tag))]
    body = document.element.body
    for tag in ("w:sz", "w:szCs"):
        sizes += [(f"run {tag}", int(e.get(qn("w:val")))) for e in body.iter(qn(tag))]
    return sizes


def test_every_size_in_the_large_print_docx_is_16_pt_or_more(client, agreement):
    content = _get(client, agreement, "large_print_docx").content
    document = Document(io.BytesIO(content))

    sizes = _sizes(document)
    assert [where for where, size in sizes if size < 32] == []
    assert ("defaults w:sz", 32) in sizes and ("defaults w:szCs", 32) in sizes
    # What python-docx reads as each style's size, where a style sets one.
    assert all(
        style.font.size is None or style.font.size >= BODY_SIZE
        for style in document.styles
        if hasattr(style, "font")
    )
    assert all(
        run.font.size is None or run.font.size >= BODY_SIZE
        for paragraph in document.paragraphs
        for run in paragraph.runs
    )
    styles = document.styles
    assert styles["Heading 1"].font.size > styles["Heading 2"].font.size > BODY_SIZE
    assert styles["Title"].font.size > styles["Heading 1"].font.size
    assert styles["Normal"].paragraph_format.line_spacing >= 1.5


def test_the_standard_docx_is_smaller_than_large_print(client, agreement):
    """The size test above can fail: the standard copy has sizes under 16 pt."""
    document = Document(io.BytesIO(_get(client, agreement, "docx").content))

    assert document.styles["Caption"].font.size < Pt(16)


def test_the_large_print_docx_says_what_the_standard_docx_says(client, agreement):
    standard = docx_text(_get(client, agreement, "docx").content)
    large = _get(client, agreement, "large_print_docx")

    # The same paragraphs; the prompts stacked under each party's name rather than in a table.
    assert sorted(docx_text(large.content).splitlines()) == sorted(standard.splitlines())
    assert PERSON in standard
    assert "large-print" in large["Content-Disposition"]
    assert large["Content-Disposition"].startswith("attachment;")


def test_an_urdu_large_print_docx_is_right_to_left_and_large(
    client, django_capture_on_commit_callbacks
):
    agreement = _translated_agreement("ur", django_capture_on_commit_callbacks)

    content = _get(client, agreement, "large_print_docx").content

    document = Document(io.BytesIO(content))
    assert [where for where, size in _sizes(document) if size < 32] == []
    text = docx_text(content)
    assert "نتائج پر اتفاق" in text
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(run.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for run in runs)


def test_the_large_print_copy_renders_for_someone_who_cannot_open_the_agreements_page():
    """The invited parties' pages reuse render_large_print: no practitioner's link in it."""
    agreement = shape_agreement(SHAPES["direct_payment"]())
    request = RequestFactory().get("/")
    SessionMiddleware(lambda request: None).process_request(request)
    request.user = AnonymousUser()
    request._messages = default_storage(request)

    page = BeautifulSoup(render_large_print(request, agreement), "html.parser")

    assert "agreement-large-print" in page.body["class"]
    assert page.html["lang"] == agreement.language
    assert PERSON in page.select_one("article.agreement-document").get_text()
    assert page.select_one(f'a[href="{agreement.get_absolute_url()}"]') is None


def test_the_large_print_docx_puts_each_partys_prompts_under_its_name(client):
    agreement = shape_agreement(SHAPES["isf"]())
    standard = Document(io.BytesIO(_get(client, agreement, "docx").content))
    large = Document(io.BytesIO(_get(client, agreement, "large_print_docx").content))

    paragraphs = [paragraph.text for paragraph in large.paragraphs]
    start = paragraphs.index(isf.LOCAL_AUTHORITY)
    assert paragraphs[start + 1 : start + 3] == [
        "Help identify the outcomes",
        "Help define how to measure progress towards the outcomes",
    ]
    assert large.paragraphs[start + 1].style.name == "List Bullet"
    # The standard copy keeps them in a table, one column a party.
    assert len(large.tables) < len(standard.tables)

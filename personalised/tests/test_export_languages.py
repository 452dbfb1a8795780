"""An agreement forked from a translated template is in that language: its pages carry the
language and direction, and its print view and Word document are written in it, right to left
for Urdu."""

import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from wagtail.models import Locale

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.tests.translating import publish_translation
from personalised.factories import PersonDetailsFactory
from personalised.forking.services import fork_template
from personalised.tests.exporting import docx_text, fill_areas
from personalised.tests.test_export_libreoffice import as_text_by_libreoffice

pytestmark = pytest.mark.django_db

TRANSLATIONS = {
    "cy": {
        "Agreeing outcomes": "Cytuno ar ganlyniadau",
        "Help _____ find a home": "Helpu _____ i ddod o hyd i gartref",
        # The template's declared party, translated with the rest of the page.
        "Local Authority": "Awdurdod lleol",
    },
    "ur": {
        "Agreeing outcomes": "نتائج پر اتفاق",
        "Help _____ find a home": "_____ کو گھر تلاش کرنے میں مدد کریں",
    },
}


def _translated_agreement(language: str, capture_on_commit):
    """A template translated through wagtail-localize, published, and forked in that language."""
    template = published_template(title="Shared Agreement")
    words = TRANSLATIONS[language]
    publish_translation(
        template,
        language,
        translate=lambda text: words.get(text, f"[{language}] {text}"),
        capture_on_commit=capture_on_commit,
    )
    translated = TemplatePage.objects.get(
        translation_key=template.translation_key,
        locale=Locale.objects.get(language_code=language),
    )
    agreement = fork_template(
        translated,
        owner=PractitionerFactory(),
        details=PersonDetailsFactory(person_name="Siôn Person", known_as="Siôn"),
    )
    return fill_areas(
        agreement,
        {
            0: {
                "this_means": "<p>Siôn: ✓</p>",
                "actions": [{"who": "Siôn", "what": "✓", "by_when": "2026-12-01"}],
            }
        },
    )


def _every_one_has(elements, properties: str, mark: str) -> bool:
    return bool(elements) and all(
        element.find(f"{qn(properties)}/{qn(mark)}") is not None for element in elements
    )


def _get(client, agreement, name):
    client.force_login(agreement.owner)
    response = client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("language", "direction"), [("cy", "ltr"), ("ur", "rtl")])
def test_forking_a_translated_template_gives_an_agreement_in_that_language(
    client, django_capture_on_commit_callbacks, language, direction
):
    agreement = _translated_agreement(language, django_capture_on_commit_callbacks)

    assert agreement.language == language
    assert agreement.areas()[0].value["title"] == TRANSLATIONS[language]["Agreeing outcomes"]
    html = _get(client, agreement, "detail").content.decode()
    assert f'<div class="document-body" lang="{language}" dir="{direction}">' in html


def test_welsh_agreement_prints_and_exports_in_welsh(client, django_capture_on_commit_callbacks):
    agreement = _translated_agreement("cy", django_capture_on_commit_callbacks)

    response = _get(client, agreement, "print")
    html = response.content.decode()
    assert '<html lang="cy" dir="ltr">' in html
    assert response["Content-Language"] == "cy"
    assert "Cytuno ar ganlyniadau" in html
    assert "Helpu Siôn i ddod o hyd i gartref" in html
    assert "Llofnodion" in html  # "Signatures"
    assert "Pwy fydd yn gwneud beth, erbyn pryd" in html
    assert "1 Rhagfyr 2026" in html  # dates in Welsh

    docx = _get(client, agreement, "docx")
    document = Document(io.BytesIO(docx.content))
    assert document.core_properties.language == "cy"
    text = docx_text(docx.content)
    assert "Cytuno ar ganlyniadau" in text
    assert "Llofnodion" in text
    assert "Awdurdod lleol" in text  # the party, as the Welsh template declares it
    assert "1 Rhagfyr 2026" in text
    assert "filename*=UTF-8''Si%C3%B4n-Person-" in docx["Content-Disposition"]
    assert 'filename="Sion-Person-' in docx["Content-Disposition"]
    assert not document.element.body.findall(".//" + qn("w:bidi"))


def test_urdu_agreement_prints_right_to_left_and_its_docx_is_marked_right_to_left(
    client, django_capture_on_commit_callbacks
):
    agreement = _translated_agreement("ur", django_capture_on_commit_callbacks)

    html = _get(client, agreement, "print").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert 'lang="ur" dir="rtl"' in html.split('class="agreement-document"')[1][:40]
    assert "نتائج پر اتفاق" in html
    assert "دستخط" in html  # "Signatures"

    content = _get(client, agreement, "docx").content
    document = Document(io.BytesIO(content))
    assert document.core_properties.language == "ur"
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert run_defaults.get(qn("w:val")) == "ur"
    assert run_defaults.get(qn("w:bidi")) == "ur"
    body = document.element.body
    paragraphs = body.findall(".//" + qn("w:p"))
    runs = body.findall(".//" + qn("w:r"))
    tables = body.findall(".//" + qn("w:tbl"))
    assert paragraphs and all(
        p.find(qn("w:pPr") + "/" + qn("w:bidi")) is not None for p in paragraphs
    )
    assert runs and all(r.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None for r in runs)
    assert tables and all(
        t.find(qn("w:tblPr") + "/" + qn("w:bidiVisual")) is not None for t in tables
    )
    text = docx_text(content)
    assert "نتائج پر اتفاق" in text
    assert "_____ کو" not in text and "Siôn کو گھر" in text


def test_libreoffice_reads_the_urdu_docx(client, django_capture_on_commit_callbacks, tmp_path):
    agreement = _translated_agreement("ur", django_capture_on_commit_callbacks)

    text = as_text_by_libreoffice(_get(client, agreement, "docx").content, tmp_path)

    assert "نتائج پر اتفاق" in text
    assert "دستخط" in text
    assert "[ur] Local Authority" in text  # the party, as the Urdu template names it

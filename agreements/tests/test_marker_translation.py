"""Translators see the pronoun markers in the strings wagtail-localize offers them; a translated
template shows no marker, whether the translator kept the markers or wrote the words."""

import pytest
from django.utils.html import strip_tags
from wagtail_localize.segments.extract import extract_segments

from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import TemplatePageFactory, area, clause, paragraph
from agreements.markers import MARKER_RE
from agreements.models import TemplatePage
from agreements.tests.translating import publish_translation

pytestmark = pytest.mark.django_db

PROMPT = "Help {them} find a home near {their} family"
PARAGRAPH = "Each partner supports _____ so {they} {have|has} a say."
# A translator keeps the markers as they are (Welsh here) or writes the words (Polish here).
TRANSLATIONS = {
    "cy": {PROMPT: "Helpu {them} i ddod o hyd i gartref ger {their} teulu"},
    "pl": {PROMPT: "Pomóc im znaleźć dom blisko ich rodziny"},
}


@pytest.fixture
def marked_template(template_index) -> TemplatePage:
    page = TemplatePageFactory(
        parent=template_index,
        title="Marked Agreement",
        slug="marked-agreement",
        body=with_block_ids(
            "marked-agreement",
            TemplateBodyBlock(),
            [
                area("Agreeing outcomes", prompts={"Provider": [PROMPT]}),
                clause("Having a say", paragraph(PARAGRAPH), key="say"),
            ],
        ),
    )
    page.save_revision().publish()
    return page


def test_translators_are_offered_the_marked_sentences_with_their_markers(marked_template):
    strings = [
        segment.string.data
        for segment in extract_segments(marked_template)
        if getattr(segment, "string", None)
    ]

    assert PROMPT in strings
    assert PARAGRAPH in strings


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_a_translated_template_with_markers_shows_the_words_without_braces(
    marked_template, client, django_capture_on_commit_callbacks, language
):
    own = TRANSLATIONS.get(language, {})
    publish_translation(
        marked_template,
        language,
        lambda text: own.get(text, f"[{language}] {text}"),
        capture_on_commit=django_capture_on_commit_callbacks,
    )
    translated = TemplatePage.objects.get(
        translation_key=marked_template.translation_key, locale__language_code=language
    )
    assert "{" in str(translated.body.raw_data)  # the markers reached the translation

    response = client.get(translated.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert [match.group(0) for match in MARKER_RE.finditer(html)] == []
    text = " ".join(strip_tags(html).split())
    if language == "cy":
        assert "Helpu them i ddod o hyd i gartref ger their teulu" in text
    elif language == "pl":
        assert "Pomóc im znaleźć dom blisko ich rodziny" in text
    assert "so they have a say." in text

"""Editors translate templates with wagtail-localize, blocks included; translations follow the
English source through wagtail-localize's sync, each publication a version with its own note."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.segments.extract import extract_segments

from agreements.blocks import TemplateBodyBlock
from agreements.factories import TemplatePageFactory, area, clause, cross_reference, paragraph
from agreements.models import PageVersion, TemplatePage
from agreements.seeding import with_block_ids

from .text import main_text
from .translating import publish_translation


@pytest.fixture
def welsh() -> Locale:
    return Locale.objects.get(language_code="cy")


@pytest.fixture
def english_template(template_index) -> TemplatePage:
    return TemplatePageFactory(
        parent=template_index,
        title="Shared Agreement",
        slug="shared-agreement",
        # Block ids, as the admin gives them: wagtail-localize finds each text by its id.
        body=with_block_ids(
            "shared-agreement",
            TemplateBodyBlock(),
            [
                area("Agreeing outcomes", prompts={"Provider": ["Get to know the person well"]}),
                clause("Termination", paragraph("Either partner may end this."), key="termination"),
                clause("Duration", cross_reference("This continues, subject to ", "termination")),
            ],
        ),
    )


@pytest.fixture
def welsh_translation(english_template, django_capture_on_commit_callbacks):
    """The template translated into Welsh through wagtail-localize and published."""
    english_template.save_revision().publish()  # English version 1
    return publish_translation(
        english_template, "cy", capture_on_commit=django_capture_on_commit_callbacks
    )


def test_every_text_of_the_template_is_offered_for_translation_except_keys(english_template):
    segments = {segment.path: segment for segment in extract_segments(english_template)}
    texts = [
        getattr(segment, "string", None) and segment.string.data for segment in segments.values()
    ]

    assert "Agreeing outcomes" in texts
    assert "Get to know the person well" in texts
    assert "Provider" in texts
    assert "Either partner may end this." in texts
    assert "This continues, subject to " in texts
    assert "termination" not in texts  # reference keys must stay as they are
    assert not any(path.endswith((".reference_key", ".clause")) for path in segments)
    assert "change_note" not in segments


def test_translated_template_is_published_in_welsh_with_its_own_first_version(
    welsh_translation, english_template, welsh
):
    page = english_template.get_translation(welsh).specific

    assert page.live
    assert page.title == "[cy] Shared Agreement"
    assert page.body[0].value["title"] == "[cy] Agreeing outcomes"
    (provider,) = page.body[0].value["party_prompts"]
    assert list(provider["prompts"]) == ["[cy] Get to know the person well"]
    assert page.body[1].value["reference_key"] == "termination"
    assert page.body[2].value["content"][0].value["clause"] == "termination"
    (version,) = PageVersion.objects.filter(page=page)
    assert version.number == 1
    assert page.version == 1
    assert version.change_note.endswith(" 1.")  # from English version 1, in Welsh words


def test_translated_page_renders_with_computed_numbers_and_cross_references(
    welsh_translation, english_template, welsh, client
):
    page = english_template.get_translation(welsh).specific
    text = main_text(client.get(page.url).content.decode())

    assert page.url.startswith("/cy/")
    assert "[cy] Agreeing outcomes" in text
    # The number is computed, and the word for "clause" is the interface's, in Welsh.
    assert "[cy] This continues, subject to cymal 1 ([cy] Termination)" in text


def test_sync_after_the_english_changes_keeps_translations_and_shows_new_text_untranslated(
    welsh_translation, english_template, welsh, django_capture_on_commit_callbacks
):
    english = english_template.get_latest_revision_as_object()
    new_block_id = "5d1e0c1a-0000-4000-8000-000000000001"
    english.body.append(("area", area("Resources")["value"], new_block_id))
    english.change_note = "Added the Resources area."
    english.save_revision().publish()

    source = welsh_translation.source
    source.update_from_db()  # what "Sync translated pages" does
    total, translated = welsh_translation.get_progress()
    with django_capture_on_commit_callbacks(execute=True):
        welsh_translation.save_target(publish=True)

    page = english_template.get_translation(welsh).specific
    titles = [block.value["title"] for block in page.body if block.block_type == "area"]
    assert titles == ["[cy] Agreeing outcomes", "Resources"]  # the new area awaits its translator
    assert translated < total
    assert list(PageVersion.objects.filter(page=page).values_list("number", flat=True)) == [2, 1]
    assert page.version == 2
    assert PageVersion.objects.get(page=page, number=2).change_note.endswith(" 2.")


def test_wagtail_localize_editor_opens_on_the_translated_template(
    welsh_translation, english_template, welsh, client, django_user_model
):
    editor = django_user_model.objects.create_user(username="editor", password="a-long-password1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = english_template.get_translation(welsh)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Get to know the person well" in html  # the source strings, beside their translations
    assert "[cy] Get to know the person well" in html


def test_the_partnering_agreements_tables_definitions_and_parties_are_translated(
    seeded_site, welsh, client, django_capture_on_commit_callbacks
):
    from agreements.seed_content import partnering

    english = TemplatePage.objects.get(slug=partnering.SLUG, locale__language_code="en-gb")
    texts = {
        segment.string.data
        for segment in extract_segments(english)
        if getattr(segment, "string", None)
    }
    # A table's headings and cells, a definition, a party's role: all for the translator.
    assert {"SCHEME FUNDING SCHEDULE", "SERVICE PROVIDED", "Housing", "Personal Care"} <= texts
    assert any(text.startswith("Supporting People Grant") for text in texts)

    publish_translation(english, "cy", capture_on_commit=django_capture_on_commit_callbacks)
    text = main_text(client.get(f"/cy/templates/cy-{partnering.SLUG}/").text)

    assert "[cy] SCHEME FUNDING SCHEDULE" in text
    assert "[cy] SERVICE PROVIDED" in text
    assert "[cy] Personal Care" in text

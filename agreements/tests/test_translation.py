"""Editors translate templates with wagtail-localize, blocks included; translations follow the
English source through wagtail-localize's sync, each publication a version with its own note."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.segments.extract import extract_segments

from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import TemplatePageFactory, area, clause, cross_reference, paragraph
from agreements.models import TemplatePage
from agreements.tests.text import main_text
from agreements.tests.translating import publish_translation
from versioning.models import PageVersion


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


def translation_editor_state(client, page) -> tuple[dict[int, str], set[int]]:
    """What wagtail-localize's translation editor shows for the page: each text segment's
    English, by id, and the ids of those that have a translation."""
    import json

    from bs4 import BeautifulSoup

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser").find(class_="js-translation-editor")
    props = json.loads(editor["data-props"])
    sources = {seg["id"]: seg["source"] for seg in props["segments"] if seg["type"] == "string"}
    translated = {each["segment_id"] for each in props["initialStringTranslations"]}
    return sources, translated


@pytest.mark.django_db
def test_editor_translates_in_wagtail_localizes_admin_then_syncs_after_the_english_changes(
    english_template, welsh, client, django_user_model, django_capture_on_commit_callbacks
):
    """Through the admin's own views, as an editor and a moderator use them: "Translate this
    page", the translation editor, publish, then "Sync translated pages"."""
    from urllib.parse import urlencode

    from wagtail_localize.models import Translation

    english_template.save_revision().publish()
    editor = django_user_model.objects.create_user(username="editor", password="a-long-password1")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = django_user_model.objects.create_user(username="mod", password="a-long-password1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)

    submitted = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english_template.pk]),
        {"locales": [welsh.pk]},
    )
    assert submitted.status_code == 302
    translation = Translation.objects.get(
        source__object_id=english_template.translation_key, target_locale=welsh
    )
    welsh_page = english_template.get_translation(welsh)
    assert not welsh_page.live  # nothing public until it is translated and published

    sources, translated = translation_editor_state(client, welsh_page)
    assert "Get to know the person well" in sources.values() and not translated
    for segment_id, english in sources.items():
        saved = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment_id]),
            urlencode({"value": f"[cy] {english}"}),
            content_type="application/x-www-form-urlencoded",
        )
        assert saved.status_code == 201

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[welsh_page.pk]), {"action": "publish"})
    welsh_page = welsh_page.specific_class.objects.get(pk=welsh_page.pk)
    assert welsh_page.live and welsh_page.version == 1
    client.logout()
    assert "[cy] Get to know the person well" in main_text(client.get(welsh_page.url).text)

    # The English gains an area; the editor syncs the translation from it.
    english = english_template.get_latest_revision_as_object()
    english.body.append(
        ("area", area("Resources")["value"], "5d1e0c1a-0000-4000-8000-00000000000a")
    )
    english.change_note = "Added the Resources area."
    english.save_revision().publish()
    client.force_login(editor)
    synced = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    )
    assert synced.status_code == 302

    # In the translation editor the new area's texts, and only they, have no translation yet
    # (the editor marks them so); what was translated before is kept.
    sources, translated = translation_editor_state(client, welsh_page)
    untranslated = {sources[segment_id] for segment_id in sources.keys() - translated}
    assert untranslated == {
        "Resources",
        "We will work together on Resources.",
        "Provider",
        "A prompt about Resources",
        "For _____ this means:",
    }
    assert "Get to know the person well" in {sources[segment_id] for segment_id in translated}

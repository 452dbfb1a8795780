"""The data migration that declares the person's-name blank on templates writing ``_____``: pages
and revisions in every locale get it, other templates are left alone, the pages read exactly
as before, and it is safe to run again or on a database without the seed pages."""

import importlib
import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail.models import Revision

from agreements.models import TemplatePage
from agreements.person_blank_declaration import LABELS
from agreements.seed_content import isf, partnering

pytestmark = pytest.mark.django_db


def run_migration() -> None:
    migration = importlib.import_module("agreements.migrations.0017_declare_person_name_blank")
    migration.declare(apps, None)


def forget_declarations() -> None:
    """Every template as it was before blanks existed: nothing declared, in pages or revisions."""
    TemplatePage.objects.update(blanks=[])
    for revision in Revision.objects.filter(content_type__model="templatepage"):
        revision.content.pop("blanks", None)
        revision.save(update_fields=["content"])


def rendered(client, page: TemplatePage) -> str:
    """The page's introduction and body as a reader gets them."""
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    parts = soup.select(".document-intro, .document-body")
    assert parts
    return "".join(str(part) for part in parts)


def raw_blanks(page: TemplatePage) -> list:
    return list(TemplatePage.objects.get(pk=page.pk).blanks.raw_data)


def revision_blanks(revision: Revision) -> list:
    stored = Revision.objects.get(pk=revision.pk).content.get("blanks")
    return json.loads(stored) if isinstance(stored, str) else stored


def test_every_isf_page_and_revision_declares_the_persons_name_in_its_language(every_language):
    forget_declarations()

    run_migration()

    pages = TemplatePage.objects.filter(slug=isf.SLUG).select_related("locale")
    assert {page.locale.language_code for page in pages} >= {"en-gb", "cy", "pl", "ur"}
    ids = set()
    for page in pages:
        (declared,) = raw_blanks(page)
        language = page.locale.language_code.split("-")[0]
        assert declared["value"]["key"] == "name"
        assert declared["value"]["kind"] == "person_name"
        assert declared["value"]["label"] == LABELS[language]
        ids.add(declared["id"])
        for revision in page.revisions.all():
            assert [item["value"]["key"] for item in revision_blanks(revision)] == ["name"]
    # One id across the translations, as wagtail-localize keeps a source's block ids.
    assert len(ids) == 1


def test_the_isf_reads_byte_identical_before_and_after(client, seeded_site):
    page = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    forget_declarations()
    before = rendered(client, page)
    body_before = json.dumps(list(TemplatePage.objects.get(pk=page.pk).body.raw_data))

    run_migration()

    assert raw_blanks(page)  # it did declare the blank
    assert rendered(client, TemplatePage.objects.get(pk=page.pk)) == before
    assert json.dumps(list(TemplatePage.objects.get(pk=page.pk).body.raw_data)) == body_before
    assert "person-blank" in before


def test_a_template_that_never_writes_the_blank_is_left_alone(client, seeded_site):
    page = TemplatePage.objects.get(slug=partnering.SLUG, locale__language_code="en-gb")
    forget_declarations()
    revision = page.get_latest_revision()
    content_before = Revision.objects.get(pk=revision.pk).content
    before = rendered(client, page)

    run_migration()

    assert raw_blanks(page) == []
    assert Revision.objects.get(pk=revision.pk).content == content_before
    assert rendered(client, TemplatePage.objects.get(pk=page.pk)) == before


def test_running_it_again_declares_nothing_twice(seeded_site):
    forget_declarations()
    run_migration()
    page = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    once = raw_blanks(page)
    revision = page.get_latest_revision()
    revision_once = revision_blanks(revision)

    run_migration()

    assert raw_blanks(page) == once
    assert revision_blanks(revision) == revision_once


def test_a_template_that_already_declares_the_persons_name_keeps_its_declaration(seeded_site):
    page = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    own = {
        "type": "blank",
        "id": "0b0e0b0e-0000-4000-8000-000000000001",
        "value": {
            "key": "person",
            "label": "Who it is for",
            "kind": "person_name",
            "help_text": "",
            "required": True,
            "choices": [],
        },
    }
    TemplatePage.objects.filter(pk=page.pk).update(blanks=json.dumps([own]))

    run_migration()

    assert raw_blanks(page) == [own]


def test_it_runs_on_a_database_without_the_seed_pages(db):
    assert not TemplatePage.objects.exists()
    run_migration()
    assert not TemplatePage.objects.exists()

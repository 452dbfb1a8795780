"""Guidance about an area is shown once beside it, in the reader's language, even though every
language has its own copy of each guidance page (``manage.py load_locale_trees``)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.translating import publish_translation
from agreements.translation import ensure_locale_trees
from guidance.models import GuidancePage
from personalised.factories import PersonalisedAgreementFactory
from personalised.tests.editing import area_url

pytestmark = pytest.mark.django_db

ISF_PATH = f"/templates/{isf.SLUG}/"


@pytest.fixture
def every_language(seeded_site):
    """The seeded site with a copy of every English page in each language, as `make run`."""
    ensure_locale_trees()
    assert GuidancePage.objects.count() == len(settings.LANGUAGES)


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request in another language leaves it active in the test's thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def welsh_guidance(every_language, django_capture_on_commit_callbacks):
    english = GuidancePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    publish_translation(english, "cy", capture_on_commit=django_capture_on_commit_callbacks)
    return GuidancePage.objects.get(
        translation_key=english.translation_key, locale__language_code="cy"
    )


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def guidance_per_area(page: BeautifulSoup) -> list[list[str]]:
    """For each area that has guidance, the links to where each piece of guidance comes from."""
    return [
        [link["href"] for link in details.select(".area-guidance__source a")]
        for details in page.select("section.area details.area-guidance")
    ]


@pytest.mark.parametrize("prefix", ["", "/cy", "/pl", "/ur"])
def test_each_areas_guidance_is_shown_once_on_the_template_page_in_every_language(
    client, every_language, prefix
):
    areas = guidance_per_area(soup(client.get(prefix + ISF_PATH)))

    assert len(areas) == 7
    for links in areas:
        assert len(links) == 1
        # The copy of the guidance page in the reader's language (an alias of the English).
        assert links[0].startswith(f"{prefix}/guidance/")


def test_guidance_translated_into_the_readers_language_is_shown_and_english_otherwise(
    client, welsh_guidance
):
    welsh = soup(client.get("/cy" + ISF_PATH)).select("details.area-guidance")
    english = soup(client.get(ISF_PATH)).select("details.area-guidance")

    assert all(len(area.select(".area-guidance__item")) == 1 for area in welsh + english)
    assert all("[cy]" in area.get_text() for area in welsh)
    assert not any("[cy]" in area.get_text() for area in english)


def test_the_area_editor_shows_each_guidance_once_with_the_locale_trees_loaded(
    client, every_language, practitioner
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    agreement = PersonalisedAgreementFactory(owner=practitioner, template=template)
    client.force_login(practitioner)
    first = agreement.areas()[0]

    aside = soup(client.get(area_url(agreement, first.id))).select_one("aside.editor__guidance")

    assert len(aside.select(".area-guidance__item")) == 1
    assert aside.select_one(".area-guidance__source a")["href"].startswith("/guidance/")


def test_the_area_editor_in_welsh_shows_the_welsh_guidance_once(
    client, welsh_guidance, practitioner
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    agreement = PersonalisedAgreementFactory(owner=practitioner, template=template)
    client.force_login(practitioner)
    first = agreement.areas()[0]
    with translation.override("cy"):
        url = reverse("agreements:edit_area", kwargs={"uuid": agreement.uuid, "block_id": first.id})

    aside = soup(client.get(url)).select_one("aside.editor__guidance")

    items = aside.select(".area-guidance__item")
    assert len(items) == 1
    assert "[cy]" in items[0].get_text()

"""Search finds published templates and guidance and links to the area or clause that matched.

The suite runs on SQLite and on PostgreSQL, so each test here runs against both of Wagtail's
database search backends (SQLite FTS5 and PostgreSQL full text search).
"""

import re

import pytest

from agreements.factories import TemplatePageFactory, area
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from agreements.tests.text import main_text

ISF_URL = f"/templates/{isf.SLUG}/"
SUFFOLK_URL = f"/templates/{partnering.SLUG}/"


def result_links(html: str) -> list[str]:
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


def test_search_finds_a_prompts_words_and_links_to_its_area(client, seeded_site):
    response = client.get("/search/", {"q": "Coordinate and attend regular reviews"})

    assert response.status_code == 200
    assert result_links(response.text) == [f"{ISF_URL}#area-3"]
    text = main_text(response.text)
    assert "Area 3: Listening and communication" in text
    assert "Coordinate and attend regular reviews" in text
    assert "<mark>Coordinate</mark>" in response.text


def test_search_links_to_the_clause_that_matched(client, seeded_site):
    response = client.get("/search/", {"q": "months written notice"})

    assert result_links(response.text) == [f"{SUFFOLK_URL}#clause-termination"]
    assert "Clause 9: Termination of the Partnering Agreement" in main_text(response.text)


def test_search_finds_guidance_and_links_to_the_block(client, seeded_site):
    from guidance.models import GuidancePage

    guidance = GuidancePage.objects.get()
    area_guidance = [child for child in guidance.body if child.block_type == "area_guidance"]

    response = client.get("/search/", {"q": "Local Authority has a part to play"})

    support = area_guidance[5]
    assert result_links(response.text) == [f"{guidance.url}#guidance-{support.id}"]
    assert "Individual Support Fund Partnership Agreement — 6. Support" in main_text(response.text)


def test_words_in_an_unpublished_draft_are_not_found(client, isf_page):
    page = isf_page.get_latest_revision_as_object()
    page.body[1].value["party_prompts"][0]["prompts"][0] = "Zanzibarian outcomes"
    page.change_note = "Draft."
    page.save_revision()

    response = client.get("/search/", {"q": "Zanzibarian"})

    assert result_links(response.text) == []
    assert "No results for “Zanzibarian”" in main_text(response.text)


def test_a_page_that_was_never_published_is_not_found(client, isf_page):
    TemplatePageFactory(
        parent=isf_page.get_parent(),
        slug="secret",
        live=False,
        body=[area("Quixotic matters")],
    )

    assert result_links(client.get("/search/", {"q": "Quixotic"}).text) == []


def test_search_page_without_a_query_explains_itself(client, seeded_site):
    response = client.get("/search/")

    assert response.status_code == 200
    html = response.text
    assert '<label class="search-form__label" for="search-query">' in html
    assert 'method="get"' in html
    assert "each result links to the area or clause" in main_text(html)
    assert "results for" not in main_text(html)


def test_search_says_when_nothing_matched(client, seeded_site):
    text = main_text(client.get("/search/", {"q": "xylophone"}).text)

    assert "No results for “xylophone”" in text
    assert "try fewer or different words" in text


def test_search_results_are_paginated(client, isf_page):
    for number in range(12):
        TemplatePageFactory(
            parent=isf_page.get_parent(),
            slug=f"walrus-{number}",
            body=[area(f"Walrus area {number}")],
        ).save_revision().publish()

    first = client.get("/search/", {"q": "walrus"}).text
    second = client.get("/search/", {"q": "walrus", "page": 2}).text

    assert "12 results for “walrus”" in main_text(first)
    assert len(result_links(first)) == 10
    assert len(result_links(second)) == 2
    assert 'href="?q=walrus&amp;page=2"' in first
    assert "Page 2 of 2" in main_text(second)
    assert set(result_links(first)).isdisjoint(result_links(second))


def test_hostile_queries_are_answered_not_failed(client, seeded_site):
    for query in ['"', "!!!", "<script>alert(1)</script>", "a" * 5000, "AND OR NOT", "*"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
    assert "No results for “!!!”" in main_text(client.get("/search/", {"q": "!!!"}).text)


def test_header_links_to_search(client, seeded_site):
    html = client.get("/").text

    assert '<a href="/search/">Search</a>' in html
    assert '<a href="/search/" aria-current="page">Search</a>' in client.get("/search/").text


@pytest.mark.parametrize("prefix", ["", "/cy", "/pl", "/ur"])
def test_each_page_is_found_once_in_the_readers_language(client, seeded_site, prefix):
    from agreements.translation import ensure_locale_trees

    # Every language has its own copy of each English page (as `make run` loads it): all four
    # copies hold the same words, but the reader is shown only the one in their language.
    ensure_locale_trees()

    response = client.get(f"{prefix}/search/", {"q": "Coordinate and attend regular reviews"})

    assert result_links(response.text) == [f"{prefix}{ISF_URL}#area-3"]


def test_a_page_with_no_copy_in_the_readers_language_is_found_in_english(client, seeded_site):
    # Welsh is configured, but no Welsh tree has been made (nor has this page been copied):
    # the reader still finds the English page, as the page itself falls back to the English.
    response = client.get("/cy/search/", {"q": "Coordinate and attend regular reviews"})

    assert result_links(response.text) == [f"{ISF_URL}#area-3"]

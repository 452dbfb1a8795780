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
    assert "Clause 8: Termination of the Partnering Agreement" in main_text(response.text)


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


def all_result_links(client, path: str, query: str) -> list[str]:
    """Every result's link, following the pages of results to the end."""
    links, page = [], 1
    while True:
        html = client.get(path, {"q": query, "page": page}).text
        links += result_links(html)
        if "page of results</span></a>" not in html.split("Page ", 1)[-1]:
            return links
        page += 1


def isf_area_anchors_mentioning(page: TemplatePage, pattern: str) -> list[str]:
    from agreements.block_text import block_text
    from agreements.numbering import Numbering

    numbering = Numbering(page.body)
    return [
        f"{ISF_URL}#{numbering.anchor(child.id)}"
        for child in page.body
        if child.block_type == "area"
        and re.search(pattern, block_text(child.block, child.value), re.IGNORECASE)
    ]


def test_a_word_in_several_areas_finds_each_of_those_areas(client, isf_page):
    expected = isf_area_anchors_mentioning(isf_page, r"\bfamil(y|ies)\b")

    links = all_result_links(client, "/search/", "family")

    assert len(expected) >= 3
    assert [link for link in links if link.startswith(f"{ISF_URL}#area-")] == expected
    first = main_text(client.get("/search/", {"q": "family"}).text)
    assert "Area 1: Agreeing Outcomes" in first
    assert "Area 6: Support" in first


def test_a_word_finds_the_area_that_has_it_with_another_ending(client, isf_page):
    response = client.get("/search/", {"q": "outcome"})

    assert f"{ISF_URL}#area-1" in all_result_links(client, "/search/", "outcome")
    assert "Area 1: Agreeing Outcomes" in main_text(response.text)
    assert re.search(r"<mark>[Oo]utcomes</mark>", response.text)


def test_each_matching_area_of_a_page_is_its_own_result_with_its_words_escaped(client, db):
    from agreements.factories import published_template

    template = published_template(
        slug="walrus-care",
        body=[
            area("Walrus <b>care</b> & feeding"),
            area("Nothing to see"),
            area("Walruses <img src=x onerror=alert(1)> at home"),
        ],
    )

    response = client.get("/search/", {"q": "walrus"})

    assert result_links(response.text) == [f"{template.url}#area-1", f"{template.url}#area-3"]
    assert "<mark>Walrus</mark> &lt;b&gt;care&lt;/b&gt; &amp; feeding" in response.text
    assert "<mark>Walruses</mark> &lt;img src=x onerror=alert(1)&gt;" in response.text
    assert "<img src=x" not in response.text
    assert "2 results for “walrus”" in main_text(response.text)


def test_each_matching_clause_is_its_own_result(client, seeded_site):
    links = all_result_links(client, "/search/", "reviewed")
    suffolk_links = [link for link in links if link.startswith(SUFFOLK_URL)]

    assert len(suffolk_links) >= 2
    assert all(re.search(r"#clause-[\w-]+$", link) for link in suffolk_links)
    assert len(set(suffolk_links)) == len(suffolk_links)


def test_several_guidance_blocks_of_one_page_are_each_a_result(client, seeded_site):
    from guidance.models import GuidancePage

    guidance = GuidancePage.objects.get()

    links = all_result_links(client, "/search/", "checklist")

    guidance_links = [link for link in links if link.startswith(guidance.url)]
    assert len(guidance_links) >= 7  # the how-to-use points, and the guidance on each area
    assert all(re.search(r"#guidance-[\w-]+$", link) for link in guidance_links)


@pytest.mark.parametrize("prefix", ["/cy", "/pl", "/ur"])
def test_each_matching_area_is_found_in_the_readers_language(client, isf_page, prefix):
    from agreements.translation import ensure_locale_trees

    ensure_locale_trees()
    expected = isf_area_anchors_mentioning(isf_page, r"\bfamil(y|ies)\b")

    links = all_result_links(client, f"{prefix}/search/", "family")

    assert [link for link in links if "#area-" in link and ISF_URL in link] == [
        f"{prefix}{link}" for link in expected
    ]


def test_postgresql_stems_english_whatever_the_servers_default_search_config(client, db):
    from django.db import connection

    from agreements.factories import published_template

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's full text search configuration")
    # A server whose default configuration does not stem (as a non-English installation's).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL default_text_search_config = 'pg_catalog.simple'")
    template = published_template(slug="outcomes", body=[area("Agreeing outcomes")])

    response = client.get("/search/", {"q": "outcome"})

    assert result_links(response.text) == [f"{template.url}#area-1"]

"""Every public page a visitor can reach answers 200 with the headings they expect."""

import re

import pytest

from agreements.tests.text import main_text

PUBLIC_PAGES = {
    "/": ["Partnership agreements", "Agreement templates", "Guidance"],
    "/templates/": [
        "Agreement templates",
        "Individual Support Fund Partnership Agreement",
        "Suffolk Partnering Agreement",
    ],
    "/templates/isf-partnership-agreement/": [
        "Individual Support Fund Partnership Agreement",
        "How to use this Document",
        "1. Agreeing Outcomes",
        "7. Doing things together",
    ],
    "/templates/suffolk-partnering-agreement/": [
        "Suffolk Partnering Agreement",
        "Contents",
        "PARTNERING AGREEMENT",
        "1 Definitions",
        "8 Termination of the Partnering Agreement",
        "18 Signatories",
        "APPENDIX 1 SCHEME FUNDING SCHEDULE",
    ],
    "/guidance/": ["Guidance", "How to use the ISF Partnership Agreement"],
    "/guidance/how-to-use-the-isf-partnership-agreement/": [
        "How to use the ISF Partnership Agreement",
        "How to use this Document",
    ],
}

_HEADING_RE = re.compile(r"<h([1-3])[^>]*>(.*?)</h\1>", re.S)


def headings(html: str) -> list[str]:
    return [main_text(f"<main>{inner}</main>") for _, inner in _HEADING_RE.findall(html)]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), PUBLIC_PAGES.items())
def test_public_page_answers_with_its_headings(seeded_site, client, url, expected):
    response = client.get(url)

    assert response.status_code == 200
    found = headings(response.text)
    assert [heading for heading in expected if heading not in found] == []
    assert found.count(expected[0]) >= 1
    assert len(re.findall(r"<h1[ >]", response.text)) == 1


@pytest.mark.django_db
def test_home_page_says_what_the_site_is_and_leads_on(seeded_site, client):
    html = client.get("/").text

    assert "Partnership agreement templates, and guidance on using them" in html
    assert 'href="/templates/"' in html
    assert 'href="/guidance/"' in html
    assert 'href="/templates/isf-partnership-agreement/"' in html


@pytest.mark.django_db
def test_isf_page_shows_working_draft_banner_with_version_and_date(seeded_site, client):
    text = main_text(client.get("/templates/isf-partnership-agreement/").text)

    assert re.search(r"Working draft Version 1 last updated \d{1,2} \w+ \d{4}", text)
    assert "This working draft was produced by John Waters" in text


@pytest.mark.django_db
def test_isf_prompts_are_a_table_with_a_header_for_each_party(seeded_site, client):
    html = client.get("/templates/isf-partnership-agreement/").text

    assert html.count('<table class="prompts">') == 7
    for party in ("Local Authority", "Provider", "Family &amp; Person being supported"):
        assert html.count(f'<th scope="col">{party}</th>') == 7


@pytest.mark.django_db
def test_person_placeholder_renders_as_a_visible_blank(seeded_site, client):
    html = client.get("/templates/isf-partnership-agreement/").text

    assert '<span class="person-blank"><span aria-hidden="true">_____</span>' in html
    assert "For _____ this means" not in html.replace('aria-hidden="true">_____</span>', "")


@pytest.mark.django_db
def test_missing_page_gives_the_designed_404(seeded_site, client):
    response = client.get("/templates/no-such-template/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="/"' in response.text
    assert '<a class="skip-link" href="#main-content">' in response.text


@pytest.mark.django_db
def test_home_page_routes_show_each_section_introduction(seeded_site, client):
    text = main_text(client.get("/").text)

    assert "Templates to start a partnership agreement from." in text
    assert "How to use the templates, area by area" in text

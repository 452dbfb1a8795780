"""The read-only API at /api/v2/: published templates and guidance only, areas as data."""

import pytest

from agreements.factories import TemplatePageFactory, area
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from guidance.models import GuidancePage

PAGES = "/api/v2/pages/"


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


def listed_titles(client, **params) -> list[str]:
    response = client.get(PAGES, params)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_lists_published_templates_guidance_and_their_indexes_only(client, seeded_site):
    assert sorted(listed_titles(client)) == sorted(
        [
            "Agreement templates",
            "Guidance",
            isf.TITLE,
            partnering.TITLE,
            "How to use the ISF Partnership Agreement",
        ]
    )


def test_template_areas_are_structured(client, isf_page):
    data = client.get(f"{PAGES}{isf_page.pk}/").json()

    assert data["title"] == isf.TITLE
    assert data["maturity"] == "working-draft"
    assert data["maturity_label"] == "Working draft"
    assert data["version"] == 1
    areas = [block for block in data["body"] if block["type"] == "area"]
    assert [area["number"] for area in areas] == [str(number) for number in range(1, 8)]
    first = areas[0]
    assert first["id"] == isf_page.body[1].id
    assert first["anchor"] == "area-1"
    assert first["title"] == "Agreeing Outcomes"
    assert first["commitments"] == list(isf.AREAS[0][1])
    assert first["prompts"][0] == {
        "party": "Local Authority",
        "prompts": list(isf.AREAS[0][2]["Local Authority"]),
    }
    assert [column["party"] for column in first["prompts"]] == list(isf.PARTIES)


def test_clauses_carry_their_computed_numbers(client, seeded_site):
    suffolk = TemplatePage.objects.get(slug=partnering.SLUG)

    body = client.get(f"{PAGES}{suffolk.pk}/").json()["body"]

    termination = next(block for block in body if block.get("reference_key") == "termination")
    assert termination["number"] == "8"
    assert termination["anchor"] == "clause-termination"
    signatories = next(block for block in body if block["type"] == "signatories")
    assert signatories["number"] == "18"
    assert signatories["missing_before"] == [17]
    assert "missing_before" not in termination
    numbered = [block["number"] for block in body if block["type"] in ("clause", "definitions")]
    assert numbered[:3] == ["1", "2", "3"]
    sub_clauses = [
        item["number"]
        for block in body
        if block["type"] == "clause"
        for item in block["content"]
        if item["type"] == "sub_clause"
    ]
    assert sub_clauses and all("." in number for number in sub_clauses)


def test_a_draft_is_never_shown_only_the_published_version(client, isf_page):
    page = isf_page.get_latest_revision_as_object()
    page.title = "Draft title"
    page.body[1].value["title"] = "Draft area title"
    page.change_note = "A draft."
    page.save_revision()

    data = client.get(f"{PAGES}{isf_page.pk}/").json()

    assert data["title"] == isf.TITLE
    assert data["body"][1]["title"] == "Agreeing Outcomes"
    assert "Draft title" not in listed_titles(client)
    assert "Draft" not in client.get(PAGES, {"type": "agreements.TemplatePage"}).text


def test_a_page_never_published_is_absent(client, isf_page):
    secret = TemplatePageFactory(
        parent=isf_page.get_parent(), slug="secret", title="Secret", live=False, body=[area("X")]
    )

    assert "Secret" not in listed_titles(client)
    assert client.get(f"{PAGES}{secret.pk}/").status_code == 404


def test_other_pages_are_not_in_the_api(client, seeded_site):
    home = TemplatePage.objects.get(slug=isf.SLUG).get_parent().get_parent()

    assert client.get(f"{PAGES}{home.pk}/").status_code == 404


def test_guidance_links_to_areas_by_template_and_block_id(client, isf_page):
    guidance = GuidancePage.objects.get()

    data = client.get(f"{PAGES}{guidance.pk}/").json()

    assert data["about_template"]["id"] == isf_page.pk
    area_guidance = [block for block in data["body"] if block["type"] == "area_guidance"]
    assert area_guidance[0]["value"]["area"] == {
        "template": isf_page.pk,
        "area_id": isf_page.body[1].id,
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, django_user_model, isf_page, method):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x-long-pass")
    client.force_login(admin)
    for url in (PAGES, f"{PAGES}{isf_page.pk}/"):
        response = getattr(client, method)(
            url, {"title": "Changed"}, content_type="application/json"
        )
        assert response.status_code == 405
    isf_page.refresh_from_db()
    assert isf_page.title == isf.TITLE


def test_pages_are_the_only_endpoint(client, seeded_site):
    """Personalised agreements are not pages, and no other endpoint exists to reach them."""
    from site.api import api_router

    assert list(api_router._endpoints) == ["pages"]
    for endpoint in ("images", "documents", "agreements", "personalised-agreements"):
        assert client.get(f"/api/v2/{endpoint}/").status_code == 404

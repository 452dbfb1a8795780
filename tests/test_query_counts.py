"""The public template page costs the same number of SQL queries whatever its size or history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.factories import TemplatePageFactory, area


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Count the queries of rendering the page, not of fetching it from the page cache."""
    settings.PAGE_CACHE_SECONDS = 0


def queries_to_render(client, url: str) -> int:
    client.get(url)  # warm caches that are per-process, such as content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def publish_template(template_index, slug: str, areas: int, versions: int = 1):
    page = TemplatePageFactory(
        parent=template_index,
        slug=slug,
        body=[area(f"Area {number}") for number in range(areas)],
    )
    for version in range(versions):
        page.change_note = f"Version {version + 1}."
        page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_areas(client, template_index):
    publish_template(template_index, "seven", areas=7)
    publish_template(template_index, "seventy", areas=70)

    assert queries_to_render(client, "/templates/seven/") == queries_to_render(
        client, "/templates/seventy/"
    )


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_versions(client, template_index):
    publish_template(template_index, "one-version", areas=7, versions=1)
    publish_template(template_index, "fifty-versions", areas=7, versions=50)

    assert queries_to_render(client, "/templates/one-version/") == queries_to_render(
        client, "/templates/fifty-versions/"
    )


def publish_guidance(guidance_index, template, slug: str) -> None:
    """A guidance page with guidance for every area of the template."""
    from guidance.factories import GuidancePageFactory

    GuidancePageFactory(
        parent=guidance_index,
        slug=slug,
        body=[
            {
                "type": "area_guidance",
                "value": {
                    "area": f"{template.pk}:{child.id}",
                    "heading": "",
                    "guidance": "<p>Talk it through.</p>",
                },
            }
            for child in template.body
        ],
    ).save_revision().publish()


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_guidance_shown_with_the_areas(client, template_index):
    from guidance.factories import GuidanceIndexPageFactory

    guidance_index = GuidanceIndexPageFactory(parent=template_index.get_parent())
    few = publish_template(template_index, "few", areas=7)
    many = publish_template(template_index, "many", areas=7)
    publish_guidance(guidance_index, few, "one")
    for number in range(10):
        publish_guidance(guidance_index, many, f"many-{number}")

    assert client.get("/templates/many/").text.count('class="area-guidance__item"') == 70
    assert queries_to_render(client, "/templates/few/") == queries_to_render(
        client, "/templates/many/"
    )

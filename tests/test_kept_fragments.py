"""Parts of public pages kept between requests (agreements/rendered_body.py, the site's
navigation): kept parts save queries, and never show a page as it was before a publication."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_query_counts import publish_guidance, publish_template


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Render every request: the whole-page cache would otherwise answer before any part is
    rendered or kept."""
    settings.PAGE_CACHE_SECONDS = 0


def fetch(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.text, len(captured.captured_queries)


@pytest.mark.django_db
def test_a_kept_template_page_is_the_same_page_with_fewer_queries(client, template_index, settings):
    publish_template(template_index, "kept", areas=7)
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/templates/kept/")
    rendered, rendering_queries = fetch(client, "/templates/kept/")
    settings.FRAGMENT_CACHE_SECONDS = 3600
    client.get("/templates/kept/")
    kept, kept_queries = fetch(client, "/templates/kept/")

    assert kept == rendered
    assert kept_queries < rendering_queries


@pytest.mark.django_db
def test_a_new_version_of_a_template_shows_at_once(client, template_index):
    page = publish_template(template_index, "changing", areas=3)
    assert "</span> Area 0</h2>" in client.get("/templates/changing/").text

    page.body[0].value["title"] = "Living well at home"
    page.change_note = "Renamed the first area."
    page.save_revision().publish()

    text = client.get("/templates/changing/").text
    assert "</span> Living well at home</h2>" in text
    assert "</span> Area 0</h2>" not in text


@pytest.mark.django_db
def test_guidance_published_after_a_template_page_was_kept_shows_with_its_areas(
    client, template_index
):
    from guidance.factories import GuidanceIndexPageFactory

    guidance_index = GuidanceIndexPageFactory(parent=template_index.get_parent())
    page = publish_template(template_index, "guided", areas=3)
    assert 'class="area-guidance__item"' not in client.get("/templates/guided/").text

    publish_guidance(guidance_index, page, "how-to-use-it")

    assert client.get("/templates/guided/").text.count('class="area-guidance__item"') == 3


@pytest.mark.django_db
def test_a_page_published_in_the_menu_shows_in_the_navigation_at_once(client, template_index):
    publish_template(template_index, "menu", areas=1)
    assert "Newly in the menu" not in client.get("/templates/menu/").text

    home = template_index.get_parent()
    new = home.add_child(instance=type(template_index)(title="Newly in the menu", slug="new"))
    new.show_in_menus = True
    new.save_revision().publish()

    assert "Newly in the menu" in client.get("/templates/menu/").text

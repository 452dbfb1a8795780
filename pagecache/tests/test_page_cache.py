"""Anonymous visitors get public pages from the cache; publishing (or unpublishing, moving,
deleting, restricting) empties it; signed-in people, POSTs and practitioner pages never touch it."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.decorators.cache import never_cache
from wagtail.models import PageViewRestriction

from accounts.practitioners import PRACTITIONERS
from agreements.models import TemplateIndexPage, TemplatePage
from agreements.seed_content import isf
from pagecache import store

ISF_URL = f"/templates/{isf.SLUG}/"


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


@pytest.fixture
def practitioner(django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="a-long-password")
    user.groups.add(Group.objects.get_or_create(name=PRACTITIONERS)[0])
    return user


def from_cache(response) -> bool:
    return response.get(store.HIT_HEADER) == "hit"


def republish(page: TemplatePage, title: str) -> None:
    page = page.get_latest_revision_as_object()
    page.title = title
    page.change_note = "Retitled."
    page.save_revision().publish()


def test_second_anonymous_request_comes_from_the_cache_without_sql(isf_page, client):
    first = client.get(ISF_URL)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(ISF_URL)

    assert not from_cache(first)
    assert from_cache(second)
    assert len(queries) == 0
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    assert second.cookies == {}


def test_head_request_is_served_from_the_cache(isf_page, client):
    client.get(ISF_URL)

    assert from_cache(client.head(ISF_URL))


def test_every_kind_of_public_page_is_cached(isf_page, client):
    for url in ["/", "/templates/", "/guidance/", ISF_URL + "versions/"]:
        client.get(url)
        assert from_cache(client.get(url)), url


def test_publishing_a_page_empties_the_cache(isf_page, client):
    client.get(ISF_URL)
    client.get("/templates/")

    republish(isf_page, "The ISF Agreement, retitled")

    page = client.get(ISF_URL)
    listing = client.get("/templates/")
    assert not from_cache(page)
    assert "The ISF Agreement, retitled" in page.text
    assert "The ISF Agreement, retitled" in listing.text  # other pages that list it, too


def test_unpublishing_a_page_empties_the_cache(isf_page, client):
    client.get(ISF_URL)

    isf_page.unpublish()

    assert client.get(ISF_URL).status_code == 404


def test_deleting_a_page_empties_the_cache(isf_page, client):
    client.get("/templates/")

    isf_page.delete()

    assert isf.TITLE not in client.get("/templates/").text


def test_moving_a_page_empties_the_cache(isf_page, client):
    client.get(ISF_URL)
    other_index = TemplateIndexPage(title="Archive", slug="archive")
    isf_page.get_parent().get_parent().add_child(instance=other_index)

    isf_page.move(other_index, pos="last-child")

    response = client.get(ISF_URL)
    assert response.status_code == 301  # Wagtail's automatic redirect to the new address
    assert response["Location"] == "/archive/isf-partnership-agreement/"


def test_restricting_a_page_empties_the_cache_and_restricted_pages_are_not_cached(isf_page, client):
    client.get(ISF_URL)

    PageViewRestriction.objects.create(page=isf_page, restriction_type="login")

    response = client.get(ISF_URL)
    assert response.status_code == 302
    assert not from_cache(response)
    assert not from_cache(client.get(ISF_URL))


def test_signed_in_visitors_bypass_the_cache(isf_page, client, practitioner):
    client.get(ISF_URL)  # cached for anonymous visitors
    client.force_login(practitioner)

    responses = [client.get(ISF_URL), client.get(ISF_URL)]

    assert [from_cache(response) for response in responses] == [False, False]
    assert "Sign out" in responses[1].text


def test_page_seen_by_a_signed_in_visitor_is_not_stored(isf_page, client, practitioner):
    client.force_login(practitioner)
    client.get(ISF_URL)
    client.logout()
    client.cookies.clear()

    first_anonymous = client.get(ISF_URL)

    assert not from_cache(first_anonymous)
    assert "Sign out" not in first_anonymous.text


def test_post_bypasses_the_cache(isf_page, client):
    client.get(ISF_URL)

    response = client.post(ISF_URL, {})

    assert not from_cache(response)


def test_query_string_bypasses_the_cache(isf_page, client):
    client.get(ISF_URL + "?uncached=1")

    assert not from_cache(client.get(ISF_URL + "?uncached=1"))


def test_session_or_messages_cookie_bypasses_the_cache(isf_page, client):
    client.get(ISF_URL)

    client.cookies["sessionid"] = "stale-or-forged"
    assert not from_cache(client.get(ISF_URL))
    del client.cookies["sessionid"]
    client.cookies["messages"] = "pending"
    assert not from_cache(client.get(ISF_URL))


def test_practitioner_pages_are_never_cached(isf_page, client, practitioner):
    client.force_login(practitioner)
    url = f"/feedback/new/?page={isf_page.pk}"
    client.get("/feedback/")
    client.get(url)

    for response in (client.get("/feedback/"), client.get(url)):
        assert response.status_code == 200
        assert not from_cache(response)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_practitioner_page_is_not_cached_even_for_a_request_without_a_session(db, client):
    # Anonymous: a redirect to sign in, which is not a page Wagtail served.
    client.get("/feedback/")

    assert not from_cache(client.get("/feedback/"))


def test_cache_can_be_turned_off(isf_page, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(ISF_URL)

    assert not from_cache(client.get(ISF_URL))


@pytest.fixture
def pages_in_worker_memory(settings):
    """As in production: pages in this process's memory, the generation in a shared cache."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-pages",
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    caches["pages"].clear()


def test_publication_in_another_worker_empties_this_workers_pages(
    isf_page, client, pages_in_worker_memory
):
    client.get(ISF_URL)
    assert from_cache(client.get(ISF_URL))

    # Another worker publishes: all it can reach here is the shared generation.
    caches["default"].set(store.GENERATION_KEY, "set-by-another-worker")

    assert not from_cache(client.get(ISF_URL))
    assert from_cache(client.get(ISF_URL))


def test_lost_generation_does_not_bring_old_pages_back(isf_page, client, pages_in_worker_memory):
    client.get(ISF_URL)

    caches["default"].clear()  # the shared cache restarted, or evicted the generation

    assert not from_cache(client.get(ISF_URL))


# The rules for responses, one refusal at a time, on a page Wagtail served to an anonymous GET.


def served_page_request():
    request = RequestFactory().get(ISF_URL)
    setattr(request, store.SERVED_PAGE_ATTRIBUTE, True)
    return request


def test_plain_public_response_may_be_cached():
    assert store.response_may_be_cached(served_page_request(), HttpResponse("page"))


def test_response_of_a_view_that_is_not_a_wagtail_page_is_not_cached():
    assert not store.response_may_be_cached(RequestFactory().get("/feedback/"), HttpResponse())


def test_response_setting_a_cookie_is_not_cached():
    response = HttpResponse("page")
    response.set_cookie("anything", "value")

    assert not store.response_may_be_cached(served_page_request(), response)


def test_response_holding_a_csrf_token_is_not_cached():
    request = served_page_request()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True

    assert not store.response_may_be_cached(request, HttpResponse("page"))


@pytest.mark.parametrize(
    "cache_control", ["private", "no-store", "no-cache", "private, max-age=60"]
)
def test_private_or_no_store_response_is_not_cached(cache_control):
    response = HttpResponse("page")
    response["Cache-Control"] = cache_control

    assert not store.response_may_be_cached(served_page_request(), response)


def test_never_cache_response_is_not_cached():
    response = never_cache(lambda request: HttpResponse("page"))(served_page_request())

    assert not store.response_may_be_cached(served_page_request(), response)


@pytest.mark.parametrize("vary", ["User-Agent", "*", "Cookie, Accept-Encoding"])
def test_response_that_varies_on_what_the_key_ignores_is_not_cached(vary):
    response = HttpResponse("page")
    response["Vary"] = vary

    assert not store.response_may_be_cached(served_page_request(), response)


def test_error_responses_are_not_cached():
    assert not store.response_may_be_cached(served_page_request(), HttpResponse(status=404))

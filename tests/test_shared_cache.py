"""Redis is the cache every worker shares in production (issue 14): the page cache's generation
reaches every worker, and when Redis is down the site still serves, more slowly, never a 500."""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from agreements.models import TemplatePage
from agreements.seed_content import isf
from pagecache import store
from personalised.factories import PersonalisedAgreementFactory

PROJECT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Nothing listens on port 1.
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"


def production_cache_settings(redis_url: str) -> dict:
    """CACHES and SESSION_ENGINE as site.settings.production makes them for this REDIS_URL."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="site.settings.production",
        DJANGO_SECRET_KEY="a-throwaway-key-for-reading-the-settings-" + "x" * 20,
        REDIS_URL=redis_url,
        REDIS_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'CACHES': settings.CACHES, 'SESSION_ENGINE': settings.SESSION_ENGINE}))"
    )
    output = subprocess.run(  # noqa: S603 our own interpreter and script
        [sys.executable, "-c", script], cwd=PROJECT, env=env, check=True, capture_output=True
    ).stdout
    return json.loads(output)


@pytest.fixture
def redis_is_down(settings):
    """The production caches and sessions, with Redis not answering."""
    production = production_cache_settings(CLOSED_PORT_URL)
    settings.CACHES = production["CACHES"]
    settings.SESSION_ENGINE = production["SESSION_ENGINE"]
    settings.PAGE_CACHE_ALIAS = "pages"


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def real_redis():
    if not redis_is_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (apt-get install redis-server)")


def test_the_site_serves_without_redis_and_logs_a_warning(
    seeded_site, practitioner, redis_is_down, client, caplog
):
    agreement = PersonalisedAgreementFactory(owner=practitioner)
    caplog.set_level(logging.WARNING, logger="site.cache")

    home = client.get("/")
    template = client.get(f"/templates/{isf.SLUG}/")
    sign_in_form = client.get("/accounts/sign-in/")
    signed_in = client.post(
        "/accounts/sign-in/", {"username": "pat", "password": "a-long-test-password"}
    )
    agreement_page = client.get(agreement.get_absolute_url())

    assert [home.status_code, template.status_code, sign_in_form.status_code] == [200, 200, 200]
    assert signed_in.status_code == 302
    # The session lives on in the database (cached_db): the practitioner is still signed in.
    assert agreement_page.status_code == 200
    assert agreement.title in agreement_page.text
    assert any(
        record.levelno == logging.WARNING and "unavailable" in record.getMessage()
        for record in caplog.records
    )


def test_without_redis_pages_are_rendered_not_served_from_the_cache(
    seeded_site, redis_is_down, client
):
    client.get(f"/templates/{isf.SLUG}/")

    again = client.get(f"/templates/{isf.SLUG}/")

    assert again.status_code == 200
    assert again.get(store.HIT_HEADER) != "hit"


def test_two_workers_see_the_same_page_cache_generation_after_a_publish(
    real_redis, seeded_site, settings
):
    # Two workers: two cache connections to the one Redis, with nothing else in common.
    shared = production_cache_settings(REDIS_URL)["CACHES"]["default"]
    settings.CACHES = {"worker-1": shared, "worker-2": dict(shared), "default": shared}
    try:
        settings.PAGE_CACHE_GENERATION_ALIAS = "worker-1"
        before = store.generation()
        settings.PAGE_CACHE_GENERATION_ALIAS = "worker-2"
        assert store.generation() == before

        settings.PAGE_CACHE_GENERATION_ALIAS = "worker-1"
        page = TemplatePage.objects.get(slug=isf.SLUG).get_latest_revision_as_object()
        page.title = "Retitled in worker 1"
        page.change_note = "Retitled."
        page.save_revision().publish()
        after = store.generation()

        settings.PAGE_CACHE_GENERATION_ALIAS = "worker-2"
        assert after != before
        assert store.generation() == after
    finally:
        # Leave the shared Redis as it was: remove every key this test's prefix made.
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{shared['KEY_PREFIX']}:*"):
            client.delete(key)


def test_the_redis_cache_builds_its_client_once(settings):
    # Building a redis.Redis costs more than a GET, on every anonymous request's generation.
    settings.CACHES = production_cache_settings(REDIS_URL)["CACHES"]
    from django.core.cache import caches

    backend = caches["default"]._cache

    assert backend.get_client() is backend.get_client()
    assert backend.get_client(write=True) is backend.get_client(write=True)


def test_a_worker_trusts_the_generation_it_read_for_page_cache_generation_max_age(
    seeded_site, client, settings
):
    # Reading the shared generation for every anonymous request costs a Redis round trip; in
    # production a worker trusts what it read for a moment (PAGE_CACHE_GENERATION_MAX_AGE).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_GENERATION_MAX_AGE = 0.5
    url = f"/templates/{isf.SLUG}/"
    client.get(url)
    assert client.get(url).get(store.HIT_HEADER) == "hit"

    # Another worker publishes: all it can reach here is the shared generation.
    from django.core.cache import caches

    caches["default"].set(store.GENERATION_KEY, "set-by-another-worker", timeout=None)
    still_trusted = client.get(url)
    time.sleep(0.6)
    after_max_age = client.get(url)

    assert still_trusted.get(store.HIT_HEADER) == "hit"
    assert after_max_age.get(store.HIT_HEADER) != "hit"


def test_the_publishing_worker_forgets_its_pages_at_once_whatever_the_max_age(
    seeded_site, client, settings
):
    settings.PAGE_CACHE_GENERATION_MAX_AGE = 60
    url = f"/templates/{isf.SLUG}/"
    client.get(url)
    assert client.get(url).get(store.HIT_HEADER) == "hit"

    page = TemplatePage.objects.get(slug=isf.SLUG).get_latest_revision_as_object()
    page.title = "Retitled here"
    page.change_note = "Retitled."
    page.save_revision().publish()
    response = client.get(url)

    assert response.get(store.HIT_HEADER) != "hit"
    assert "Retitled here" in response.text

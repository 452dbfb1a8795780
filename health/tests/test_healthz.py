"""/healthz tells a load balancer whether this worker can reach the database and the cache."""

from django.db import OperationalError, connection

from pagecache import store

# Nothing listens on port 1.
REDIS_DOWN = {
    "default": {
        "BACKEND": "site.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def refuse(*args, **kwargs):
    raise OperationalError("could not connect to server")


def test_healthz_answers_ok_when_the_database_and_cache_answer(db, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_healthz_is_503_naming_the_database_when_it_fails(db, client, monkeypatch):
    # Only for the request: the test database's own teardown needs the real cursor.
    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", refuse)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}


def test_healthz_is_503_naming_the_cache_when_redis_is_down(db, client, settings):
    settings.CACHES = REDIS_DOWN

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failed"}


def test_healthz_is_never_cached_and_sets_no_cookie(db, client):
    first = client.get("/healthz")
    second = client.get("/healthz")

    assert "no-store" in second["Cache-Control"]
    assert second.get(store.HIT_HEADER) != "hit"
    assert not first.cookies and not second.cookies
    assert "Cookie" not in second.get("Vary", "")


def test_healthz_has_the_public_content_security_policy(db, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_healthz_is_not_in_the_sitemap(seeded_site, client):
    assert "healthz" not in client.get("/sitemap.xml").text

"""Production settings: secure cookies, HSTS, WhiteNoise in the right place, caches that every
worker shares, and gunicorn on loopback. (`make test` also runs `check --deploy` on them.)"""

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

SETTINGS_NAMES = [
    "DEBUG",
    "MIDDLEWARE",
    "STORAGES",
    "CACHES",
    "PAGE_CACHE_ALIAS",
    "PAGE_CACHE_GENERATION_ALIAS",
    "RATE_LIMIT_CACHE",
    "AXES_HANDLER",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CSRF_FAILURE_VIEW",
]


@pytest.fixture(scope="module")
def production():
    """The production settings as a fresh process sees them (they read the environment)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site.settings.production",
        DJANGO_SECRET_KEY="a-throwaway-key-for-reading-the-settings-" + "x" * 20,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SETTINGS_NAMES!r}}}, default=str))"
    )
    output = subprocess.run(  # noqa: S603 our own interpreter and script
        [sys.executable, "-c", script], cwd=PROJECT, env=env, check=True, capture_output=True
    ).stdout
    return json.loads(output)


def test_debug_is_off_and_cookies_are_secure(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"


def test_hsts_for_a_year_with_subdomains(production):
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_csrf_and_the_content_security_policy_are_on(production):
    middleware = production["MIDDLEWARE"]
    assert "django.middleware.csrf.CsrfViewMiddleware" in middleware
    assert "security.middleware.ContentSecurityPolicyMiddleware" in middleware
    assert production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert production["CSRF_FAILURE_VIEW"] == "security.views.csrf_failure"


def test_whitenoise_serves_compressed_hashed_static_files_right_after_security(production):
    middleware = production["MIDDLEWARE"]
    assert middleware[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert (
        production["STORAGES"]["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_what_workers_must_share_is_in_a_shared_cache(production):
    caches = production["CACHES"]
    for alias in (production["RATE_LIMIT_CACHE"], production["PAGE_CACHE_GENERATION_ALIAS"]):
        assert "locmem" not in caches[alias]["BACKEND"].lower()
    # Sign-in failures are in the database, which every worker and host shares.
    assert production["AXES_HANDLER"] == "security.sign_in_throttle.SignInThrottleHandler"


def test_only_the_health_check_answers_plain_http(production):
    exempt = [re.compile(pattern) for pattern in production["SECURE_REDIRECT_EXEMPT"]]

    assert any(pattern.search("healthz") for pattern in exempt)
    assert not any(pattern.search("accounts/sign-in/") for pattern in exempt)


def test_gunicorn_binds_to_loopback_by_default(monkeypatch):
    for name in list(os.environ):
        if name.startswith("GUNICORN_"):
            monkeypatch.delenv(name)

    config = runpy.run_path(str(PROJECT / "site" / "gunicorn.conf.py"))

    assert config["bind"] == "127.0.0.1:8000"
    assert config["wsgi_app"] == "site.wsgi:application"
    assert config["control_socket_disable"] is True

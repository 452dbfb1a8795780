"""Production settings: everything secret or site-specific comes from the environment."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = [host for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host]
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
# Load balancers probe /healthz over plain HTTP, behind the proxy that terminates TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# WhiteNoise serves the static files from the same gunicorn processes, compressed and with
# far-future expiry for the hashed names. It goes right after SecurityMiddleware so that static
# files get the security headers but skip everything else.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

# "default" is Redis, shared by every gunicorn worker on every machine: the page cache's
# generation, the sign-in counts and the sessions (cached_db: kept in the database too, so a
# Redis outage signs nobody out). When Redis is down the site carries on without it, more slowly
# (site/cache.py). Cached pages are kept in each worker's memory ("pages"): serving one is then as
# cheap as a static file, and the shared generation still empties every worker's copy the moment
# a page is published (see pagecache.store).
_shared_cache = {
    "BACKEND": "site.cache.ResilientRedisCache",
    "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    # Several sites (or benchmark runs) may share one Redis.
    "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", ""),
    # Redis is close by: anything slower than this is an outage, and the site goes on without it.
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}
CACHES = {
    "default": _shared_cache,
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
PAGE_CACHE_ALIAS = "pages"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

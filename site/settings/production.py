"""Production settings: everything secret or site-specific comes from the environment."""

import os
from email.utils import getaddresses

from django.conf import global_settings

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
# Uploaded images and documents: on more than one server, a directory they all mount (NFS).
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

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
# Reading the generation from Redis for every cached page halved the rate they are served at
# (bench/serve); a publication reaches the other workers up to this many seconds later instead.
PAGE_CACHE_GENERATION_MAX_AGE = float(os.environ.get("PAGE_CACHE_GENERATION_MAX_AGE", "1"))
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ---------------------------------------------------------------- email
# Through an SMTP relay. Email to people goes through the tasks (EMAIL_BACKEND, base.py): the
# worker delivers it with TASKS_EMAIL_BACKEND and tries again when the relay fails. Error reports
# go straight to the relay (mail_admins, below), so that they do not wait for, or depend on, the
# queue whose failures they report (jobs/error_mail.py). `check --deploy` warns while the
# addresses are Django's defaults.
TASKS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", global_settings.DEFAULT_FROM_EMAIL)
SERVER_EMAIL = os.environ.get(
    "SERVER_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", global_settings.SERVER_EMAIL)
)

# ---------------------------------------------------------------- logs and error reports
# DJANGO_ADMINS="Name <address>, Other <address>": who is emailed a report of each server error,
# unless SENTRY_DSN is set, in which case Sentry gets them instead.
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("DJANGO_ADMINS", "")])
    if address
]
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
# Error reports leave out what was posted and the code's local variables: they would hold what
# practitioners wrote about the people they support.
DEFAULT_EXCEPTION_REPORTER_FILTER = "site.error_reports.PrivateExceptionReporterFilter"

# One key=value line per record on stderr (where gunicorn's own log goes too).
_log_level = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "skip_health_checks": {"()": "health.log_filters.SkipHealthCheckResponses"},
    },
    "formatters": {
        "key_value": {"()": "site.log_format.KeyValueFormatter"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "key_value"},
        # Django's AdminEmailHandler, sending with TASKS_EMAIL_BACKEND: not through the queue.
        "mail_admins": {"class": "jobs.error_mail.DirectAdminEmailHandler", "level": "ERROR"},
    },
    "root": {
        "handlers": ["stderr"] if SENTRY_DSN else ["stderr", "mail_admins"],
        "level": _log_level,
    },
    "loggers": {
        # Replaces Django's own handlers for these (console in DEBUG only, mail_admins always):
        # everything goes to the root's.
        "django": {"handlers": [], "level": _log_level, "propagate": True},
        "django.request": {"filters": ["skip_health_checks"]},
    },
}

if SENTRY_DSN:
    # Imported only when used: sites without Sentry need not install it.
    import sentry_sdk

    from personalised.invitations.log_redaction import redact_error_report

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        # Nothing about the people using the site: no cookies, users, addresses or bodies.
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        # No invitation token in a reported address (personalised/invitations/log_redaction.py).
        before_send=redact_error_report,
    )

"""Settings shared by every environment. dev.py, test.py and production.py build on these."""

import os
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from ..database import database_from_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "agreements",
    "guidance",
    "search",
    "security",
    "pagecache",
    "health",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

# Production inserts WhiteNoise right after SecurityMiddleware (see production.py).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that cached pages get the policy too.
    "security.middleware.ContentSecurityPolicyMiddleware",
    # Outside everything that could set a cookie or a Vary header, so that it sees them all
    # before it stores a page; and a cached page skips all of it.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside CSRF and sign-in, so that their refusals of agreement URLs are private too.
    "agreements.privacy.PrivateAgreementResponsesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.middleware.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
                "agreements.context_processors.person",
            ],
        },
    },
]

WSGI_APPLICATION = "site.wsgi.application"

# SQLite unless DATABASE_URL names another database (PostgreSQL in production and in CI).
# SQLite waits for a concurrent writer instead of failing (see site/database.py).
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. English (UK) is the source locale; editors translate pages into the
# others with wagtail-localize. Urdu is written right to left. Interface strings are in
# locale/<language>/LC_MESSAGES/django.po (draft translations, see locale/README.md).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", _("English (UK)")),
    ("cy", _("Welsh")),
    ("pl", _("Polish")),
    ("ur", _("Urdu")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields per form in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGIN_URL = "sign_in"
# A practitioner who signs in from the header lands on their agreements.
LOGIN_REDIRECT_URL = "agreements:list"
LOGOUT_REDIRECT_URL = "/"

# ---------------------------------------------------------------- security
# The same policies in development, tests and production, so that a page that breaks them
# breaks on a developer's machine first.

# Content security policy (django-csp). Public pages: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The Wagtail admin uses inline scripts and style attributes, and previews pages in a frame of
# its own; the Django admin is given the same. Only editors get past their login forms.
ADMIN_CONTENT_SECURITY_POLICY = {
    "PATH_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The site's own page, with its header and navigation, instead of Django's bare one.
CSRF_FAILURE_VIEW = "security.views.csrf_failure"

# Sign-in rate limiting (security.login_throttle), per username and client address.
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_LOCKOUT_SECONDS = 15 * 60
LOGIN_THROTTLE_CACHE = "default"
# Sign-in views that are not LoginView subclasses (those are covered already).
LOGIN_THROTTLE_EXTRA_VIEW_NAMES = ["admin:login"]
# Behind a reverse proxy, the META key of the header it sets to the client's address.
LOGIN_THROTTLE_CLIENT_ADDRESS_HEADER = os.environ.get("LOGIN_THROTTLE_CLIENT_ADDRESS_HEADER")

# ---------------------------------------------------------------- caching
# One process's memory in development and tests; production.py uses a cache that every
# worker shares.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Anonymous public pages (pagecache): how long a page may be served from the cache. Publishing,
# unpublishing, moving or deleting any page empties it at once; this is only a backstop.
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 10 * 60))
# Where the cached pages live, and where their generation lives; every process must share the
# latter (see pagecache.store).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_GENERATION_ALIAS = "default"
# How long a process may trust the generation it last read before reading it again (seconds):
# 0 reads it for every request. Production trusts it for a second (see production.py).
PAGE_CACHE_GENERATION_MAX_AGE = 0

WAGTAIL_SITE_NAME = "Partnership agreements"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]

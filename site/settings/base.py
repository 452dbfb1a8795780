"""Settings shared by every environment. dev.py, test.py and production.py build on these."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from ..database import database_from_url
from ..frontend_cache import frontend_cache_backends
from ..tasks import tasks_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "accounts",
    "versioning",
    "agreements",
    "personalised",
    "guidance",
    "following",
    "search",
    "security",
    "pagecache",
    "health",
    "jobs",
    "evidence",
    "backups",
    "seeding",
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
    "axes",
    "django_tasks",
    "django_tasks_db",
    # `manage.py rqworker`, for TASKS_BACKEND=rq.
    "django_rq",
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
    "personalised.privacy.PrivateAgreementResponsesMiddleware",
    # The invitee's pages wear their own header, without the practitioners' navigation.
    "personalised.invitee.middleware.InviteePagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Turns django-axes' refusal of a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: signs out a session that has run out, saying why.
    "security.session_expiry.SessionExpiryMiddleware",
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
                "agreements.context_processors.agreement",
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
# Uploaded images and documents; `make backup` includes them.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
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
# Signed-in sessions end after this long without a request, and at the latest this long after
# signing in (security/session_expiry.py); pages warn this long before.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", 10 * 60 * 60))
SESSION_EXPIRY_WARNING_SECONDS = 3 * 60
SESSION_EXPIRY_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
# The cookie and the stored session go no later than the absolute limit.
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The site's own page, with its header and navigation, instead of Django's bare one.
CSRF_FAILURE_VIEW = "security.views.csrf_failure"

# Sign-in rate limiting: django-axes, configured in security/sign_in_throttle.py (read why
# there). Its backend comes first, to refuse a locked-out attempt before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures within AXES_COOLOFF_TIME of the latest, at which signing in is refused: for one
# username from one address, for one username from anywhere, and from one address (an office
# or a council may share one) whatever the usernames.
SIGN_IN_FAILURE_LIMITS = {"username_and_address": 5, "username": 10, "address": 20}
AXES_HANDLER = "security.sign_in_throttle.SignInThrottleHandler"
AXES_LOCKOUT_PARAMETERS = "security.sign_in_throttle.lockout_parameters"
AXES_FAILURE_LIMIT = "security.sign_in_throttle.failure_limit"
AXES_USERNAME_CALLABLE = "security.sign_in_throttle.username"
AXES_CLIENT_IP_CALLABLE = "security.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "security.sign_in_throttle.locked_out_response"
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Signing in to one account must not clear an address's failures against others.
AXES_RESET_ON_SUCCESS = False
# Failures are enough; a log of every successful sign-in is personal data we do not need.
AXES_DISABLE_ACCESS_LOG = True
# How many reverse proxies, each appending to X-Forwarded-For, stand between the clients and
# the site (security/client_address.py). 0: the connecting address is the client's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Other rate limits (security/rate_limit.py), per window of "seconds".
RATE_LIMITS = {
    "password_reset_address": {"count": 10, "seconds": 60 * 60},
    "password_reset_email": {"count": 3, "seconds": 60 * 60},
    "share": {"count": 30, "seconds": 60 * 60},
    # Comments from one invited party member: generous for a person, not for a script.
    "invitee_comment": {"count": 30, "seconds": 60 * 60},
    # Following an invitation link or typing a letter's code, per address: enough for a family
    # sharing one connection, far too few to guess a code.
    "invitation": {"count": 20, "seconds": 15 * 60},
    # Invitations a practitioner sends or prints, per practitioner.
    "send_invitation": {"count": 60, "seconds": 60 * 60},
}

RATE_LIMIT_CACHE = "default"

# How long an invitation link or letter code can be used (personalised/invitations/).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", 14))

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
# A CDN or HTTP cache in front of the site, purged of everything a publication changes
# (pagecache/frontend.py); configured by environment variables (site/frontend_cache.py), off
# when none is set. Each language's copy of a page is purged at its own address, so Wagtail's
# rewriting of one address into every language prefix is turned off.
WAGTAILFRONTENDCACHE = frontend_cache_backends(os.environ)
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
# Where the cached pages live, and where their generation lives; every process must share the
# latter (see pagecache.store).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_GENERATION_ALIAS = "default"
# How long a process may trust the generation it last read before reading it again (seconds):
# 0 reads it for every request. Production trusts it for a second (see production.py).
PAGE_CACHE_GENERATION_MAX_AGE = 0
# How long parts of public pages are kept, in the page cache's store under its generation, for
# readers the page cache cannot serve: a template page's rendered contents and body
# (agreements/rendered_body.py) and the site's navigation (home/context_processors.py). 0: never.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", 60 * 60))

# ---------------------------------------------------------------- background tasks and email
# Django's tasks API (the django-tasks backport, which Wagtail uses too: search index, reference
# index). TASKS_BACKEND=db (the default): tasks wait in the database for `manage.py db_worker`.
# TASKS_BACKEND=rq: they wait in Redis for `manage.py rqworker` (production, several servers).
# See README, "Background tasks and email", and jobs/.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
# Our own tasks go on this queue (jobs/queue.py); Wagtail's go on "default". Tests use one of
# their own.
TASKS_QUEUE_NAME = "default"
TASKS = tasks_settings(TASKS_BACKEND, TASKS_QUEUE_NAME)
# RQ's queues, in TASKS_REDIS_URL (by default the cache's Redis).
RQ_QUEUES = {
    "default": {
        "URL": os.environ.get(
            "TASKS_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        ),
        "DEFAULT_TIMEOUT": 300,
    }
}
# django-rq's queue statistics are not linked from (or mounted in) the admin.
RQ_SHOW_ADMIN_LINK = False

# Every email is enqueued as a task (jobs/mail.py) and delivered by the worker with
# TASKS_EMAIL_BACKEND; failed deliveries are tried again after these delays (seconds), then
# logged as an error.
EMAIL_BACKEND = "jobs.mail.TaskEmailBackend"
TASKS_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
TASKS_EMAIL_RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60]

WAGTAIL_SITE_NAME = "Partnership agreements"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's full text search stems English ("outcome" finds "outcomes") whatever the
        # server's default configuration; SQLite's backend ignores it (search/stems.py stems).
        "SEARCH_CONFIG": "english",
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]

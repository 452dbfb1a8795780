"""The anonymous page cache: which requests and responses qualify, the keys, and the store.

Every key carries a *generation*. Invalidation replaces the generation with a new one, so every
page cached before it is unreachable at once (and expires from the cache in its own time),
without having to know which pages showed the changed one in a list or a menu.

The generation must live in a cache that every process shares (PAGE_CACHE_GENERATION_ALIAS),
so that a publication reaches all of them at once. The pages themselves may live in each
process's own memory (PAGE_CACHE_ALIAS), which is what makes a cached page cheap to serve.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_vary_headers

GENERATION_KEY = "pagecache:generation"
# Set on the request by the before_serve_page hook: Wagtail is serving a page, to anyone.
SERVED_PAGE_ATTRIBUTE = "pagecache_public_page"
HIT_HEADER = "X-Page-Cache"

# A cached page may vary only on what the key already covers: the language (from the path)
# and cookies (only requests without a session or messages cookie are served from the cache).
_ALLOWED_VARY = {"cookie", "accept-language"}
_REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generation_cache():
    return caches[settings.PAGE_CACHE_GENERATION_ALIAS]


# This process's last reading of the generation, and when (time.monotonic()).
_last_read: tuple[str | None, float] = (None, 0.0)


def generation() -> str | None:
    """The current generation, or None if the shared cache cannot say (it is down).

    Within PAGE_CACHE_GENERATION_MAX_AGE seconds of reading it, the process trusts what it read:
    another worker's publication then reaches it that much later, but a cached page costs no
    round trip to the shared cache."""
    global _last_read
    value, read_at = _last_read
    now = time.monotonic()
    if value is not None and now - read_at < settings.PAGE_CACHE_GENERATION_MAX_AGE:
        return value
    cache = _generation_cache()
    current = cache.get(GENERATION_KEY)
    if current is None:
        # Never start again from a fixed value: pages cached under an old generation that was
        # evicted must not come back.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = cache.get(GENERATION_KEY)
    _last_read = (current, now)
    return current


def invalidate() -> None:
    """Forget every cached page (in this process at once, elsewhere within the max age)."""
    global _last_read
    new = uuid.uuid4().hex
    _generation_cache().set(GENERATION_KEY, new, timeout=None)
    _last_read = (new, time.monotonic())


@receiver(setting_changed)
def _forget_last_read(setting: str, **kwargs) -> None:
    global _last_read
    if setting == "CACHES" or setting.startswith("PAGE_CACHE"):
        _last_read = (None, 0.0)


def request_may_use_cache(request: HttpRequest) -> bool:
    """Anonymous GET or HEAD of a plain address, with nothing that could personalise the page."""
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def key_for(request: HttpRequest) -> str | None:
    """Keyed by generation, site (scheme and host), locale and path; None without a generation.

    Without the shared generation a worker cannot know whether its pages are still current, so
    it must neither serve nor store any."""
    current = generation()
    if current is None:
        return None
    parts = "\n".join(
        [
            current,
            request.scheme,
            request.get_host(),
            # The page cache runs before LocaleMiddleware, but with i18n_patterns the path
            # decides the language, as it will for LocaleMiddleware.
            translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
            request.path,
        ]
    )
    return "pagecache:page:" + hashlib.sha256(parts.encode()).hexdigest()


def response_may_be_cached(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or not getattr(request, SERVED_PAGE_ATTRIBUTE, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to this visitor alone
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # a session cookie is about to be set
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        if directive.strip()
    }
    if cache_control & _REFUSED_CACHE_CONTROL:
        return False
    vary = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    return vary <= _ALLOWED_VARY


def get(key: str) -> HttpResponse | None:
    stored = _cache().get(key)
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    # Whether this copy could be used depended on the request's cookies.
    patch_vary_headers(response, ["Cookie"])
    response[HIT_HEADER] = "hit"
    return response


def put(key: str, response: HttpResponseBase) -> None:
    stored = (response.status_code, list(response.items()), response.content)
    _cache().set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)

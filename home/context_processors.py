from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from pagecache import store


def site_navigation(request: HttpRequest) -> dict:
    """The home page in the reader's language (the site root's translation where there is
    one) and the pages shown in the header on every page: its children marked for menus.

    Every page shows them, and they change only when a page is published, unpublished, moved
    or deleted, each of which replaces the page cache's generation: so they are kept in the
    page cache's store under that generation, and most pages ask the database nothing for them.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"site_navigation": [], "site_home": None}
    generation = store.generation() if settings.FRAGMENT_CACHE_SECONDS > 0 else None
    if generation is None:
        return _navigation(site)
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"navigation:{generation}:{site.pk}:{translation.get_language()}"
    found = cache.get(key)
    if found is None:
        found = _navigation(site)
        found["site_navigation"] = list(found["site_navigation"])
        cache.set(key, found, timeout=settings.FRAGMENT_CACHE_SECONDS)
    return found


def _navigation(site: Site) -> dict:
    home = site.root_page.localized
    return {
        "site_home": home,
        "site_navigation": Page.objects.child_of(home).live().public().in_menu(),
    }

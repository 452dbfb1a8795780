"""Each page's copies in the site's languages, for the language switcher and for the
``hreflang`` alternates that tell search engines which address serves which language."""

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page

#: The hreflang that stands for "any other language": the source language's copy.
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    lang_code: str  # the names Django's sitemap template reads
    location: str


def live_copies(translation_keys: list[UUID]) -> dict[UUID, dict[str, Page]]:
    """The live copy of each page in each language (translations and aliases alike), in one
    query, keyed by translation key and language code."""
    copies: dict[UUID, dict[str, Page]] = {}
    pages = (
        Page.objects.live().filter(translation_key__in=translation_keys).select_related("locale")
    )
    for page in pages:
        copies.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return copies


def live_translations(page: Page) -> dict[str, Page]:
    """The page's live copy in each language. Kept on the page, because the head's alternates
    and the header's language switcher both need it while the page is served."""
    cached = page.__dict__.get("_live_translations")
    if cached is None:
        cached = live_copies([page.translation_key]).get(page.translation_key, {})
        page.__dict__["_live_translations"] = cached
    return cached


def alternates(copies: dict[str, Page], request: HttpRequest | None) -> list[Alternate]:
    """Full addresses of a page's copies in the configured languages, and the source
    language's as ``x-default``; none when the page is in one language only (a page needs no
    alternates for search engines to find it once)."""
    found = [
        Alternate(code, url)
        for code, _name in settings.LANGUAGES
        if code in copies and (url := copies[code].get_full_url(request))
    ]
    if len(found) < 2:
        return []
    default = next((alt for alt in found if alt.lang_code == settings.LANGUAGE_CODE), None)
    return found + ([Alternate(X_DEFAULT, default.location)] if default else [])

"""The rendered introduction, contents list and body of a public template page, kept in the
page cache's store so that the next reader's page, even one the page cache cannot serve, skips
rendering them.

What they show depends on the page's own introduction and blocks, the language, the site
(links), and other pages (the guidance shown with each area, pages linked to). So the key holds
a digest of the introduction and blocks themselves (a past version or a preview is keyed by what
it shows, and a change to the page makes a new key without anyone having to forget the old one),
the page, the language, the site, and the page cache's generation, which every publication of
any page replaces. Without a generation (the shared cache is down) nothing is kept. Only
template pages use it: personalised agreements are never cached outside the database.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from pagecache import store


def body_cache_context(request: HttpRequest | None, page) -> dict:
    """What the template's ``{% cache %}`` around the introduction, contents and body needs: how
    long to keep them (0: not at all), under which key, in which cache."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    generation = store.generation() if seconds > 0 and request is not None else None
    if generation is None or getattr(request, "is_preview", False):
        return {"body_cache_seconds": 0, "body_cache_key": "", "body_cache_alias": "default"}
    # The blanks' labels show on the page (for screen readers) where they are placed.
    blanks = list(page.blanks.raw_data) if hasattr(page, "blanks") else []
    content = json.dumps(
        [page.intro, list(page.body.raw_data), blanks], sort_keys=True, default=str
    )
    parts = [
        generation,
        str(page.pk),
        translation.get_language() or "",
        request.scheme,
        request.get_host(),
        hashlib.sha256(content.encode()).hexdigest(),
    ]
    return {
        "body_cache_seconds": seconds,
        "body_cache_key": "\n".join(parts),
        "body_cache_alias": settings.PAGE_CACHE_ALIAS,
    }

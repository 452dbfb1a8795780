"""Which public addresses a change to a page makes stale, for purging a CDN or HTTP cache in
front of the site (pagecache/frontend.py).

The in-process page cache simply forgets everything on any publication (pagecache/signals.py):
that is free. A CDN must be told each address, so here the same events name what they touch:

- the page itself in every language (each copy at its own address, translated or an alias),
  with its version history and its past versions (they link to the current one);
- the page that lists it (its parent) and, for a template, the home page, which lists templates;
- other pages that show its words: the guidance pages that name a template or its areas; for a
  guidance page, the templates whose areas it is about (before and after this change);
- the sitemap, and the API's listing and each touched page's API detail.

Personalised agreements are not pages and are never cached publicly: no address of theirs is
ever produced (``frontend.send`` refuses them as well).
"""

import json
from collections.abc import Iterable
from types import SimpleNamespace

from django.db.models import Q
from wagtail.models import Page

# Page types the API serves (site/api.py): their details are purged with their pages.
API_PAGE_TYPES = (
    "agreements.templateindexpage",
    "agreements.templatepage",
    "guidance.guidanceindexpage",
    "guidance.guidancepage",
)


def copies_of(page: Page) -> list[Page]:
    """The page in every language: itself, each live copy (translation or alias), and its
    aliases even when no longer live (they are unpublished with it)."""
    copies = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    return [page, *copies.filter(Q(live=True) | Q(alias_of=page))]


def pages_touched_by(page: Page, *, previous_content: dict | None = None) -> list[Page]:
    """Every page whose public rendering may change when ``page`` is published, unpublished,
    moved or deleted. ``previous_content`` is the page's last published revision's content, if
    any (for a guidance page, the areas it was about before)."""
    from agreements.models import TemplatePage
    from guidance.models import GuidancePage
    from home.models import HomePage

    page = page.specific_deferred
    copies = [copy.specific_deferred for copy in copies_of(page)]
    touched: dict[int, Page] = {copy.pk: copy for copy in copies}
    for copy in copies:
        parent = copy.get_parent()
        if parent is not None and parent.depth > 1:
            touched.setdefault(parent.pk, parent)
        if isinstance(copy, TemplatePage):
            for home in HomePage.objects.ancestor_of(copy):
                touched.setdefault(home.pk, home)

    related: list[Page] = []
    if isinstance(page, TemplatePage):
        related = guidance_about(copy.pk for copy in copies)
    elif isinstance(page, GuidancePage):
        contents = [_area_values(copy.body.raw_data) for copy in copies]
        if previous_content is not None:
            contents.append(_area_values(previous_content.get("body")))
        template_ids = {_template_id(value) for values in contents for value in values}
        template_ids |= {copy.about_template_id for copy in copies}
        if previous_content is not None:
            template_ids.add(previous_content.get("about_template"))
        templates = TemplatePage.objects.filter(pk__in=template_ids - {None})
        related = [copy for template in templates for copy in copies_of(template)]
    for other in related:
        touched.setdefault(other.pk, other)
    return list(touched.values())


def guidance_about(template_ids: Iterable[int]) -> list[Page]:
    """Live guidance pages (every language) that name one of the templates, or one of their
    areas: they show the template's title and its areas' numbers and titles."""
    from guidance.models import GuidancePage

    template_ids = set(template_ids)
    found = []
    for guidance in GuidancePage.objects.live():
        names = {guidance.about_template_id} | {
            _template_id(value) for value in _area_values(guidance.body.raw_data)
        }
        if names & template_ids:
            found.append(guidance)
    return found


def urls_of(pages: Iterable[Page]) -> set[str]:
    """Full addresses of the pages, their version routes, their API details, and each of their
    sites' sitemap and API listing."""
    from versioning.models import VersionedPage

    urls: set[str] = set()
    site_roots: set[str] = set()
    # Wagtail keeps its site root lookup on this object, for every page of the batch.
    cache_object = SimpleNamespace()
    for page in pages:
        page = page.specific_deferred
        parts = page.get_url_parts(cache_object)
        if parts is None or parts[1] is None:
            continue  # not routable (outside every site)
        _site_id, root_url, page_path = parts
        root = root_url.rstrip("/")
        url = root + page_path
        site_roots.add(root)
        urls.add(url)
        if isinstance(page, VersionedPage):
            urls.add(url + page.reverse_subpage("version_history").lstrip("/"))
            for number in page.published_versions().values_list("number", flat=True):
                urls.add(url + page.reverse_subpage("version", args=(number,)).lstrip("/"))
        if page.specific_class._meta.label_lower in API_PAGE_TYPES:
            urls.add(f"{root}/api/v2/pages/{page.pk}/")
    for root in site_roots:
        urls.add(f"{root}/sitemap.xml")
        urls.add(f"{root}/api/v2/pages/")
    return urls


def _area_values(body) -> list[str]:
    """The stored area references ("<template id>:<block id>") in a guidance body's raw data."""
    if not body:
        return []
    if isinstance(body, str):
        body = json.loads(body)
    return [
        (block.get("value") or {}).get("area") or ""
        for block in body
        if isinstance(block, dict) and block.get("type") == "area_guidance"
    ]


def _template_id(value: str) -> int | None:
    from guidance.areas import parse_area

    reference = parse_area(value)
    return reference.template_id if reference else None

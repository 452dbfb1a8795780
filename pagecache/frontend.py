"""Purge the CDN or HTTP cache in front of the site (WAGTAILFRONTENDCACHE) of everything a
change to a page makes stale, once the change is committed.

Wagtail's own frontend_cache app is not installed: its signal handlers purge only the
published page, at its own address. This listens to the same events as the page cache
(pagecache/signals.py) and names every address they touch (pagecache/touched.py). The addresses
go to Wagtail's purge task, so they are sent by the task worker where one runs (a slow CDN never
holds up a publication) and at once otherwise. A purge that fails is logged, never raised: the
publication has happened, and the cache's own expiry is the backstop.
"""

import logging
import posixpath
import threading
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from .touched import pages_touched_by, urls_of

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class _Batch:
    """The addresses a transaction's changes touched, sent once when it commits."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.sent = False

    def send(self) -> None:
        if not self.sent:
            self.sent = True
            send(self.urls)


_local = threading.local()


def purge_on_commit(urls: Iterable[str]) -> None:
    """Purge the addresses when the current transaction commits (at once outside one); every
    address touched by one transaction is sent once, however many signals named it."""
    connection = transaction.get_connection()
    batch = getattr(_local, "batch", None)
    if batch is None or batch.sent or not _awaiting_commit(batch, connection):
        # A batch whose transaction was rolled back is dropped with it.
        batch = _local.batch = _Batch()
    batch.urls.update(urls)
    transaction.on_commit(batch.send, robust=True)


def _awaiting_commit(batch: _Batch, connection) -> bool:
    return any(
        getattr(callback, "__self__", None) is batch
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def send(urls: Iterable[str]) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    private = private_prefixes()
    public = sorted(url for url in urls if not urlsplit(url).path.startswith(private))
    if not public:
        return
    try:
        purge_urls_from_cache(public)
    except Exception:
        logger.exception("Could not purge %d addresses from the front-end cache", len(public))


def private_prefixes() -> tuple[str, ...]:
    """Where the addresses that are never cached publicly begin, in every language: personalised
    agreements, accounts, practitioners' feedback and the admin. They are never sent to a CDN,
    whatever asks for them."""
    prefixes = ["/admin/", "/django-admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("agreements:list"))
            prefixes.append(posixpath.dirname(reverse("sign_in").rstrip("/")) + "/")
            prefixes.append(reverse("my_feedback"))
    return tuple(prefixes)


def purge_page(page: Page, **touched_options) -> None:
    if enabled():
        purge_on_commit(urls_of(pages_touched_by(page, **touched_options)))


def purge_everything() -> None:
    """A site or a view restriction changed: any live page may read differently or be private."""
    if enabled():
        purge_on_commit(urls_of(Page.objects.live().filter(depth__gt=1)))


def _previous_content(page: Page, revision) -> dict | None:
    """The content of the page's last publication before this one, if it had one."""
    from versioning.models import PageVersion

    previous = (
        PageVersion.objects.filter(page_id=page.pk)
        .exclude(revision=revision)
        .exclude(revision=None)
        .select_related("revision")
        .order_by("-number")
        .first()
    )
    return previous.revision.content if previous else None


@receiver(page_published, dispatch_uid="frontend_cache_published")
def purge_published(sender, instance: Page, revision=None, alias: bool = False, **kwargs) -> None:
    # An alias kept in step with its original: the original's publication purges every copy.
    if enabled() and not alias:
        purge_page(instance, previous_content=_previous_content(instance, revision))


@receiver(page_unpublished, dispatch_uid="frontend_cache_unpublished")
def purge_unpublished(sender, instance: Page, **kwargs) -> None:
    # Unpublishing a page unpublishes its aliases first; its own signal, next, purges them all.
    if not enabled():
        return
    if (
        instance.alias_of_id
        and not Page.objects.filter(pk=instance.alias_of_id, live=True).exists()
    ):
        return
    purge_page(instance)


@receiver(pre_page_move, dispatch_uid="frontend_cache_before_move")
@receiver(post_page_move, dispatch_uid="frontend_cache_after_move")
def purge_moved(sender, instance: Page, **kwargs) -> None:
    # Before (the old addresses and the old parent) and after (the new ones).
    if enabled():
        purge_page(Page.objects.get(pk=instance.pk))


@receiver(page_slug_changed, dispatch_uid="frontend_cache_slug_changed")
def purge_renamed(sender, instance: Page, instance_before: Page, **kwargs) -> None:
    if enabled():
        purge_on_commit(urls_of([instance_before]) | urls_of(pages_touched_by(instance)))


@receiver(pre_delete, dispatch_uid="frontend_cache_deleted")
def purge_deleted(sender, instance, **kwargs) -> None:
    # Before the delete, while the page and what it touches can still be found.
    if isinstance(instance, Page) and instance.pk and instance.depth > 1:
        purge_page(instance)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="frontend_cache_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="frontend_cache_restriction_gone")
@receiver(post_save, sender=Site, dispatch_uid="frontend_cache_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="frontend_cache_site_deleted")
def purge_on_access_or_site_changed(sender, **kwargs) -> None:
    purge_everything()

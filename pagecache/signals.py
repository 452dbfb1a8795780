"""Empty the page cache whenever what a public page shows may have changed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import store


def invalidate_now_and_on_commit(**kwargs) -> None:
    # Now, so this process stops serving old pages at once; and again when the transaction
    # commits, so that a page rendered from the old data by another request in between is not
    # kept under the new generation.
    store.invalidate()
    transaction.on_commit(store.invalidate)


page_published.connect(invalidate_now_and_on_commit, dispatch_uid="pagecache_published")
page_unpublished.connect(invalidate_now_and_on_commit, dispatch_uid="pagecache_unpublished")
post_page_move.connect(invalidate_now_and_on_commit, dispatch_uid="pagecache_moved")
page_slug_changed.connect(invalidate_now_and_on_commit, dispatch_uid="pagecache_slug_changed")


@receiver(post_delete, dispatch_uid="pagecache_deleted")
def invalidate_on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_now_and_on_commit()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="pagecache_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="pagecache_restriction_deleted")
@receiver(post_save, sender=Site, dispatch_uid="pagecache_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="pagecache_site_deleted")
def invalidate_on_access_or_site_changed(sender, **kwargs) -> None:
    invalidate_now_and_on_commit()

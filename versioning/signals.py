from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal, receiver
from wagtail.signals import page_published

from .models import ChangeKind, PageVersion, VersionedPage

#: Sent once a publication has its version (``version``: the PageVersion), when the transaction
#: that made it commits: what announces a change (following/) listens to this, not to Wagtail's
#: page_published, so that it always finds the version recorded.
version_published = Signal()


@receiver(page_published)
def record_version(sender, instance, revision, **kwargs) -> None:
    """Give every publication of a versioned page the next version number, its note and its
    kind of change, and keep the page's "last updated" date at its last major change."""
    if not isinstance(instance, VersionedPage):
        return
    if PageVersion.objects.filter(revision=revision).exists():
        return  # republishing the same revision is not a new version
    with transaction.atomic():
        previous = PageVersion.objects.filter(page_id=instance.pk).aggregate(Max("number"))
        number = (previous["number__max"] or 0) + 1
        # A first publication has nothing to be a small change to: its readers are all new.
        kind = ChangeKind.MAJOR if number == 1 else ChangeKind(instance.change_kind)
        version = PageVersion.objects.create(
            page_id=instance.pk,
            revision=revision,
            number=number,
            change_note=instance.change_note.strip(),
            change_kind=kind,
            published_at=instance.last_published_at,
            published_by=revision.user,
        )
        # Set from the versions, never from the revision's copy of the field, which may be
        # older than the last major change (a draft saved before it).
        last_updated_at = version.last_major_change_at()
        type(instance).objects.filter(pk=instance.pk).update(
            version=number, last_updated_at=last_updated_at
        )
        instance.version = number
        instance.last_updated_at = last_updated_at
    transaction.on_commit(
        lambda: version_published.send(sender=type(instance), page=instance, version=version),
        robust=True,
    )

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import PageVersion, VersionedPage


@receiver(page_published)
def record_version(sender, instance, revision, **kwargs) -> None:
    """Give every publication of a versioned page the next version number and its note."""
    if not isinstance(instance, VersionedPage):
        return
    if PageVersion.objects.filter(revision=revision).exists():
        return  # republishing the same revision is not a new version
    with transaction.atomic():
        latest = PageVersion.objects.filter(page_id=instance.pk).aggregate(Max("number"))
        number = (latest["number__max"] or 0) + 1
        PageVersion.objects.create(
            page_id=instance.pk,
            revision=revision,
            number=number,
            change_note=instance.change_note.strip(),
            published_at=instance.last_published_at,
            published_by=revision.user,
        )
        type(instance).objects.filter(pk=instance.pk).update(version=number)
        instance.version = number

from django.dispatch import receiver

from agreements.models import TemplatePage
from jobs.queue import enqueue
from versioning.signals import version_published

from .models import TemplateFollow


@receiver(version_published)
def announce_major_changes(sender, page, version, **kwargs) -> None:
    """A major change of a followed template is announced by a task: the editor's publication
    never waits for the emails."""
    if not isinstance(page, TemplatePage) or not version.is_major:
        return
    if TemplateFollow.objects.filter(page_id=page.pk).exists():
        from .notify import announce_major_change

        enqueue(announce_major_change, version.pk)

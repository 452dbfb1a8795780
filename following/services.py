"""Following and unfollowing a template."""

from django.db import IntegrityError, transaction

from agreements.models import TemplatePage

from .models import TemplateFollow


def is_following(user, page: TemplatePage) -> bool:
    return TemplateFollow.objects.filter(user=user, page=page).exists()


def follow(user, page: TemplatePage) -> None:
    """Idempotent: following twice (two tabs, a double click) is following once."""
    try:
        with transaction.atomic():
            TemplateFollow.objects.get_or_create(user=user, page=page)
    except IntegrityError:
        pass  # followed by the other click meanwhile


def unfollow(user, page: TemplatePage) -> None:
    TemplateFollow.objects.filter(user=user, page=page).delete()

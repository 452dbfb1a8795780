from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    """Practitioners follow a template and are emailed its major changes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "following"
    verbose_name = _("Following templates")

    def ready(self) -> None:
        from . import signals  # noqa: F401 connects the announcement of major changes

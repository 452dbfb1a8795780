from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VersioningConfig(AppConfig):
    """Numbered public versions with change notes, their history and comparison, for any page
    type that mixes in ``VersionedPage`` (templates and guidance)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "versioning"
    verbose_name = _("Versions")

    def ready(self) -> None:
        from agreements.translation import exclude_from_translation

        from . import signals  # noqa: F401 connects the publishing signal handlers
        from .models import VersionedPage

        # Each language's copy has its own versions: the note is written per publication.
        for model in self.apps.get_models():
            if issubclass(model, VersionedPage):
                exclude_from_translation(model, "change_note", "change_kind")

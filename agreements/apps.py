from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from . import signals  # noqa: F401 connects the publishing signal handlers
        from .models import VersionedPage
        from .translation import exclude_from_translation

        for model in self.apps.get_models():
            if issubclass(model, VersionedPage):
                exclude_from_translation(model, "change_note")

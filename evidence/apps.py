from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = _("Evidence from practice")

    def ready(self) -> None:
        from .panels import add_to_template_editor

        add_to_template_editor()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalisedConfig(AppConfig):
    """Personalised agreements: a practitioner's private fork of one template version for one
    person, with its editing, history, template updates, exports, sharing, the parties'
    consent, listing and deleting, each in a subpackage of its own."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "personalised"
    verbose_name = _("Personalised agreements")

    def ready(self) -> None:
        from personalised.invitations import log_redaction, reopened

        log_redaction.install()
        reopened.connect()

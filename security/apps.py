from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from . import login_throttle  # noqa: F401 connects the sign-in signal receivers

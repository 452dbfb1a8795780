from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from . import frontend, signals  # noqa: F401 connect the invalidation receivers

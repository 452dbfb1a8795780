from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedingConfig(AppConfig):
    """The project's seed content: ``load_seed_content`` publishes the home page, the template
    and guidance indexes and the seed templates and guidance; ``load_locale_trees`` gives every
    other language a copy of each English page. No models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "seeding"
    verbose_name = _("Seed content")

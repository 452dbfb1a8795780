"""The forms a copy of an agreement comes in, for the parties and for the routes that name them
(``agreements:pdf`` takes one as ``<format>``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CopyFormat(models.TextChoices):
    STANDARD = "standard", _("Standard")
    EASY_READ = "easy-read", _("Easy read")
    LARGE_PRINT = "large-print", _("Large print")

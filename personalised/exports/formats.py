"""The forms a copy of an agreement comes in: each party reads it in the one they can use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CopyFormat(models.TextChoices):
    STANDARD = "standard", _("Standard")
    EASY_READ = "easy-read", _("Easy read")
    LARGE_PRINT = "large-print", _("Large print")

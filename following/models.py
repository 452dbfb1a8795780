"""Who follows which template.

A follow belongs to a practitioner's account, not to any agreement: it says nothing about a
person, and goes when the account goes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="template_follows"
    )
    page = models.ForeignKey(
        "agreements.TemplatePage", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("template follow")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="follow_template_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.page_id}"

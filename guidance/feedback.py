"""Feedback from practitioners who tested a template or its guidance: what happened when they
used it. Editors read it in the admin and mark it addressed by the version that addressed it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ADDRESSED = "addressed", _("Addressed")
    NOT_CHANGING = "not-changing", _("Considered, no change")


class Feedback(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="template_feedback",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="feedback",
        help_text=_("The template or guidance page the feedback is about."),
    )
    area_block_id = models.CharField(max_length=64, blank=True)
    area_title = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("The area's title when the feedback was left, kept if the area changes."),
    )
    body = models.TextField(
        max_length=5000,
        verbose_name=_("what happened when you used this"),
    )
    status = models.CharField(
        max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN
    )
    addressed_in = models.ForeignKey(
        "versioning.PageVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="addressed_feedback",
        help_text=_("The published version that addressed this feedback."),
    )
    response = models.TextField(
        blank=True,
        max_length=2000,
        help_text=_("A reply the practitioner will see, such as what was changed."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("practitioner feedback")
        verbose_name_plural = _("practitioner feedback")

    def __str__(self) -> str:
        where = f"{self.page.title}: {self.area_title}" if self.area_title else self.page.title
        return f"{where} ({self.created_at:%d %b %Y})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.addressed_in_id and self.addressed_in.page_id != self.page_id:
            raise ValidationError(
                {"addressed_in": _("Choose a version of the page this feedback is about.")}
            )
        if self.status == FeedbackStatus.ADDRESSED and not self.addressed_in_id:
            raise ValidationError(
                {"addressed_in": _("Choose the version that addressed this feedback.")}
            )

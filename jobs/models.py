"""What the daily jobs remember between runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """The owner was emailed that the agreement's review was due on ``review_date``: once per
    review date, so a new date gets a reminder of its own. Erased with the agreement."""

    agreement = models.ForeignKey(
        "personalised.PersonalisedAgreement",
        on_delete=models.CASCADE,
        related_name="review_reminders",
        verbose_name=_("agreement"),
    )
    review_date = models.DateField(_("review date"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "review_date"], name="one_reminder_per_review_date"
            )
        ]
        verbose_name = _("review reminder")

    def __str__(self) -> str:
        return f"{self.agreement} review {self.review_date}"

"""Review-due reminders: the owner of an agreement whose review date has come is emailed once
for that date. The email does not name the person, in its subject or anywhere else: it gives
the agreement's title (the template's) and a link, behind the sign-in."""

import logging
from datetime import date
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation

from personalised.models import PersonalisedAgreement

from .languages import language_for
from .models import ReviewReminder

logger = logging.getLogger(__name__)


def due_reminders(today: date | None = None):
    """Agreements, not deleted, whose review date has come and whose owner has not been
    reminded of that date."""
    today = today or timezone.localdate()
    reminded = ReviewReminder.objects.filter(
        agreement=OuterRef("pk"), review_date=OuterRef("review_date")
    )
    return (
        PersonalisedAgreement.objects.active()
        .filter(review_date__lte=today)
        .exclude(owner__email="")
        .filter(~Exists(reminded))
        .select_related("owner", "owner__wagtail_userprofile")
        .order_by("pk")
    )


def send_review_reminders(today: date | None = None) -> int:
    """Email each owner whose agreement's review is due; returns how many were sent."""
    sent = 0
    for agreement in due_reminders(today).iterator():
        try:
            with transaction.atomic():
                # Recorded first, in the same transaction: a second run at the same time finds
                # it and sends nothing, and a failure to enqueue undoes it.
                ReviewReminder.objects.create(
                    agreement=agreement, review_date=agreement.review_date
                )
                send_reminder(agreement)
        except IntegrityError:
            continue  # reminded by another run meanwhile
        sent += 1
    logger.info("Review reminders sent: %s", sent)
    return sent


def send_reminder(agreement: PersonalisedAgreement) -> None:
    owner = agreement.owner
    with translation.override(language_for(owner, agreement.language)):
        context = {
            "owner_name": owner.get_full_name() or owner.get_username(),
            "agreement_title": agreement.title,
            "review_date": agreement.review_date,
            "url": urljoin(settings.WAGTAILADMIN_BASE_URL, agreement.get_absolute_url()),
        }
        subject = render_to_string("jobs/email/review_reminder_subject.txt", context)
        body = render_to_string("jobs/email/review_reminder.txt", context)
    send_mail(" ".join(subject.split()), body, None, [owner.email])

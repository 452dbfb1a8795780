"""The daily jobs: erasure of agreements deleted more than 30 days ago, and review-due
reminders, emailed once per review date, never naming the person."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.factories import PractitionerFactory
from jobs.daily import erase_deleted_agreements, send_review_reminders
from jobs.models import ReviewReminder
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import PersonalisedAgreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PractitionerFactory(username="pat", email="pat@example.org", first_name="Pat")


def agreement_due_for_review(owner, days_ago: int = 0) -> PersonalisedAgreement:
    agreement = PersonalisedAgreementFactory(owner=owner)
    agreement.review_date = timezone.localdate() - timedelta(days=days_ago)
    agreement.save(update_fields=["review_date"])
    return agreement


def test_the_owner_is_reminded_once_when_the_review_is_due(owner, email_through_tasks):
    agreement = agreement_due_for_review(owner, days_ago=1)

    result = send_review_reminders.enqueue()

    assert result.return_value == 1
    (message,) = mail.outbox
    assert message.to == ["pat@example.org"]
    assert message.subject == "An agreement is due for review"
    assert "Hello Pat " in message.body
    assert f"http://testserver{agreement.get_absolute_url()}" in message.body
    assert agreement.person_name not in message.subject + message.body
    assert agreement.known_as not in message.subject
    assert ReviewReminder.objects.filter(
        agreement=agreement, review_date=agreement.review_date
    ).exists()

    assert send_review_reminders.enqueue().return_value == 0
    assert len(mail.outbox) == 1


def test_a_new_review_date_gets_a_reminder_of_its_own(owner, email_through_tasks):
    agreement = agreement_due_for_review(owner, days_ago=400)
    send_review_reminders.enqueue()
    agreement.review_date = timezone.localdate()
    agreement.save(update_fields=["review_date"])

    assert send_review_reminders.enqueue().return_value == 1
    assert len(mail.outbox) == 2


def test_no_reminder_before_the_date_for_deleted_agreements_or_without_an_address(
    owner, email_through_tasks
):
    future = agreement_due_for_review(owner, days_ago=-1)
    deleted = agreement_due_for_review(owner)
    deleted.deleted_at = timezone.now()
    deleted.save(update_fields=["deleted_at"])
    agreement_due_for_review(PractitionerFactory(username="no-address", email=""))
    PersonalisedAgreementFactory(owner=owner)  # no review date

    assert send_review_reminders.enqueue().return_value == 0
    assert mail.outbox == []
    assert future.review_reminders.count() == 0


def test_the_reminder_is_in_the_owners_language(owner, email_through_tasks):
    UserProfile.objects.update_or_create(user=owner, defaults={"preferred_language": "cy"})
    agreement = agreement_due_for_review(owner)

    send_review_reminders.enqueue()

    (message,) = mail.outbox
    assert message.subject == "Mae'n bryd adolygu cytundeb"
    assert f"http://testserver/cy/agreements/{agreement.uuid}/" in message.body


def test_agreements_deleted_more_than_30_days_ago_are_erased(owner):
    old = PersonalisedAgreementFactory(owner=owner)
    recent = PersonalisedAgreementFactory(owner=owner)
    PersonalisedAgreement.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=31)
    )
    PersonalisedAgreement.objects.filter(pk=recent.pk).update(
        deleted_at=timezone.now() - timedelta(days=29)
    )

    assert erase_deleted_agreements.enqueue().return_value == 1

    assert not PersonalisedAgreement.objects.filter(pk=old.pk).exists()
    assert PersonalisedAgreement.objects.filter(pk=recent.pk).exists()


def test_run_daily_jobs_runs_both(owner, email_through_tasks, capsys):
    old = PersonalisedAgreementFactory(owner=owner)
    PersonalisedAgreement.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=31)
    )
    agreement_due_for_review(owner)

    call_command("run_daily_jobs")

    assert not PersonalisedAgreement.objects.filter(pk=old.pk).exists()
    assert len(mail.outbox) == 1
    output = capsys.readouterr().out
    assert "erase_deleted_agreements" in output
    assert "send_review_reminders" in output

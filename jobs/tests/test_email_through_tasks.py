"""All outgoing email is enqueued as a task, which delivers it with the real backend and tries
again when the relay fails."""

import logging
import re

import pytest
import redis
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.urls import reverse

from accounts.factories import PractitionerFactory
from jobs import mail as task_mail

pytestmark = pytest.mark.django_db


def test_a_password_reset_email_is_sent_by_the_send_email_task(
    client, email_through_tasks, monkeypatch
):
    PractitionerFactory(username="pat", email="pat@example.org")
    enqueued = []
    real_enqueue = task_mail.enqueue
    monkeypatch.setattr(
        task_mail,
        "enqueue",
        lambda task, *args, **kw: enqueued.append(task) or real_enqueue(task, *args, **kw),
    )

    response = client.post(reverse("password_reset"), {"email": "pat@example.org"})

    assert response.status_code == 302
    assert enqueued == [task_mail.send_email]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pat@example.org"]
    assert "Your username is pat." in mail.outbox[0].body


def test_wagtails_notifications_go_through_the_tasks_too(email_through_tasks, monkeypatch):
    from wagtail.admin.mail import send_mail as wagtail_send_mail

    enqueued = []
    real_enqueue = task_mail.enqueue
    monkeypatch.setattr(
        task_mail,
        "enqueue",
        lambda task, *args, **kw: enqueued.append(task) or real_enqueue(task, *args, **kw),
    )

    wagtail_send_mail(
        "Page submitted", "Plain", ["moderator@example.org"], html_message="<p>HTML</p>"
    )

    assert enqueued == [task_mail.send_email]
    (sent,) = mail.outbox
    assert sent.to == ["moderator@example.org"]
    assert [tuple(alternative) for alternative in sent.alternatives] == [
        ("<p>HTML</p>", "text/html")
    ]


def test_every_part_of_a_message_survives_the_queue(email_through_tasks):
    message = EmailMultiAlternatives(
        subject="Subject ✓",
        body="Plain body",
        from_email="Sender <sender@example.org>",
        to=["to@example.org"],
        cc=["cc@example.org"],
        bcc=["bcc@example.org"],
        reply_to=["reply@example.org"],
        headers={"X-Agreement-Reminder": "1"},
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")

    assert message.send() == 1

    (sent,) = mail.outbox
    assert sent.subject == "Subject ✓"
    assert sent.body == "Plain body"
    assert sent.from_email == "Sender <sender@example.org>"
    assert (sent.to, sent.cc, sent.bcc) == (
        ["to@example.org"],
        ["cc@example.org"],
        ["bcc@example.org"],
    )
    assert sent.reply_to == ["reply@example.org"]
    assert sent.extra_headers == {"X-Agreement-Reminder": "1"}
    assert [tuple(alternative) for alternative in sent.alternatives] == [
        ("<p>HTML body</p>", "text/html")
    ]


def test_a_message_with_an_attachment_is_refused_clearly(email_through_tasks):
    message = EmailMessage("Subject", "Body", to=["to@example.org"])
    message.attach("agreement.txt", "text", "text/plain")

    with pytest.raises(task_mail.AttachmentsNotSupported, match="attachments"):
        message.send()
    assert mail.outbox == []


def test_while_the_queue_is_down_the_email_is_sent_directly(
    email_through_tasks, monkeypatch, caplog
):
    def queue_down(*args, **kwargs):
        raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(task_mail, "enqueue", queue_down)

    with caplog.at_level(logging.WARNING, logger="jobs.mail"):
        sent = mail.send_mail("Subject", "Body", None, ["to@example.org"])

    assert sent == 1
    assert [message.to for message in mail.outbox] == [["to@example.org"]]
    assert "task queue is unavailable (ConnectionError)" in caplog.text


def test_a_failed_delivery_is_tried_again_until_it_succeeds(flaky_relay, caplog):
    flaky_relay.failures = 2

    with caplog.at_level(logging.WARNING, logger="jobs.mail"):
        sent = mail.send_mail("Subject", "Body", None, ["to@example.org"])

    assert sent == 1
    assert flaky_relay.attempts == 3
    assert len(mail.outbox) == 1
    warnings = [record for record in caplog.records if record.name == "jobs.mail"]
    assert [record.levelno for record in warnings] == [logging.WARNING, logging.WARNING]
    assert "attempt 1 of 3" in warnings[0].getMessage()


def test_after_the_last_attempt_the_failure_is_logged_as_an_error(flaky_relay, caplog):
    flaky_relay.failures = 10

    with caplog.at_level(logging.WARNING):
        mail.send_mail("Subject", "Body with a secret link", None, ["to@example.org"])

    assert flaky_relay.attempts == 3
    assert mail.outbox == []
    errors = [
        record
        for record in caplog.records
        if record.name == "jobs.mail" and record.levelno == logging.ERROR
    ]
    assert len(errors) == 1
    assert "after 3 attempts" in errors[0].getMessage()
    assert "SMTPServerDisconnected" in errors[0].getMessage()
    # The task itself fails, which Django's tasks log as an error too.
    assert any(
        record.name == "django_tasks" and "FAILED" in record.getMessage()
        for record in caplog.records
    )
    assert "secret link" not in caplog.text
    assert "to@example.org" not in caplog.text


def test_no_log_holds_the_password_reset_link(client, flaky_relay, caplog):
    PractitionerFactory(username="pat", email="pat@example.org")
    flaky_relay.failures = 1

    with caplog.at_level(logging.DEBUG):
        client.post(reverse("password_reset"), {"email": "pat@example.org"})

    (sent,) = mail.outbox
    link = re.search(r"http://testserver(/\S+)", sent.body).group(1)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert caplog.records  # the tasks and the retry were logged
    assert token not in caplog.text
    assert "pat@example.org" not in caplog.text

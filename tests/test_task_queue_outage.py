"""With RQ as the task queue, Redis down does not fail the request that enqueues a task: a task
for now runs at once, in that request (site/task_backends.py)."""

import logging
from datetime import timedelta
from site.tasks import tasks_settings

import pytest
import redis
from django.core import mail
from django.utils import timezone

from jobs.mail import send_email

# Nothing listens on port 1.
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def queue_down(settings):
    settings.TASKS = tasks_settings("rq", "default")
    settings.TASKS_QUEUE_NAME = "default"
    settings.RQ_QUEUES = {"default": {"URL": CLOSED_PORT_URL}}
    settings.EMAIL_BACKEND = "jobs.mail.TaskEmailBackend"
    settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_task_for_now_runs_at_once_while_the_queue_is_down(queue_down, caplog):
    message = {
        "subject": "Subject",
        "body": "Body",
        "from_email": "from@example.org",
        "to": ["to@example.org"],
    }

    with caplog.at_level(logging.WARNING, logger="site.task_backends"):
        result = send_email.enqueue(mail_data(message))

    assert result.status == "SUCCESSFUL"
    assert [sent.to for sent in mail.outbox] == [["to@example.org"]]
    assert "task queue is unavailable (ConnectionError): running" in caplog.text


def test_a_task_for_later_still_fails_to_enqueue_while_the_queue_is_down(queue_down):
    later = send_email.using(run_after=timezone.now() + timedelta(minutes=5))

    with pytest.raises(redis.RedisError):
        later.enqueue(mail_data({"to": ["to@example.org"]}))
    assert mail.outbox == []


def test_email_asked_for_while_the_queue_is_down_is_sent(queue_down):
    sent = mail.send_mail("Subject", "Body", None, ["to@example.org"])

    assert sent == 1
    assert [message.to for message in mail.outbox] == [["to@example.org"]]


def mail_data(fields: dict) -> dict:
    from django.core.mail import EmailMessage

    from jobs.mail import message_to_data

    return message_to_data(EmailMessage(**fields))

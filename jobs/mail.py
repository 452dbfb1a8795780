"""Email leaves through a task, never inside the request.

``TaskEmailBackend`` is the ``EMAIL_BACKEND``: it turns each message into plain data and
enqueues ``send_email``, which delivers it with the real backend (``TASKS_EMAIL_BACKEND``: the
console in development, SMTP in production). A failed delivery is tried again later,
``TASKS_EMAIL_RETRY_DELAYS`` apart; after the last attempt it is logged as an error (which
reaches ADMINS or Sentry) and the task fails. Nothing here logs a message's body or
recipients: a body may hold a password-reset link.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

from .queue import enqueue

logger = logging.getLogger(__name__)


class AttachmentsNotSupported(ValueError):
    """Attachments would make the queued task large; nothing sends one yet."""


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    """Everything needed to send ``message`` again, as JSON-serialisable data."""
    if message.attachments:
        raise AttachmentsNotSupported(
            "Email with attachments cannot be sent through the task queue yet."
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), str(mimetype)]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "content_subtype": message.content_subtype,
        "encoding": message.encoding,
    }


def message_from_data(data: dict[str, Any], connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
        connection=connection,
    )
    message.content_subtype = data["content_subtype"]
    message.encoding = data["encoding"]
    return message


class TaskEmailBackend(BaseEmailBackend):
    """Enqueues each message as a ``send_email`` task. The request only waits for the queue."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                queued += self._enqueue(message_to_data(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("An email could not be queued or sent")
        return queued

    @staticmethod
    def _enqueue(data: dict[str, Any]) -> int:
        try:
            enqueue(send_email, data)
        except Exception as error:
            # The queue (Redis, with TASKS_BACKEND=rq) is down: send it now, once, rather than
            # fail the request or lose the message.
            logger.warning(
                "The task queue is unavailable (%s): sending an email directly",
                type(error).__name__,
            )
            connection = get_connection(settings.TASKS_EMAIL_BACKEND, fail_silently=False)
            return message_from_data(data, connection=connection).send()
        return 1


def retry_delays() -> list[float]:
    return list(settings.TASKS_EMAIL_RETRY_DELAYS)


@task()
def send_email(message: dict[str, Any], attempt: int = 1) -> int:
    """Deliver one message with ``TASKS_EMAIL_BACKEND``; on failure, enqueue the next attempt
    after a delay, or give up with an error after the last."""
    connection = get_connection(settings.TASKS_EMAIL_BACKEND, fail_silently=False)
    try:
        return message_from_data(message, connection=connection).send()
    except Exception as error:
        delays = retry_delays()
        described = {
            "attempt": attempt,
            "attempts": len(delays) + 1,
            "recipients": len(message["to"]) + len(message["cc"]) + len(message["bcc"]),
            "error": type(error).__name__,
        }
        if attempt <= len(delays):
            delay = delays[attempt - 1]
            logger.warning(
                "Email not sent (attempt %(attempt)s of %(attempts)s, to %(recipients)s "
                "recipient(s)): %(error)s; trying again in %(delay)s s",
                {**described, "delay": delay},
            )
            enqueue(send_email, message, attempt + 1, delay=delay)
            return 0
        logger.error(
            "Email not sent after %(attempts)s attempts (to %(recipients)s recipient(s)): "
            "%(error)s; giving up",
            described,
        )
        raise EmailNotSent(f"gave up after {attempt} attempts") from None


class EmailNotSent(Exception):
    """The last attempt to deliver a message failed (its details are in the error log)."""

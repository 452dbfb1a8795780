"""An email really leaves: through the task and Django's SMTP backend to an SMTP server on
loopback (aiosmtpd, started by the test), which reads what arrived."""

import email
import email.policy
import re
import socket
from contextlib import closing

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from accounts.factories import PractitionerFactory

pytestmark = pytest.mark.django_db

FROM = "Partnership agreements <no-reply@agreements.example>"
# This helper's range of loopback ports.
PORTS = range(8300, 8400)


class Sink:
    """Keeps every message it is handed."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    for port in PORTS:
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8300-8399")


@pytest.fixture
def smtp_sink(settings):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "jobs.mail.TaskEmailBackend"
    settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = FROM
    yield sink
    controller.stop()


def test_a_password_reset_email_reaches_the_smtp_server(client, smtp_sink):
    PractitionerFactory(
        username="pat", email="pat@example.org", first_name="Pat", last_name="Smith"
    )

    response = client.post(reverse("password_reset"), {"email": "pat@example.org"})

    assert response.status_code == 302
    (envelope,) = smtp_sink.envelopes
    assert envelope.rcpt_tos == ["pat@example.org"]
    assert envelope.mail_from == "no-reply@agreements.example"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["From"] == FROM
    assert message["To"] == "pat@example.org"
    assert message["Subject"] == "Reset your password for Partnership agreements"
    body = message.get_content()
    assert "Hello Pat Smith," in body
    assert "Your username is pat." in body
    assert re.search(r"http://testserver/accounts/password-reset/\S+/\S+/", body)

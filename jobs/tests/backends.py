"""Email backends for the tests: one whose relay is down for the first few messages."""

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyRelayBackend(LocmemBackend):
    """Refuses the next ``failures`` messages as an unreachable relay would, then delivers to
    ``mail.outbox``. Counts every attempt."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@contextmanager
def relay_down_at_first(settings) -> Iterator[type[FlakyRelayBackend]]:
    """Task email through ``FlakyRelayBackend``, retried at once, twice; its counts start at
    nought and are reset afterwards, whatever the test left in them. Set ``failures`` on what
    it yields for the relay to refuse that many messages."""
    settings.TASKS_EMAIL_BACKEND = "jobs.tests.backends.FlakyRelayBackend"
    settings.TASKS_EMAIL_RETRY_DELAYS = [0, 0]
    FlakyRelayBackend.failures = FlakyRelayBackend.attempts = 0
    try:
        yield FlakyRelayBackend
    finally:
        FlakyRelayBackend.failures = FlakyRelayBackend.attempts = 0

"""Email backends for the tests: one whose relay is down for the first few messages."""

import smtplib

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

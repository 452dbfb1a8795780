import pytest

from .backends import FlakyRelayBackend

TASK_EMAIL = "jobs.mail.TaskEmailBackend"


@pytest.fixture
def email_through_tasks(settings):
    """Email goes through the task backend (Django's test runner would put it straight in
    mail.outbox), and the task delivers it to mail.outbox."""
    settings.EMAIL_BACKEND = TASK_EMAIL
    settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.fixture
def flaky_relay(email_through_tasks):
    """The relay refuses ``flaky_relay.failures`` messages before it works again."""
    email_through_tasks.TASKS_EMAIL_BACKEND = "jobs.tests.backends.FlakyRelayBackend"
    email_through_tasks.TASKS_EMAIL_RETRY_DELAYS = [0, 0]
    FlakyRelayBackend.failures = 0
    FlakyRelayBackend.attempts = 0
    yield FlakyRelayBackend
    FlakyRelayBackend.failures = 0
    FlakyRelayBackend.attempts = 0

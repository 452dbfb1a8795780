import pytest

from .backends import relay_down_at_first

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
    with relay_down_at_first(email_through_tasks) as relay:
        yield relay

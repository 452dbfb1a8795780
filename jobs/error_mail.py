"""Error reports go straight to the relay, not through the task queue: they must not wait for,
or depend on, the queue whose failures they may be reporting (and a report of a failed send
must not queue another send that fails)."""

from django.conf import settings
from django.core.mail import get_connection
from django.utils.log import AdminEmailHandler


class DirectAdminEmailHandler(AdminEmailHandler):
    def connection(self):
        return get_connection(backend=settings.TASKS_EMAIL_BACKEND, fail_silently=True)

"""The TASKS setting for the chosen backend (TASKS_BACKEND: db, rq or immediate)."""

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    # Tasks wait in the database for `manage.py db_worker`: nothing else to run.
    "db": "django_tasks_db.DatabaseBackend",
    # Tasks wait in Redis for `manage.py rqworker --job-class django_tasks_rq.Job`; while Redis
    # is down, they run at once instead (site/task_backends.py).
    "rq": "site.task_backends.ResilientRQBackend",
    # Tasks run at once, inside the request (the tests).
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def tasks_settings(backend: str, queue_name: str) -> dict:
    if backend not in BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}"
        )
    # Wagtail's own tasks go on "default".
    queues = sorted({"default", queue_name})
    return {"default": {"BACKEND": BACKENDS[backend], "QUEUES": queues}}

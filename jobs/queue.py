"""Enqueueing the project's tasks on the queue the settings name, now or later."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks.base import Task, TaskResult


def enqueue(task: Task, *args: Any, delay: float = 0, **kwargs: Any) -> TaskResult:
    """Enqueue ``task`` on ``TASKS_QUEUE_NAME``, to run ``delay`` seconds from now. A backend
    that cannot defer (the immediate one, in tests) runs it at once."""
    options: dict[str, Any] = {"queue_name": settings.TASKS_QUEUE_NAME}
    if delay and task.get_backend().supports_defer:
        options["run_after"] = timezone.now() + timedelta(seconds=delay)
    return task.using(**options).enqueue(*args, **kwargs)

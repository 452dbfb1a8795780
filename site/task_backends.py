"""RQ as the task queue, without making Redis a single point of failure.

While Redis cannot be reached, a task that should run now runs at once, in the request that
enqueued it (as Django's immediate backend runs it), instead of failing that request: publishing
a page, whose search and reference index updates are tasks, still works, more slowly, and the
outage is logged. A task deferred to later cannot run now, so enqueueing one still fails (its
caller decides: see jobs/mail.py).
"""

import logging

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult
from django_tasks_rq.backend import RQBackend
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRQBackend(RQBackend):
    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self._now = ImmediateBackend(alias, {**params, "QUEUES": sorted(self.queues)})

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        try:
            return super().enqueue(task, args, kwargs)
        except RedisError as error:
            if task.run_after is not None:
                raise
            logger.warning(
                "The task queue is unavailable (%s): running %s now, in this process",
                type(error).__name__,
                task.name,
            )
            return self._now.enqueue(task, args, kwargs)

"""Enqueue the daily jobs (run once a day by cron or a systemd timer: see README)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from jobs.daily import DAILY
from jobs.queue import enqueue


class Command(BaseCommand):
    help = (
        "Enqueue the daily jobs for the task worker: erase agreements deleted more than 30 days "
        "ago, email review-due reminders and recompute every template's evidence for editors. "
        "Also prunes the database backend's finished tasks."
    )

    def handle(self, *args, **options) -> None:
        for job in DAILY:
            result = enqueue(job)
            self.stdout.write(f"Enqueued {job.name} (task {result.id}).")
        if isinstance(task_backends["default"], DatabaseBackend):
            # Finished tasks keep their arguments, such as an email's body, until pruned: a
            # day for those that succeeded, a week for failures (time to look into them).
            call_command(
                "prune_db_task_results",
                queue_name="*",
                min_age_days=1,
                failed_min_age_days=7,
                verbosity=0,
            )

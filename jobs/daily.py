"""The daily jobs, as tasks: `manage.py run_daily_jobs` enqueues them once a day (README says
how to schedule it), and the worker runs them. Each is safe to run again: a second run the same
day does nothing more."""

import logging

from django_tasks import task

from evidence.tasks import compute_evidence
from personalised.deleting.services import erase_due

from . import reminders

logger = logging.getLogger(__name__)


@task()
def erase_deleted_agreements() -> int:
    """Erase the agreements deleted more than 30 days ago; returns how many."""
    report = erase_due()
    logger.info("Deleted agreements erased: %s", report.erased)
    return report.erased


@task()
def send_review_reminders() -> int:
    """Email the owners of agreements whose review is due; returns how many were emailed."""
    return reminders.send_review_reminders()


# Evidence last: agreements erased today are out of it.
DAILY = [erase_deleted_agreements, send_review_reminders, compute_evidence]

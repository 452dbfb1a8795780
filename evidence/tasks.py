"""Computing the evidence in the background: every night with the daily jobs (``jobs.daily``)
and on demand from the admin report, never in a request, since a template may have thousands of
agreements."""

import logging

from django_tasks import task

from agreements.models import TemplatePage
from evidence.computing import compute_and_store
from jobs.queue import enqueue

logger = logging.getLogger(__name__)


@task()
def compute_evidence(template_id: int | None = None) -> int:
    """Recompute the evidence of one template (``template_id``) or, when None, of every
    template; returns how many templates were computed. A template deleted since the task was
    enqueued is skipped."""
    templates = TemplatePage.objects.all().order_by("pk")
    if template_id is not None:
        templates = templates.filter(pk=template_id)
    computed = 0
    for template in templates:
        snapshot = compute_and_store(template)
        logger.info(
            "Evidence computed for template %s: %s agreements",
            template.pk,
            snapshot.agreement_count,
        )
        computed += 1
    return computed


def request_evidence(template: TemplatePage) -> None:
    """Ask for the template's evidence to be recomputed soon (the admin's "Recompute now")."""
    enqueue(compute_evidence, template.pk)

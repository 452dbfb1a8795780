"""The evidence is computed in the background: every template each night with the daily jobs,
and one template on demand from the admin report."""

import pytest
from django.core.management import call_command

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from evidence.models import EvidenceSnapshot
from evidence.tasks import compute_evidence, request_evidence
from jobs.daily import DAILY
from personalised.tests.updating_helpers import fork

pytestmark = pytest.mark.django_db


def test_the_nightly_jobs_compute_every_templates_evidence(capsys):
    first, second = published_template(), published_template()
    fork(first, PractitionerFactory())

    call_command("run_daily_jobs")

    assert compute_evidence in DAILY
    assert "Enqueued compute_evidence" in capsys.readouterr().out
    assert EvidenceSnapshot.objects.get(template=first).agreement_count == 1
    assert EvidenceSnapshot.objects.get(template=second).agreement_count == 0


def test_evidence_requested_for_one_template_computes_that_template_only():
    wanted, other = published_template(), published_template()
    fork(wanted, PractitionerFactory())
    fork(wanted, PractitionerFactory())

    assert request_evidence(wanted) is None

    assert EvidenceSnapshot.objects.get(template=wanted).agreement_count == 2
    assert not EvidenceSnapshot.objects.filter(template=other).exists()


def test_the_task_computes_one_template_or_all_and_skips_a_deleted_one():
    first, second = published_template(), published_template()

    assert compute_evidence.enqueue(first.pk).return_value == 1
    assert compute_evidence.enqueue().return_value == 2
    second.delete()
    assert compute_evidence.enqueue(second.pk).return_value == 0
    assert EvidenceSnapshot.objects.count() == 1

"""The real workers run the queued tasks: the database backend's db_worker, and an RQ worker on
the Redis at 127.0.0.1:6379 (skipped when none is running)."""

import uuid
from datetime import timedelta
from site.tasks import tasks_settings

import pytest
import redis
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

REDIS_URL = "redis://127.0.0.1:6379/0"


def run_db_worker_batch() -> None:
    """What `manage.py db_worker --batch` does: run every task that is ready, then stop."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="jobs-tests",
    ).run()


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = tasks_settings("db", "default")
    yield task_backends["default"]


# The db_worker takes an exclusive transaction of its own, so these tests commit (and put back
# what the migrations made, for the tests after them).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_db_worker_sends_email_that_waited_in_the_database(database_tasks, email_through_tasks):
    mail.send_mail("Subject", "Body", None, ["to@example.org"])

    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "jobs.mail.send_email"
    assert queued.status == TaskResultStatus.READY
    assert mail.outbox == []

    run_db_worker_batch()

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [["to@example.org"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_delivery_is_enqueued_again_for_later(database_tasks, flaky_relay, settings):
    flaky_relay.failures = 1
    settings.TASKS_EMAIL_RETRY_DELAYS = [60, 300]

    mail.send_mail("Subject", "Body", None, ["to@example.org"])
    run_db_worker_batch()

    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.SUCCESSFUL  # it enqueued the retry
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    wait = retry.run_after - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)
    assert mail.outbox == []  # not yet: the worker leaves it until it is due

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_db_worker_batch()

    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def redis_is_running() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def rq_queue():
    """An RQ backend on a queue of this test's own, in the Redis other processes share."""
    if not redis_is_running():
        pytest.skip("no Redis on 127.0.0.1:6379")
    queue_name = f"jobs-tests-{uuid.uuid4().hex}"
    with override_settings(
        TASKS=tasks_settings("rq", queue_name),
        TASKS_QUEUE_NAME=queue_name,
        RQ_QUEUES={queue_name: {"URL": REDIS_URL}, "default": {"URL": REDIS_URL}},
    ):
        import django_rq

        queue = django_rq.get_queue(queue_name)
        try:
            yield queue
        finally:
            for job_id in queue.scheduled_job_registry.get_job_ids():
                queue.scheduled_job_registry.remove(job_id, delete_job=True)
            queue.delete(delete_jobs=True)
            # Finished jobs expire by themselves; their registry does not.
            queue.connection.delete(queue.finished_job_registry.key)


def run_rq_worker_burst(queue) -> None:
    """What production runs, in burst mode (stop when the queue is empty), and without forking,
    so that the message reaches this process's mail.outbox."""
    call_command(
        "rqworker",
        queue.name,
        burst=True,
        with_scheduler=True,
        job_class="django_tasks_rq.Job",
        worker_class="rq.worker.SimpleWorker",
        verbosity=0,
    )


def test_an_rq_worker_sends_email_that_waited_in_redis(rq_queue, email_through_tasks):
    mail.send_mail("Subject", "Body", None, ["to@example.org"])

    assert rq_queue.count == 1
    assert mail.outbox == []

    run_rq_worker_burst(rq_queue)

    assert rq_queue.count == 0
    assert [message.to for message in mail.outbox] == [["to@example.org"]]


def test_on_rq_a_failed_delivery_is_scheduled_again_for_later(rq_queue, flaky_relay, settings):
    flaky_relay.failures = 1
    settings.TASKS_EMAIL_RETRY_DELAYS = [60]

    mail.send_mail("Subject", "Body", None, ["to@example.org"])
    run_rq_worker_burst(rq_queue)

    assert flaky_relay.attempts == 1
    assert mail.outbox == []
    (retry_id,) = rq_queue.scheduled_job_registry.get_job_ids()
    due = rq_queue.scheduled_job_registry.get_scheduled_time(retry_id)
    wait = due - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)

    # When it is due, the scheduler moves it to the queue and a worker sends it.
    rq_queue.enqueue_job(rq_queue.fetch_job(retry_id))
    rq_queue.scheduled_job_registry.remove(retry_id)
    run_rq_worker_burst(rq_queue)

    assert flaky_relay.attempts == 2
    assert [message.to for message in mail.outbox] == [["to@example.org"]]

"""SQLite, the embedded default, lets two editors save at once: the second waits for the first
instead of failing with "database is locked" (issue 14)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[1]

# One "worker": Django with the project's settings and DATABASE_URL naming a file database. Once
# both workers are ready it reads, holds its transaction open a moment, then writes, as a page
# save does (read the page, then write the revision).
WORKER = """
import os, sys, time
import django
django.setup()
from django.db import connection, transaction
ready, go, body = sys.argv[1:4]
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.01)
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        time.sleep(0.5)
        cursor.execute("INSERT INTO note (body) VALUES (%s)", [body])
"""


def _worker_environment(database: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="site.settings.test")
    return env


# Its workers use a SQLite file of their own, whichever database the suite runs on.
@pytest.mark.one_database
def test_two_workers_writing_to_one_sqlite_file_at_once_both_succeed(tmp_path):
    import sqlite3

    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(  # noqa: S603 our own interpreter and script
            [sys.executable, "-c", WORKER, str(tmp_path / f"ready-{n}"), str(go), f"note {n}"],
            cwd=PROJECT,
            env=_worker_environment(database),
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):
        assert time.monotonic() < deadline, "the workers did not start"
        assert all(worker.poll() is None for worker in workers), "a worker failed to start"
        time.sleep(0.05)
    go.touch()

    errors = [worker.communicate(timeout=60)[1] for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], errors
    with sqlite3.connect(database) as check:
        bodies = sorted(row[0] for row in check.execute("SELECT body FROM note"))
    assert bodies == ["note 1", "note 2"]


def test_a_sqlite_database_waits_for_the_lock_in_wal_mode_with_immediate_transactions():
    from site.database import database_from_url

    options = database_from_url("sqlite:////tmp/anywhere.sqlite3")["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "PRAGMA journal_mode=WAL" in options["init_command"]


def test_postgresql_gets_no_sqlite_options():
    from site.database import database_from_url

    config = database_from_url("postgres://postgres@127.0.0.1:5432/anything")

    assert "transaction_mode" not in config.get("OPTIONS", {})


def test_the_settings_configure_the_database_with_these_options():
    from site.database import database_from_url

    expected = database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))

    assert settings.DATABASES["default"].get("OPTIONS", {}) == expected.get("OPTIONS", {})


# One editor in the Wagtail admin: signs in, and once both are ready posts the page's edit form
# with "Publish" and a change note.
EDITOR = """
import json, os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
ready, go, url, form = sys.argv[1:5]
client = Client(raise_request_exception=False)
client.force_login(get_user_model().objects.get(username="admin"))
data = json.loads(open(form).read())
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.01)
print(client.post(url, data).status_code)
"""


def publish_form(page, change_note: str) -> dict:
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    from agreements.tests.forms import block_form_data

    page = page.get_latest_revision_as_object()
    return nested_form_data(
        {
            "title": f"{page.title} (revised)",
            "slug": page.slug,
            "maturity": page.maturity,
            "provenance": page.provenance,
            "intro": rich_text(page.intro),
            "parties": block_form_data(page.parties.stream_block, page.parties),
            "body": block_form_data(page.body.stream_block, page.body),
            "change_note": change_note,
            "action-publish": "action-publish",
        }
    )


# Committed data, for the editors' processes to copy; serialized_rollback restores what a
# transactional test before this one flushed (Wagtail's root page among it).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_publishing_at_once_in_the_admin_both_keep_their_change_notes(
    seeded_site, tmp_path, django_user_model
):
    import json
    import sqlite3

    from django.db import connection
    from django.urls import reverse

    from agreements.models import TemplatePage
    from agreements.seed_content import isf, partnering

    if connection.vendor != "sqlite":
        pytest.skip("about SQLite's locking; PostgreSQL locks rows")
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password")
    pages = [TemplatePage.objects.get(slug=slug) for slug in (isf.SLUG, partnering.SLUG)]
    notes = ["Revised the ISF after the pilot.", "Revised the partnering agreement."]
    # The migrated, seeded test database, copied to a file the two editors' processes share.
    database = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    go = tmp_path / "go"
    editors = []
    for n, (page, note) in enumerate(zip(pages, notes, strict=True)):
        form = tmp_path / f"form-{n}.json"
        form.write_text(json.dumps(publish_form(page, note)))
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        editors.append(
            subprocess.Popen(  # noqa: S603 our own interpreter and script
                [sys.executable, "-c", EDITOR, str(tmp_path / f"ready-{n}"), str(go), url, form],
                cwd=PROJECT,
                env=_worker_environment(database),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{n}").exists() for n in (0, 1)):
        assert time.monotonic() < deadline, "the editors did not start"
        assert all(editor.poll() is None for editor in editors), "an editor failed to start"
        time.sleep(0.05)
    go.touch()

    outcomes = [editor.communicate(timeout=120) for editor in editors]

    assert [stdout.strip() for stdout, _ in outcomes] == ["302", "302"], outcomes
    with sqlite3.connect(database) as check:
        saved = {row[0] for row in check.execute("SELECT change_note FROM agreements_pageversion")}
    assert set(notes) <= saved

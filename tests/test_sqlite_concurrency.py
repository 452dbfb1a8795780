"""SQLite, the embedded default, lets two editors save at once: the second waits for the first
instead of failing with "database is locked" (issue 14)."""

import os
import subprocess
import sys
import time
from pathlib import Path

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

"""Make the migration test's fixture: a database built by today's main (commit a53b0d0), with
what it reads as, for tests/test_migrating_from_main.py.

    .venv/bin/python tests/migration_fixture/build.py [--postgres postgres://.../DBNAME]

Exports a53b0d0 with ``git archive`` into a temporary folder, runs populate.py there with that
checkout's own code (see tree.py for why the venv python must be started with -S), records
what the database reads as with record.py, and writes here, gzipped: the SQLite file
(``main.sqlite3.gz``) and its record (``main.sqlite3.json.gz``); with --postgres, also a plain
SQL dump of that database (``main.postgresql.sql.gz``) and its record. Run it again only to
change what the fixture holds: it is the past, and stays as it was made.
"""

import argparse
import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tree

MAIN = "a53b0d0"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def in_checkout(checkout: Path, script: str, *args: str, database_url: str) -> None:
    argv, env = tree.command(checkout, HERE / script, *args)
    env = {
        **os.environ,
        **env,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "site.settings.dev",
    }
    subprocess.run(argv, cwd=checkout, env=env, check=True)


def gzip_to(source: Path, target: Path) -> None:
    with source.open("rb") as raw, gzip.GzipFile(target, "wb", mtime=0) as packed:
        shutil.copyfileobj(raw, packed)


def build(database_url: str, work: Path, checkout: Path) -> Path:
    in_checkout(checkout, "populate.py", database_url=database_url)
    record = work / "record.json"
    in_checkout(checkout, "record.py", str(record), database_url=database_url)
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="an empty PostgreSQL database's URL to build in too")
    parser.add_argument("--no-sqlite", action="store_true", help="keep the SQLite fixture as it is")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        checkout = work / "main"
        checkout.mkdir()
        archive = subprocess.run(
            ["git", "archive", MAIN], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True)

        if not options.no_sqlite:
            database = work / "main.sqlite3"
            record = build(f"sqlite:///{database}", work, checkout)
            # The site runs SQLite in WAL mode: fold the log into the file before copying it.
            with sqlite3.connect(database) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.execute("PRAGMA journal_mode=DELETE")
            gzip_to(database, HERE / "main.sqlite3.gz")
            gzip_to(record, HERE / "main.sqlite3.json.gz")

        if options.postgres:
            record = build(options.postgres, work, checkout)
            dump = work / "main.sql"
            subprocess.run(
                ["pg_dump", "--no-owner", "--no-privileges", "-f", str(dump), options.postgres],
                check=True,
            )
            gzip_to(dump, HERE / "main.postgresql.sql.gz")
            gzip_to(record, HERE / "main.postgresql.json.gz")


if __name__ == "__main__":
    main()

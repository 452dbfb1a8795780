"""`make backup` and `make restore` (scripts/backup, scripts/restore): a site backed up with the
real scripts and restored into an empty database has every page in every language, every
personalised agreement with every revision, and the media file byte for byte (issue 14).

Runs on the database this test run uses: SQLite files of its own in the SQLite run, and two
PostgreSQL databases of its own (``<name>_backup_src``, ``<name>_backup_restore``) on the same
server in the PostgreSQL run.
"""

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from backups.manifest import Manifest, sha256_of
from tests.backup_site import MEDIA_BYTES

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = str(PROJECT / ".venv" / "bin" / "python")


class Databases:
    """The source and the restore target, as URLs, created empty and dropped afterwards."""

    def __init__(self, tmp_path: Path):
        config = settings.DATABASES["default"]
        self.postgresql = config["ENGINE"].endswith("postgresql")
        if not self.postgresql:
            self.source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
            self.target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
            return
        self.config = config
        base = str(config["NAME"]).removeprefix("test_")
        self.names = [f"{base}_backup_src", f"{base}_backup_restore"]
        self.source, self.target = (self._url(name) for name in self.names)
        self._each("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._each("CREATE DATABASE {}")

    def drop(self) -> None:
        if self.postgresql:
            self._each("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def _url(self, name: str) -> str:
        config = self.config
        credentials = quote(config.get("USER") or "", safe="")
        if config.get("PASSWORD"):
            credentials += ":" + quote(config["PASSWORD"], safe="")
        host = config.get("HOST") or "127.0.0.1"
        port = f":{config['PORT']}" if config.get("PORT") else ""
        return f"postgres://{credentials}@{host}{port}/{name}"

    def _each(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        config = self.config
        parameters = {
            "dbname": "postgres",
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
        }
        with psycopg.connect(
            **{key: value for key, value in parameters.items() if value}, autocommit=True
        ) as connection:
            for name in self.names:
                connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


@pytest.fixture
def databases(tmp_path):
    found = Databases(tmp_path)
    yield found
    found.drop()


def run(
    command: list[str], database_url: str, media_root: Path, **extra
) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="site.settings.test",
        **extra,
    )
    return subprocess.run(  # noqa: S603 our own scripts and interpreter
        command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=900
    )


def succeed(command: list[str], database_url: str, media_root: Path, **extra) -> str:
    result = run(command, database_url, media_root, **extra)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def manage(*arguments: str) -> list[str]:
    return [PYTHON, "manage.py", *arguments]


def fingerprint(database_url: str, media_root: Path) -> dict:
    output = succeed(
        manage("shell", "-c", "from tests.backup_site import fingerprint; fingerprint()"),
        database_url,
        media_root,
    )
    return json.loads(output.strip().splitlines()[-1])


def test_a_backup_restored_into_an_empty_database_has_every_page_agreement_and_media_file(
    databases, tmp_path
):
    source_media, restored_media = tmp_path / "media-source", tmp_path / "media-restored"
    succeed(manage("migrate", "--no-input"), databases.source, source_media)
    succeed(
        manage("shell", "-c", "from tests.backup_site import build; build()"),
        databases.source,
        source_media,
    )
    before = fingerprint(databases.source, source_media)

    backup_output = succeed(
        ["scripts/backup", str(tmp_path / "backups")], databases.source, source_media
    )
    folder = Path(backup_output.strip().splitlines()[-1])
    manifest = Manifest.read(folder)
    assert {part.kind for part in manifest.parts} == {"database", "media"}
    for part in manifest.parts:
        assert sha256_of(folder / part.name) == part.sha256
    assert manifest.database["engine"] == ("postgresql" if databases.postgresql else "sqlite")
    assert manifest.media_files == 1
    assert not list((tmp_path / "backups").glob(".*partial")), "no half-written backup is left"

    restore_output = succeed(["scripts/restore", str(folder)], databases.target, restored_media)
    assert "sizes and SHA-256 match the manifest" in restore_output
    assert "Restored into" in restore_output
    assert "Restored 1 media file(s)" in restore_output
    after = fingerprint(databases.target, restored_media)

    assert after == before
    # What was compared is the whole site, not an empty one.
    served = [page for page in after["pages"] if page["status"] is not None]
    assert {page["locale"] for page in served} == {"en-gb", "cy", "pl", "ur"}
    assert all(page["status"] == 200 for page in served), [
        page for page in served if page["status"] != 200
    ]
    assert any(page["url"].startswith("/cy/") for page in served)
    assert len(after["agreements"]) == 3
    assert sorted(len(agreement["revisions"]) for agreement in after["agreements"]) == [2, 3, 4]
    [document] = after["documents"]
    restored_file = restored_media / document["file"]
    assert restored_file.read_bytes() == MEDIA_BYTES


def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_backup(databases, tmp_path):
    media_root = tmp_path / "media"
    succeed(manage("migrate", "--no-input"), databases.source, media_root)
    backup_output = succeed(
        ["scripts/backup", str(tmp_path / "backups")], databases.source, media_root
    )
    folder = Path(backup_output.strip().splitlines()[-1])

    refused = run(["scripts/restore", str(folder)], databases.source, media_root)
    assert refused.returncode != 0
    assert "is not empty. Nothing was restored" in refused.stderr

    # Told to, it replaces everything in it.
    replaced = succeed(["scripts/restore", str(folder)], databases.source, media_root, FORCE="1")
    assert "Replaced everything in" in replaced
    assert table_count(databases.source, media_root) > 10

    database_part = folder / Manifest.read(folder).part("database").name
    damaged = bytearray(database_part.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    database_part.write_bytes(bytes(damaged))
    refused = run(["scripts/restore", str(folder)], databases.target, media_root, FORCE="1")
    assert refused.returncode != 0
    assert "does not match its SHA-256" in refused.stderr
    # Checked before anything was touched: the empty target is still empty.
    assert table_count(databases.target, media_root) == 0


def table_count(database_url: str, media_root: Path) -> int:
    output = succeed(
        manage(
            "shell",
            "-c",
            "from django.db import connection; print(len(connection.introspection.table_names()))",
        ),
        database_url,
        media_root,
    )
    return int(output.strip().splitlines()[-1])

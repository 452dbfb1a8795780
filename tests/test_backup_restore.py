"""`make backup` and `make restore` (scripts/backup, scripts/restore): a site backed up with the
real scripts and restored into an empty database has every page in every language, every
personalised agreement with every revision, and the media file byte for byte (issue 14).

Runs on the database this test run uses: SQLite files of its own in the SQLite run, and
PostgreSQL databases of its own (``<name>_backup_src``, ``_restore`` and ``_empty``) on the same
server in the PostgreSQL run. The site is built and backed up once for the module.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from backups.manifest import Manifest, sha256_of
from tests.backup_site import MEDIA_BYTES

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = str(PROJECT / ".venv" / "bin" / "python")


class Databases:
    """The source, the restore target and one that stays empty, as URLs; created empty, dropped
    afterwards."""

    def __init__(self, folder: Path):
        config = settings.DATABASES["default"]
        self.postgresql = config["ENGINE"].endswith("postgresql")
        if not self.postgresql:
            self.source, self.target, self.empty = (
                f"sqlite:///{folder / name}.sqlite3" for name in ("source", "restored", "empty")
            )
            return
        self.config = config
        base = str(config["NAME"]).removeprefix("test_")
        self.names = [f"{base}_backup_{role}" for role in ("src", "restore", "empty")]
        self.source, self.target, self.empty = (self._url(name) for name in self.names)
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


@dataclass
class BackedUpSite:
    databases: Databases
    folder: Path  # where this module's files go
    source_media: Path
    fingerprint: dict  # of the source, when it was backed up
    backup: Path


@pytest.fixture(scope="module")
def backed_up_site(tmp_path_factory):
    """A site built in a database of its own (the seed content in every language, personalised
    agreements with revisions, a document) and backed up with scripts/backup."""
    folder = tmp_path_factory.mktemp("backup-restore")
    databases = Databases(folder)
    try:
        source_media = folder / "media-source"
        built = succeed(
            manage(
                "shell",
                "-c",
                "from tests.backup_site import migrate_build_and_fingerprint; "
                "migrate_build_and_fingerprint()",
            ),
            databases.source,
            source_media,
        )
        before = json.loads(built.strip().splitlines()[-1])
        output = succeed(
            ["scripts/backup", str(folder / "backups")], databases.source, source_media
        )
        backup = Path(output.strip().splitlines()[-1])
        yield BackedUpSite(databases, folder, source_media, before, backup)
    finally:
        databases.drop()


def test_a_backup_restored_into_an_empty_database_has_every_page_agreement_and_media_file(
    backed_up_site,
):
    site = backed_up_site
    databases, folder = site.databases, site.backup
    manifest = Manifest.read(folder)
    assert {part.kind for part in manifest.parts} == {"database", "media"}
    for part in manifest.parts:
        assert sha256_of(folder / part.name) == part.sha256
    assert manifest.database["engine"] == ("postgresql" if databases.postgresql else "sqlite")
    # The uploaded document, and the easy read's pictures (with their renditions) the seed loads.
    media_count = sum(1 for path in site.source_media.rglob("*") if path.is_file())
    assert media_count > 1
    assert manifest.media_files == media_count
    assert not list(folder.parent.glob(".*partial")), "no half-written backup is left"

    restored_media = site.folder / "media-restored"
    restore_output = succeed(["scripts/restore", str(folder)], databases.target, restored_media)
    assert "sizes and SHA-256 match the manifest" in restore_output
    assert "Restored into" in restore_output
    assert f"Restored {media_count} media file(s)" in restore_output
    after = fingerprint(databases.target, restored_media)

    assert after == site.fingerprint
    # What was compared is the whole site, not an empty one.
    served = [page for page in after["pages"] if page["status"] is not None]
    assert {page["locale"] for page in served} == {"en-gb", "cy", "pl", "ur"}
    assert all(page["status"] == 200 for page in served), [
        page for page in served if page["status"] != 200
    ]
    assert any(page["url"].startswith("/cy/") for page in served)
    assert len(after["agreements"]) == 3
    assert sorted(len(agreement["revisions"]) for agreement in after["agreements"]) == [2, 3, 4]
    assert after["images"], "the easy read's pictures were backed up and restored"
    [document] = after["documents"]
    assert (restored_media / document["file"]).read_bytes() == MEDIA_BYTES


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(backed_up_site):
    site = backed_up_site
    source, media_root = site.databases.source, site.source_media

    refused = run(["scripts/restore", str(site.backup)], source, media_root)
    assert refused.returncode != 0
    assert "is not empty. Nothing was restored" in refused.stderr

    # Told to, it replaces everything in it (here with the same site, as it was backed up).
    replaced = succeed(["scripts/restore", str(site.backup)], source, media_root, FORCE="1")
    assert "Replaced everything in" in replaced
    assert table_count(source, media_root) > 10


def test_restore_refuses_a_damaged_backup_before_touching_anything(backed_up_site):
    site = backed_up_site
    damaged = site.folder / "damaged"
    shutil.copytree(site.backup, damaged)
    database_part = damaged / Manifest.read(damaged).part("database").name
    content = bytearray(database_part.read_bytes())
    content[len(content) // 2] ^= 0xFF
    database_part.write_bytes(bytes(content))
    media_root = site.folder / "media-damaged"

    refused = run(["scripts/restore", str(damaged)], site.databases.empty, media_root, FORCE="1")

    assert refused.returncode != 0
    assert "does not match its SHA-256" in refused.stderr
    assert not media_root.exists()
    assert table_count(site.databases.empty, media_root) == 0

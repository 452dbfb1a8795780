"""Restoring a backup into the configured database and media folder.

Everything is checked before anything is changed: the checksums, that the backup is of the
same kind of database, that the database is empty and no media file would be overwritten
(unless ``replace``)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

from . import databases, media
from .manifest import BackupError, Manifest


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    database: str  # where it went, without any password
    replaced_database: bool
    media_root: Path
    media_files: int


def restore_backup(folder: Path, *, replace: bool = False) -> Restored:
    manifest = Manifest.read(folder)
    manifest.verify(folder)

    config = settings.DATABASES["default"]
    target = databases.describe(config)
    if manifest.database["engine"] != target["engine"]:
        raise BackupError(
            f"The backup is of a {manifest.database['engine']} database; DATABASE_URL names a "
            f"{target['engine']} one. Nothing was restored."
        )
    # Django's own connection must not hold the database open while it is replaced.
    connections.close_all()
    empty = databases.is_empty(config)
    if not empty and not replace:
        raise BackupError(
            f"The database {_where(target)} is not empty. Nothing was restored. Restore into an "
            "empty database, or replace everything in this one with FORCE=1 (--force)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_part = folder / manifest.part("media").name
    clashes = media.conflicts(media_part, media_root)
    if clashes and not replace:
        raise BackupError(
            f"{len(clashes)} file(s) in {media_root} differ from the backup's "
            f"(first: {clashes[0]}). Nothing was restored. Use FORCE=1 (--force) to overwrite them."
        )

    databases.restore(config, folder / manifest.part("database").name, replace=not empty)
    media_files = media.extract(media_part, media_root)
    return Restored(
        manifest=manifest,
        database=_where(target),
        replaced_database=not empty,
        media_root=media_root,
        media_files=media_files,
    )


def _where(description: dict[str, str]) -> str:
    if description["engine"] == databases.SQLITE:
        return f"SQLite {description['name']}"
    host = description["host"] or "local socket"
    port = f":{description['port']}" if description["port"] else ""
    return f"PostgreSQL {description['name']} on {host}{port}"

"""Making a backup: the database and the media folder into one timestamped folder with a
manifest. The folder gets its final name only when every part is written, so an interrupted
backup never looks like a complete one."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from . import databases, media
from .manifest import BackupError, Manifest, part_for


def make_backup(destination: Path, *, now: datetime | None = None) -> tuple[Path, Manifest]:
    config = settings.DATABASES["default"]
    now = now or datetime.now(UTC)
    folder = destination / f"backup-{now:%Y%m%dT%H%M%SZ}"
    if folder.exists():
        raise BackupError(f"{folder} already exists: nothing was written.")
    partial = destination / f".{folder.name}.partial"
    partial.mkdir(parents=True)

    database_file = partial / databases.dump_file_name(config)
    databases.dump(config, database_file)
    media_file = partial / "media.tar"
    media_count = media.archive(Path(settings.MEDIA_ROOT), media_file)

    manifest = Manifest(
        created_at=now.isoformat(timespec="seconds"),
        database=databases.describe(config),
        parts=[part_for(database_file, "database"), part_for(media_file, "media")],
        media_files=media_count,
    )
    manifest.write(partial)
    partial.rename(folder)
    return folder, manifest

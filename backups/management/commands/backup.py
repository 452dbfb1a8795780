from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.making import make_backup
from backups.manifest import BackupError


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and the media folder into "
        "one timestamped folder with a manifest of sizes and SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", nargs="?", default="var/backups", help="Folder to create the backup in."
        )

    def handle(self, destination: str, **options) -> None:
        try:
            folder, manifest = make_backup(Path(destination))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {manifest.database['engine']} database {manifest.database['name']} "
            f"and {manifest.media_files} media file(s) at {manifest.created_at}."
        )
        for part in manifest.parts:
            self.stdout.write(f"  {part.name}: {part.size} bytes, sha256 {part.sha256}")
        self.stdout.write(str(folder))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.manifest import BackupError
from backups.restoring import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the database DATABASE_URL names and "
        "the media folder, after checking its checksums. Refuses a database that is not empty "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (var/backups/backup-<time>).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that is not empty, and overwrite media files.",
        )

    def handle(self, backup: str, force: bool, **options) -> None:
        try:
            restored = restore_backup(Path(backup), replace=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        self.stdout.write(
            f"Checked {len(manifest.parts)} part(s) of the backup made at "
            f"{manifest.created_at}: sizes and SHA-256 match the manifest."
        )
        action = "Replaced everything in" if restored.replaced_database else "Restored into"
        self.stdout.write(
            f"{action} {restored.database}, from {manifest.database['engine']} "
            f"database {manifest.database['name']}."
        )
        self.stdout.write(
            f"Restored {restored.media_files} media file(s) into {restored.media_root}."
        )
        self.stdout.write("If this code is newer than the backup, run `manage.py migrate` next.")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements.easy_read_pictures import OPENMOJI_COLLECTION
from seeding.easy_read_pictures import load_easy_read_pictures, openmoji_directory


class Command(BaseCommand):
    help = (
        f"Import the easy-read starter pictures (OpenMoji symbols, CC BY-SA 4.0) into the "
        f"image collection “{OPENMOJI_COLLECTION}”. Safe to run again: it only adds the "
        f"pictures missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            help="The folder of OpenMoji colour SVGs (default: node_modules/openmoji/color/svg).",
        )

    def handle(self, *args, source: Path | None = None, **options):
        source = source or openmoji_directory()
        if not source.is_dir():
            raise CommandError(
                f"No OpenMoji symbols at {source}: run `make install` (npm ci installs them)."
            )
        report = load_easy_read_pictures(source)
        for title in report.created:
            self.stdout.write(self.style.SUCCESS(f"Imported: {title}"))
        if report.present:
            self.stdout.write(f"Already present, left as they are: {len(report.present)}")
        for title in report.missing:
            self.stderr.write(f"Not found in {source}: {title}")

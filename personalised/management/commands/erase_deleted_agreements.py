"""Erase personalised agreements deleted more than 30 days ago (run daily by a scheduler)."""

from django.core.management.base import BaseCommand

from personalised.deleting.services import erase_due


class Command(BaseCommand):
    help = (
        "Erase personalised agreements that were deleted longer ago than the restore period: "
        "the agreement, its revisions, the parties' agreements and its shares."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the agreements that would be erased; erase nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        report = erase_due(dry_run=dry_run)
        if report.dry_run:
            self.stdout.write(f"{report.erased} deleted agreement(s) would be erased.")
        else:
            self.stdout.write(f"Erased {report.erased} deleted agreement(s).")

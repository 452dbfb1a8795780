from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts.practitioners import (
    DEMO_ACCOUNTS,
    PRACTITIONERS,
    MissingGroupError,
    ensure_demo_accounts,
)


class Command(BaseCommand):
    help = (
        "Create the demo accounts (an editor, a moderator and two practitioners) with fixed, "
        "published passwords, and print them. Safe to run again: it creates only what is "
        "missing. Refuses to run unless DEBUG is on, or --force is given, because accounts with "
        "known passwords must never reach production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never do this on a production database.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with known passwords while DEBUG is off. "
                "They are for a developer's machine only; pass --force if you are sure this "
                "is not production."
            )
        try:
            report = ensure_demo_accounts()
        except MissingGroupError as error:
            raise CommandError(str(error)) from error

        for account in report.created:
            self.stdout.write(self.style.SUCCESS(f"Created demo account: {account.username}"))
        for account in report.repaired:
            self.stdout.write(
                self.style.WARNING(f"Reset demo account to its published state: {account.username}")
            )
        for account in report.present:
            self.stdout.write(f"Already present, left as it is: {account.username}")

        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home")
        self.stdout.write("")
        self.stdout.write("Demo accounts (development only; the passwords are public):")
        width = max(len(account.username) for account in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            if account.group == PRACTITIONERS:
                where = "no Wagtail admin access"
            else:
                where = f"sign in at {admin_url}"
            self.stdout.write(
                f"  {account.username:<{width}}  password: {account.password:<28}  "
                f"{account.group} group; {where}"
            )

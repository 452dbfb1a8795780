from django.core.management.base import BaseCommand

from seeding.loader import load_seed_content


class Command(BaseCommand):
    help = (
        "Publish the seed content (home page, indexes, the ISF Partnership Agreement, the Suffolk "
        "Partnering Agreement and the ISF guidance). Safe to run again: it only adds what is "
        "missing and never changes existing pages."
    )

    def handle(self, *args, **options):
        report = load_seed_content()
        for title in report.created:
            self.stdout.write(self.style.SUCCESS(f"Published: {title}"))
        for title in report.present:
            self.stdout.write(f"Already present, left as it is: {title}")

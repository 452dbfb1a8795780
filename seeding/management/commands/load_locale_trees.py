from django.core.management.base import BaseCommand

from agreements.translation import ensure_locale_trees


class Command(BaseCommand):
    help = (
        "Give Welsh, Polish and Urdu a page for every English page (an alias showing the "
        "English until it is translated) and keep new English pages mirrored. Run after "
        "load_seed_content. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        created = ensure_locale_trees()
        self.stdout.write(self.style.SUCCESS(f"Pages added to other languages' trees: {created}"))

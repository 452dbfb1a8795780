"""Create the Wagtail locales for the languages the site is translated into.

English (UK) is the source locale, which Wagtail's own migrations create from LANGUAGE_CODE.
Welsh, Polish and Urdu are added here so that every database (not only a seeded one) can hold
translations. Removing a locale would delete its pages, so the reverse leaves them alone.
"""

from django.db import migrations

TRANSLATION_LANGUAGES = ["cy", "pl", "ur"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in TRANSLATION_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_versions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
    ]

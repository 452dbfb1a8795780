"""Templates that write the person as _____ declare it as their person's-name blank (key
"name"), on live content and every revision, in every locale; bodies are left as they are."""

from django.db import migrations

from agreements.person_blank_declaration import declare_on_pages_and_revisions


def declare(apps, schema_editor):
    declare_on_pages_and_revisions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0016_template_blanks_and_blank_marker_help"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(declare, migrations.RunPython.noop)]

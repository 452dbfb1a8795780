"""Signatories keep what they printed (numbered as a clause, "Signed on behalf of" and
"(Duly Authorised Signatory)" in each page's language), and the Suffolk agreement gets its own
clause numbers back (Termination 8, Aims and Objectives 13, Signatories 18 with 17 a visible
gap), on every template page in every locale and every revision. Pages that do not match are
left alone; a database without the seed pages has nothing to change."""

from django.db import migrations

from agreements.content_upgrades import upgrade_template_pages


def upgrade(apps, schema_editor):
    upgrade_template_pages(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0018_clause_numbers_and_signatures"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(upgrade, migrations.RunPython.noop)]

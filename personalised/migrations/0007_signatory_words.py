"""Signatories in personalised agreements (bodies and revisions) keep what they printed:
numbered as a clause, "Signed on behalf of" and "(Duly Authorised Signatory)" in the
agreement's language. Their structure and numbers are not changed."""

from django.db import migrations

from agreements.content_upgrades import upgrade_agreements


def upgrade(apps, schema_editor):
    upgrade_agreements(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("personalised", "0006_clause_numbers_and_signatures"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(upgrade, migrations.RunPython.noop)]

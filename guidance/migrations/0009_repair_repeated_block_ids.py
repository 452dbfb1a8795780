"""Give repeated block and list-item ids in guidance pages (live content and revisions) fresh
uuids; the first occurrence keeps its id."""

from django.db import migrations

from agreements.id_repair import repair_pages_and_revisions


def repair(apps, schema_editor):
    repair_pages_and_revisions(apps, "guidance", "GuidancePage", "body")


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0008_body_fresh_list_ids_and_stated_limits"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]

"""Create the Practitioners group.

Practitioners fork templates into private personalised agreements. They are a group of their own,
distinct from Wagtail's Editors and Moderators, and get no Wagtail admin access: the group starts
with no permissions at all.
"""

from django.db import migrations

PRACTITIONERS = "Practitioners"


def create_practitioners_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=PRACTITIONERS)


def remove_practitioners_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=PRACTITIONERS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_practitioners_group, remove_practitioners_group),
    ]

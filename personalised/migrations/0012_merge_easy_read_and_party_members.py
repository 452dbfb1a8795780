"""Joins the easy-read branch's body migration and the party members' migrations (made apart).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("personalised", "0010_body_easy_read"),
        ("personalised", "0011_members_from_party_names"),
    ]

    operations = []

"""The fixed three parties' fields go, now that 0003 has copied them into each agreement's
``parties`` (rows and revisions). A migration of its own: PostgreSQL refuses to alter a table in
the transaction that has just updated its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("personalised", "0003_agreement_parties"),
    ]

    operations = [
        migrations.RemoveField(model_name="personalisedagreement", name="family_members"),
        migrations.RemoveField(model_name="personalisedagreement", name="local_authority"),
        migrations.RemoveField(model_name="personalisedagreement", name="provider"),
        migrations.AlterField(
            model_name="partyconsent",
            name="party",
            field=models.CharField(max_length=50, verbose_name="party"),
        ),
    ]

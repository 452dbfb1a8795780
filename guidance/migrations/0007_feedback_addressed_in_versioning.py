"""PageVersion moved to the ``versioning`` app; the feedback's link to it is the same column and
table, so only Django's record of the field changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0006_pronoun_marker_help_and_checks"),
        ("versioning", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="feedback",
                    name="addressed_in",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The published version that addressed this feedback.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="addressed_feedback",
                        to="versioning.pageversion",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

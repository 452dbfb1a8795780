"""PageVersion now belongs to the ``versioning`` app: forget it here without touching its table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0009_template_intro_pronoun_markers"),
        ("versioning", "0001_initial"),
        # Nothing may still point at the old model when it is forgotten.
        ("guidance", "0007_feedback_addressed_in_versioning"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PageVersion")],
            database_operations=[],
        ),
    ]

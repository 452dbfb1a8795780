"""PageVersion moves here from ``agreements`` with its table, rows and content type.

The table keeps its name (``agreements_pageversion``): only Django's record of which app owns
the model changes. The content type row is relabelled rather than replaced, so permissions and
anything pointing at it by content type keep pointing at the same row.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(old_label, new_label, old_model, new_model):
    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        types = ContentType.objects.using(db)
        if types.filter(app_label=new_label, model=new_model).exists():
            return  # already moved (or made new by post_migrate before this ran)
        types.filter(app_label=old_label, model=old_model).update(
            app_label=new_label, model=new_model
        )

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agreements", "0009_template_intro_pronoun_markers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveIntegerField()),
                        ("change_note", models.TextField()),
                        ("published_at", models.DateTimeField()),
                        ("page", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="versions", to=settings.WAGTAIL_PAGE_MODEL)),
                        ("published_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("revision", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailcore.revision")),
                    ],
                    options={
                        "verbose_name": "version",
                        "ordering": ["-number"],
                        "db_table": "agreements_pageversion",
                        "constraints": [models.UniqueConstraint(fields=("page", "number"), name="unique_version_number")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            relabel_content_type("agreements", "versioning", "pageversion", "pageversion"),
            relabel_content_type("versioning", "agreements", "pageversion", "pageversion"),
        ),
    ]

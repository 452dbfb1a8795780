"""Write down what a database holds, as its readers see it, in a form that does not depend on
which app a model lives in: every table's row count, every content type, and every page,
revision (and the object it reads back as), audit log entry and row of the models that moved
between apps, in JSON. Run in a checkout (see tree.py):

    python -S tests/migration_fixture/tree.py CHECKOUT tests/migration_fixture/record.py OUT.json
        [--migrate]

Used at today's main to make the fixture and, after migrating, by today's code to check it.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core import serializers  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Locale, ModelLogEntry, Page, PageLogEntry, Revision  # noqa: E402

#: The models that move between apps, by their name at today's main (a53b0d0).
MOVING = [
    "agreements.pageversion",
    "agreements.personalisedagreement",
    "agreements.partyagreement",
    "agreements.agreementshare",
    "guidance.feedback",
]


def label(content_type_id) -> str | None:
    if content_type_id is None:
        return None
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def fields(instance) -> dict:
    """A model instance's field values, as Django serialises them (StreamFields as JSON)."""
    (data,) = serializers.serialize("python", [instance])
    return {"pk": data["pk"], **data["fields"]}


def row_counts() -> dict:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def revisions() -> list[dict]:
    found = []
    for revision in Revision.objects.order_by("pk"):
        model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
        reads_as = revision.as_object()
        found.append(
            {
                "pk": revision.pk,
                "content_type": revision.content_type_id,
                "base_content_type": revision.base_content_type_id,
                "model": model.__name__,
                "object_id": revision.object_id,
                "object_str": revision.object_str,
                "created_at": revision.created_at.isoformat(),
                "user": revision.user_id,
                "content": revision.content,
                "reads_as": {"str": str(reads_as), **fields(reads_as)},
            }
        )
    return found


def log_entries(model) -> list[dict]:
    return [
        {
            "pk": entry.pk,
            "content_type": entry.content_type_id,
            "model": ContentType.objects.get_for_id(entry.content_type_id).model_class().__name__,
            "object_id": entry.object_id,
            "action": entry.action,
            "label": entry.label,
            "data": entry.data,
            "timestamp": entry.timestamp.isoformat(),
            "user": entry.user_id,
            "revision": entry.revision_id,
        }
        for entry in model.objects.order_by("pk")
    ]


def record() -> dict:
    by_content_type = {}
    for content_type in ContentType.objects.order_by("pk"):
        model = content_type.model_class()
        if model is None or content_type.id is None:
            continue
        if f"{content_type.app_label}.{content_type.model}" in MOVING or model.__name__ in {
            "PageVersion",
            "PersonalisedAgreement",
            "PartyConsent",
            "AgreementShare",
            "Feedback",
        }:
            by_content_type[content_type.pk] = [fields(row) for row in model.objects.order_by("pk")]
    return {
        "row_counts": row_counts(),
        "content_types": {
            content_type.pk: label(content_type.pk)
            for content_type in ContentType.objects.order_by("pk")
        },
        "pages": [
            {
                "content_type": page.content_type_id,
                "model": type(page).__name__,
                "url_path": page.url_path,
                **fields(page),
            }
            for page in (p.specific for p in Page.objects.order_by("path"))
        ],
        "revisions": revisions(),
        "page_log": log_entries(PageLogEntry),
        "model_log": log_entries(ModelLogEntry),
        "rows_by_content_type": by_content_type,
        # Which language each locale id is, to work out what a data migration should change.
        "locales": {locale.pk: locale.language_code for locale in Locale.objects.order_by("pk")},
    }


if __name__ == "__main__":
    out, *options = sys.argv[1:]
    if "--migrate" in options:
        call_command("migrate", interactive=False, verbosity=0)
    with open(out, "w") as stream:
        json.dump(record(), stream, indent=1, sort_keys=True, default=str)

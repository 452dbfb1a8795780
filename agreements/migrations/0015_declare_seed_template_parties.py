"""Declare the parties of existing templates, in their live content and every revision, in
every locale: the ISF shape (three prompt columns) declares local-authority, provider and
person (the person's party, of people) named as its columns are in that page's language, and
links each column to its party; a template with a signatories block declares one party per
signatory organisation, keyed from the source (English) page's names so every translation
shares the keys. Pages that already declare parties, or have neither shape, are left alone.
Nothing declared is rendered in the body, so every page reads as before."""

import json
import uuid

from django.db import migrations

from agreements.party_declarations import (
    ISF_PARTY_KEYS,
    declarations_for,
    link_isf_columns,
    signatory_keys,
)


def _with_ids(declarations: list[dict]) -> list[dict]:
    return [{**party, "id": str(uuid.uuid4())} for party in declarations]


def declare(body: list, parties: list, source_keys: list | None) -> tuple[list | None, bool]:
    """(The declarations to store, or None for none; whether ``body`` was changed in place)."""
    if parties:
        return None, False
    declarations = declarations_for(body, source_keys)
    if not declarations:
        return None, False
    changed = False
    if [party["value"]["key"] for party in declarations] == [key for key, *_ in ISF_PARTY_KEYS]:
        changed = link_isf_columns(body)
    return _with_ids(declarations), changed


def _raw(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return json.loads(json.dumps(list(value)))


def forwards(apps, schema_editor):
    from wagtail.blocks import StreamValue

    page_model = apps.get_model("agreements", "TemplatePage")
    body_block = page_model._meta.get_field("body").stream_block
    parties_block = page_model._meta.get_field("parties").stream_block

    # The keys of each translation group's signatories, from its English (else first) page.
    source_keys: dict = {}
    pages = list(page_model.objects.select_related("locale").order_by("pk"))
    for page in sorted(pages, key=lambda page: page.locale.language_code != "en"):
        source_keys.setdefault(str(page.translation_key), signatory_keys(_raw(page.body.raw_data)))

    for page in pages:
        body = _raw(page.body.raw_data)
        declared, body_changed = declare(
            body, _raw(page.parties.raw_data), source_keys.get(str(page.translation_key))
        )
        if declared is None:
            continue
        update = {"parties": StreamValue(parties_block, declared, is_lazy=True)}
        if body_changed:
            update["body"] = StreamValue(body_block, body, is_lazy=True)
        page_model.objects.filter(pk=page.pk).update(**update)

    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_types = content_type_model.objects.filter(app_label="agreements", model="templatepage")
    for revision in revision_model.objects.filter(content_type__in=content_types).iterator():
        content = revision.content or {}
        stored_body = content.get("body")
        if not stored_body:
            continue
        body = _raw(stored_body)
        keys = source_keys.get(str(content.get("translation_key")))
        declared, body_changed = declare(body, _raw(content.get("parties")), keys)
        if declared is None:
            continue
        content["parties"] = json.dumps(declared)
        if body_changed:
            content["body"] = json.dumps(body) if isinstance(stored_body, str) else body
        revision_model.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0014_template_declared_parties"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Declaring the person's-name blank on templates that write ``_____`` (for a data migration).

Templates placed the person's name as ``_____`` before blanks were declared. Each template page
and revision whose body or introduction uses it gets a declared blank of the kind "person's
name" (key ``name``), so the "Use this template" form and editors see it with the others. The
body is not touched: ``_____`` still places it and reads exactly as before.
"""

import json
import uuid

PERSON_NAME_KEY = "name"
# The label in each language the site's templates are translated into; others read English.
LABELS = {
    "en": "The person's name",
    "cy": "Enw’r person",
    "pl": "Imię osoby",
    "ur": "فرد کا نام",
}
_NAMESPACE = uuid.UUID("6f1c3c5e-2b4d-4f39-9a57-0d6f3b9a2c11")


def declaration(translation_key, language: str) -> dict:
    """The declared blank, as stream data. Its id is the same on a page and its translations
    (it is worked out from the translation key), as wagtail-localize keeps ids."""
    return {
        "type": "blank",
        "id": str(uuid.uuid5(_NAMESPACE, str(translation_key))),
        "value": {
            "key": PERSON_NAME_KEY,
            "label": LABELS.get((language or "en").split("-")[0].lower(), LABELS["en"]),
            "kind": "person_name",
            "help_text": "",
            "required": True,
            "choices": [],
        },
    }


def _as_list(stored) -> list:
    if not stored:
        return []
    raw = json.loads(stored) if isinstance(stored, str) else stored
    return list(raw) if isinstance(raw, list) else []


def uses_person_blank(body, intro) -> bool:
    text = body if isinstance(body, str) else json.dumps(body or [])
    return "_____" in text or "_____" in (intro or "")


def declare(blanks: list, translation_key, language: str) -> list | None:
    """The blanks with the person's name declared, or None when it is declared already."""
    if any((item.get("value") or {}).get("kind") == "person_name" for item in blanks):
        return None
    if any((item.get("value") or {}).get("key") == PERSON_NAME_KEY for item in blanks):
        return None
    return [declaration(translation_key, language), *blanks]


def declare_on_pages_and_revisions(apps) -> None:
    """Declare the person's-name blank on every template page, and every revision, that uses
    ``_____``; rows that need nothing are not written."""
    from wagtail.blocks import StreamValue

    page_model = apps.get_model("agreements", "TemplatePage")
    stream_block = page_model._meta.get_field("blanks").stream_block
    languages = {}
    locale_model = apps.get_model("wagtailcore", "Locale")
    for locale in locale_model.objects.all():
        languages[locale.pk] = locale.language_code
    for page in page_model.objects.all().iterator():
        language = languages.get(page.locale_id, "en")
        raw_body = list(page.body.raw_data)
        if not uses_person_blank(raw_body, page.intro):
            continue
        declared = declare(
            [dict(item) for item in page.blanks.raw_data], page.translation_key, language
        )
        if declared is not None:
            value = StreamValue(stream_block, declared, is_lazy=True)
            page_model.objects.filter(pk=page.pk).update(blanks=value)

    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type = content_type_model.objects.filter(app_label="agreements", model="templatepage")
    for revision in revision_model.objects.filter(content_type__in=content_type).iterator():
        content = revision.content
        if not isinstance(content, dict):
            continue
        if not uses_person_blank(content.get("body"), content.get("intro")):
            continue
        stored = content.get("blanks")
        language = languages.get(content.get("locale"), "en")
        declared = declare(_as_list(stored), content.get("translation_key"), language)
        if declared is None:
            continue
        # Stored as Wagtail stores a StreamField in a revision: a JSON string.
        content["blanks"] = declared if isinstance(stored, list) else json.dumps(declared)
        revision_model.objects.filter(pk=revision.pk).update(content=content)

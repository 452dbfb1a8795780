"""Repairing repeated block and list-item ids in stored StreamField data (for data migrations).

The first occurrence of an id keeps it, so personalised agreements forked from a template keep
matching its blocks; each later occurrence gets a fresh uuid.
"""

import json
import uuid


def repair_repeated_ids(raw_stream: list) -> bool:
    """Give every repeated id in the raw stream data, after its first occurrence, a fresh
    uuid, in place. Return whether anything changed."""
    seen: set[str] = set()
    changed = False

    def visit(node) -> None:
        nonlocal changed
        if isinstance(node, dict):
            if "type" in node and node.get("id"):
                if node["id"] in seen:
                    node["id"] = str(uuid.uuid4())
                    changed = True
                seen.add(node["id"])
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(raw_stream)
    return changed


def repair_revision_content(content: dict, field_name: str) -> bool:
    """Repair the stream in a revision's content, where Wagtail stores it as a JSON string."""
    stored = content.get(field_name)
    if not stored:
        return False
    raw = json.loads(stored) if isinstance(stored, str) else stored
    if not isinstance(raw, list) or not repair_repeated_ids(raw):
        return False
    content[field_name] = json.dumps(raw) if isinstance(stored, str) else raw
    return True


def repair_pages_and_revisions(apps, app_label: str, model_name: str, field_name: str) -> None:
    """Repair the live content of every page of one model and every one of its revisions;
    rows without repeated ids are not written."""
    from wagtail.blocks import StreamValue

    model = apps.get_model(app_label, model_name)
    stream_block = model._meta.get_field(field_name).stream_block
    for page in model.objects.all().iterator():
        raw = [dict(item) for item in getattr(page, field_name).raw_data]
        if repair_repeated_ids(raw):
            # A lazy StreamValue writes the raw data back as it is, so nothing else changes.
            value = StreamValue(stream_block, raw, is_lazy=True)
            model.objects.filter(pk=page.pk).update(**{field_name: value})

    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type = content_type_model.objects.filter(app_label=app_label, model=model_name.lower())
    for revision in revision_model.objects.filter(content_type__in=content_type).iterator():
        if repair_revision_content(revision.content, field_name):
            revision_model.objects.filter(pk=revision.pk).update(content=revision.content)

"""Every block and list-item id is unique within a page: new blocks get fresh ids, repeated ids
are refused on save with a message naming the block, and a data migration repairs old pages."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text

from agreements.blocks import TemplateBodyBlock
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.tests.forms import block_form_data
from agreements.tests.test_admin import editor  # noqa: F401 (fixture)
from guidance.blocks import GuidanceBodyBlock

MESSAGE = "repeats an id used earlier in this page"


def parties_block(block_id: str, organisation_id: str, conjunction: str = "") -> dict:
    """A Parties block as the admin's editor posts it, with the given ids."""
    return {
        "type": "parties",
        "id": block_id,
        "deleted": "",
        "value": {
            "heading": "",
            "preamble": "Between",
            "subject": "",
            "parties": {
                "count": 1,
                "0": {
                    "id": "",
                    "deleted": "",
                    "order": 0,
                    "value": {
                        "conjunction": conjunction,
                        "role": "Commissioning Partners",
                        "organisations": {
                            "count": 1,
                            "0": {
                                "id": organisation_id,
                                "deleted": "",
                                "order": 0,
                                "value": {"name": "A council", "address": ""},
                            },
                        },
                    },
                },
            },
        },
    }


def edit_form(page: TemplatePage, *blocks: dict) -> dict:
    body = {"count": len(blocks)}
    for index, block in enumerate(blocks):
        body[str(index)] = {**block, "order": index}
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "maturity": page.maturity,
            "version": page.version,
            "provenance": page.provenance,
            "intro": rich_text("<p>How we will work together.</p>"),
            "parties": block_form_data(page.parties.stream_block, page.parties),
            "body": body,
        }
    )


def raw_body(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {table} WHERE page_ptr_id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def all_ids(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["id"]] if "type" in node and node.get("id") else []
        return own + [i for child in node.values() for i in all_ids(child)]
    if isinstance(node, list):
        return [i for child in node for i in all_ids(child)]
    return []


def without_ids(node):
    if isinstance(node, dict):
        return {key: without_ids(child) for key, child in node.items() if key != "id"}
    if isinstance(node, list):
        return [without_ids(child) for child in node]
    return node


def test_two_new_parties_blocks_get_fresh_list_item_ids():
    parties = TemplateBodyBlock().child_blocks["parties"]

    # The state the admin's editor starts a new block from carries no list-item ids, so the
    # browser cannot give two new blocks the same one.
    state = parties.get_form_state(parties.get_default())
    assert all_ids(state) == []
    first = parties.get_prep_value(parties.get_default())
    second = parties.get_prep_value(parties.get_default())
    ids = all_ids(first) + all_ids(second)
    assert len(ids) == 4
    assert len(set(ids)) == 4


@pytest.mark.django_db
def test_admin_edit_view_refuses_a_repeated_list_item_id(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    response = client.post(
        url,
        edit_form(
            page,
            parties_block("a1111111-0000-4000-8000-000000000001", "same-organisation-id"),
            parties_block("a1111111-0000-4000-8000-000000000002", "same-organisation-id"),
        ),
    )

    assert response.status_code == 200
    assert "Block 2 (Parties) " + MESSAGE in response.content.decode()
    revisions = page.revisions.count()
    page.refresh_from_db()
    assert page.revisions.count() == revisions == 1
    assert "same-organisation-id" not in page.get_latest_revision().content["body"]


@pytest.mark.django_db
def test_admin_edit_view_saves_distinct_ids(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    response = client.post(
        url,
        edit_form(
            page,
            parties_block("a1111111-0000-4000-8000-000000000001", ""),
            parties_block("a1111111-0000-4000-8000-000000000002", ""),
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    body = json.loads(page.get_latest_revision().content["body"])
    ids = all_ids(body)
    assert len(ids) == 6  # two blocks, each with one party and one organisation
    assert len(set(ids)) == 6


@pytest.mark.django_db
def test_full_clean_refuses_a_repeated_block_id():
    page = published_template()
    body = page.body.raw_data[:]
    page.body = [*body, dict(body[0])]  # the first block again, id and all

    with pytest.raises(ValidationError) as refused:
        page.full_clean()

    assert MESSAGE in str(refused.value.message_dict["body"])
    assert "Block 3 (Area)" in str(refused.value.message_dict["body"])


def test_guidance_refuses_a_repeated_list_item_id():
    block = GuidanceBodyBlock()
    prompts = {
        "heading": "Think about",
        "prompts": [{"type": "item", "value": "One", "id": "repeated"}],
    }
    value = block.to_python(
        [
            {"type": "prompt_list", "value": prompts, "id": "b1"},
            {"type": "prompt_list", "value": prompts, "id": "b2"},
        ]
    )

    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(value)

    assert MESSAGE in str(refused.value.non_block_errors)
    assert "Block 2 (Prompts to think about)" in str(refused.value.non_block_errors)


def run_repair_migration() -> None:
    migration = importlib.import_module("agreements.migrations.0013_repair_repeated_block_ids")
    migration.repair(apps, None)


@pytest.mark.django_db
def test_migration_repairs_repeated_ids_in_live_content_and_revisions():
    page = published_template()
    body = json.loads(raw_body("agreements_templatepage", page.pk))
    repeated = json.loads(json.dumps(body[0]))
    body.append(repeated)  # the first area again, block and list-item ids and all
    TemplatePage.objects.filter(pk=page.pk).update(body=json.dumps(body))
    revision = page.get_latest_revision()
    revision.content["body"] = json.dumps(body)
    revision.save(update_fields=["content"])
    first_ids = all_ids(body[0])

    run_repair_migration()

    for repaired in (
        json.loads(raw_body("agreements_templatepage", page.pk)),
        json.loads(type(revision).objects.get(pk=revision.pk).content["body"]),
    ):
        ids = all_ids(repaired)
        assert len(ids) == len(set(ids))
        assert all_ids(repaired[0]) == first_ids  # the first occurrence keeps its ids
        assert without_ids(repaired[-1]) == without_ids(repeated)  # only ids change
        assert not set(all_ids(repaired[-1])) & set(first_ids)


@pytest.mark.django_db
def test_migration_leaves_a_page_without_repeated_ids_byte_identical():
    page = published_template()
    revision = page.get_latest_revision()
    before = raw_body("agreements_templatepage", page.pk)
    revision_before = revision.content

    run_repair_migration()

    assert raw_body("agreements_templatepage", page.pk) == before
    assert type(revision).objects.get(pk=revision.pk).content == revision_before

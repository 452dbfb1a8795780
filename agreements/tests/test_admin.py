"""Editors build templates from the block library in the Wagtail admin, with no code change."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from agreements.models import TemplatePage


def list_block(items: list) -> dict:
    """Form data for a ListBlock, in the shape the admin's editor posts."""
    return {
        "count": len(items),
        **{
            str(index): {"value": item, "deleted": "", "order": index}
            for index, item in enumerate(items)
        },
    }


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def new_template_form(title: str, **overrides) -> dict:
    data = {
        "title": title,
        "slug": "third-agreement",
        "maturity": "working-draft",
        "version": 1,
        "provenance": "Written with two councils in 2026.",
        "intro": rich_text("<p>How we will work together.</p>"),
        "parties": streamfield(
            [
                (
                    "party",
                    {"key": "council", "name": "Council", "kind": "organisation", "help_text": ""},
                ),
                (
                    "party",
                    {
                        "key": "provider",
                        "name": "Provider",
                        "kind": "organisation",
                        "help_text": "",
                    },
                ),
            ]
        ),
        "body": streamfield(
            [
                (
                    "area",
                    {
                        "title": "Keeping well",
                        "commitments": list_block(["We will help _____ stay well."]),
                        "party_prompts": list_block(
                            [
                                {"party": "Council", "prompts": list_block(["Fund a gym pass"])},
                                {"party": "Provider", "prompts": list_block([])},
                            ]
                        ),
                        "this_means_label": "For _____ this means:",
                    },
                ),
                (
                    "clause",
                    {
                        "heading": "Ending the agreement",
                        "reference_key": "ending",
                        "content": streamfield([("paragraph", "With a month's notice.")]),
                    },
                ),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editor_builds_a_new_template_from_blocks(client, editor, template_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("agreements", "templatepage", template_index.pk))

    response = client.post(url, new_template_form("A Third Agreement"))

    assert response.status_code == 302
    page = TemplatePage.objects.get(slug="third-agreement")
    area, clause = page.get_latest_revision_as_object().body
    assert area.value["title"] == "Keeping well"
    assert list(area.value["party_prompts"][0]["prompts"]) == ["Fund a gym pass"]
    assert list(area.value["party_prompts"][1]["prompts"]) == []
    assert clause.value["reference_key"] == "ending"


@pytest.mark.django_db
def test_editor_sees_a_clear_error_for_a_broken_cross_reference(client, editor, template_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("agreements", "templatepage", template_index.pk))
    form = new_template_form("A Third Agreement")
    form.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        (
                            "clause",
                            {
                                "heading": "Commencement",
                                "reference_key": "",
                                "content": streamfield(
                                    [
                                        (
                                            "cross_reference",
                                            {
                                                "text_before": "Subject to",
                                                "clause": "termination",
                                                "label": "",
                                                "text_after": ".",
                                            },
                                        )
                                    ]
                                ),
                            },
                        )
                    ]
                )
            }
        )
    )

    response = client.post(url, form)

    assert response.status_code == 200
    assert "No clause has the reference key" in response.content.decode()
    assert not TemplatePage.objects.filter(slug="third-agreement").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "block_name",
    ["parties", "how_to_use", "area", "definitions", "clause", "schedule_table", "signatories"],
)
def test_block_picker_previews_each_block_with_the_site_styles(client, editor, block_name):
    block = TemplatePage._meta.get_field("body").stream_block.child_blocks[block_name]
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    assert "css/site.css" in response.text
    assert f'class="w-block-{block_name}' in response.text

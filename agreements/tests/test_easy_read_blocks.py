"""Editors give a template's wording easy-read versions, with pictures and a draft flag, through
the admin; old bodies without them still load and save."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text

from agreements.blocks import PartyPromptsBlock, PurposeEasyReadBlock, TemplateBodyBlock
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.tests.forms import block_form_data
from agreements.tests.test_admin import editor  # noqa: F401 (fixture)
from personalised.tests.easy_reading import first, picture, version

pytestmark = pytest.mark.django_db


def _edit_form(page: TemplatePage, body, intro_easy_read) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "maturity": page.maturity,
            "version": page.version,
            "provenance": page.provenance,
            "intro": rich_text("<p>How we will work together for _____.</p>"),
            "intro_easy_read": block_form_data(PurposeEasyReadBlock(), intro_easy_read),
            "parties": block_form_data(page.parties.stream_block, page.parties),
            "body": block_form_data(TemplateBodyBlock(), body),
        }
    )


def test_an_editor_saves_easy_read_with_pictures_and_it_reads_back(client, editor):  # noqa: F811
    page = published_template()
    image = picture()
    raw = [dict(block) for block in page.body.raw_data]
    area = first(raw, "area")["value"]
    area["easy_read"] = {
        "title": "Goals",
        "commitment": version("We work together.", "We agree goals.", picture_id=image.pk),
    }
    area["party_prompts"][0]["value"]["easy_read"] = [version("The council helps.", draft=True)]
    body = TemplateBodyBlock().to_python(raw)
    intro = PurposeEasyReadBlock().to_python(
        [{"type": "easy_read", "value": version("This is about _____.", picture_id=image.pk)}]
    )
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), _edit_form(page, body, intro)
    )

    assert response.status_code == 302, response.context["form"].errors
    saved = TemplatePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    area = next(block.value for block in saved.body if block.block_type == "area")
    commitment = area["easy_read"]["commitment"]
    assert area["easy_read"]["title"] == "Goals"
    assert [line["text"] for line in commitment["lines"]] == [
        "We work together.",
        "We agree goals.",
    ]
    assert commitment["lines"][0]["picture"] == image
    assert commitment["lines"][1]["picture"] is None
    assert commitment["draft"] is False
    prompt_versions = area["party_prompts"][0]["easy_read"]
    assert prompt_versions[0]["draft"] is True
    assert saved.intro_easy_read[0].value["lines"][0]["text"] == "This is about _____."
    assert saved.intro_easy_read[0].value["lines"][0]["picture"].default_alt_text == (
        "Two hands shaking"
    )
    stored = json.loads(saved.get_latest_revision().content["body"])
    assert f'"picture": {image.pk}' in json.dumps(stored)


def test_the_admin_editor_shows_the_easy_read_fields(client, editor):  # noqa: F811
    page = published_template()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Introduction in easy read" in html or "introduction in easy read" in html
    assert "Draft for review" in html


def test_more_easy_read_versions_than_prompts_are_refused_at_the_field():
    block = PartyPromptsBlock()
    value = block.to_python(
        {
            "party": "Provider",
            "prompts": ["Get to know the person"],
            "easy_read": [version("One."), version("Two.")],
        }
    )

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert "easy_read" in refused.value.block_errors
    assert "2 easy-read versions but only 1" in str(refused.value.block_errors["easy_read"])


def test_an_easy_read_line_with_an_undeclared_blank_is_refused():
    page = published_template()
    raw = [dict(block) for block in page.body.raw_data]
    first(raw, "area")["value"]["easy_read"] = {
        "title": "",
        "commitment": version("We meet on [[meeting-day]]."),
    }
    page.body = raw

    with pytest.raises(ValidationError) as refused:
        page.full_clean()

    body_error = refused.value.error_dict["body"][0]
    assert "meeting-day" in json.dumps(body_error.as_json_data())


def test_a_body_saved_before_easy_read_loads_and_validates():
    page = published_template()
    raw = [dict(block) for block in page.body.raw_data]
    for block in raw:
        block["value"] = {
            name: part for name, part in block["value"].items() if name != "easy_read"
        }
        for column in block["value"].get("party_prompts", []):
            column["value"].pop("easy_read", None)
    page.body = raw

    page.full_clean()
    area = next(block.value for block in page.body if block.block_type == "area")
    assert list(area["easy_read"]["commitment"]["lines"]) == []
    assert list(area["party_prompts"][0]["easy_read"]) == []


def test_the_public_template_page_links_to_its_easy_read(client, seeded_site, tmp_path):
    from agreements.easy_read_pictures import openmoji_attribution
    from agreements.seed_content import isf, partnering
    from tests.test_valid_html import describe, nu_html_checker_errors

    template = TemplatePage.objects.get(slug=isf.SLUG)
    easy_read_url = template.url + template.reverse_subpage("easy_read")
    assert f'href="{easy_read_url}"' in client.get(template.url).content.decode()

    response = client.get(easy_read_url)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    words = " ".join(page.get_text(" ").split())
    first_line = page.select_one(".easy-read-purpose .easy-read-line")
    assert first_line.img["alt"] == "A person"
    assert "This agreement is about" in first_line.get_text()
    assert "Look at each area." in words  # the how-to-use points, in easy read
    assert "We will agree goals that matter to" in words
    assert "Not yet in easy read Help identify the outcomes" in words
    assert "Draft easy read: not checked yet." in words
    assert openmoji_attribution() in words
    (tmp_path / "isf.html").write_bytes(response.content)
    suffolk = TemplatePage.objects.get(slug=partnering.SLUG)
    response = client.get(suffolk.url + suffolk.reverse_subpage("easy_read"))
    assert response.status_code == 200
    assert "Not yet in easy read" in response.content.decode()
    (tmp_path / "suffolk.html").write_bytes(response.content)

    errors = nu_html_checker_errors(sorted(tmp_path.iterdir()))
    assert not errors, "\n".join(f"{name}:\n{describe(found)}" for name, found in errors.items())

"""Guidance about one area of one template: chosen in the admin by area, kept when the areas
are reordered, and shown with its area on the public template page."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from agreements.factories import TemplatePageFactory, area
from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.text import main_text
from guidance.areas import area_choices
from guidance.factories import GuidanceIndexPageFactory, GuidancePageFactory
from guidance.lookup import guidance_for_areas
from guidance.models import GuidancePage

ISF_URL = f"/templates/{isf.SLUG}/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


def areas_of(page: TemplatePage) -> list:
    return [child for child in page.body if child.block_type == "area"]


def area_value(page: TemplatePage, child) -> str:
    return f"{page.pk}:{child.id}"


def guidance_form(area: str, words: str, **overrides) -> dict:
    data = {
        "title": "Using Resources",
        "slug": "using-resources",
        "summary": "",
        "about_template": "",
        "change_note": "",
        "body": streamfield(
            [
                (
                    "area_guidance",
                    {"area": area, "heading": "", "guidance": rich_text(f"<p>{words}</p>")},
                )
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_guidance_url() -> str:
    index = GuidancePage.objects.first().get_parent()
    return reverse("wagtailadmin_pages:add", args=("guidance", "guidancepage", index.pk))


def test_area_chooser_offers_each_area_as_template_number_and_title(isf_page):
    labels = dict(area_choices())

    resources = areas_of(isf_page)[1]
    assert labels[area_value(isf_page, resources)] == (
        "Individual Support Fund Partnership Agreement — 2. Resources"
    )
    assert len([value for value in labels if value.startswith(f"{isf_page.pk}:")]) == 7


def test_editor_is_offered_each_area_by_name_in_the_admin(client, editor, isf_page):
    client.force_login(editor)
    guidance = GuidancePage.objects.get()

    response = client.get(reverse("wagtailadmin_pages:edit", args=(guidance.pk,)))

    assert response.status_code == 200
    # The choices are in the editor's block definitions, JSON in which the dash is escaped.
    assert "Individual Support Fund Partnership Agreement \\u2014 6. Support" in response.text


def test_editor_adds_guidance_for_one_area_in_the_admin(client, editor, isf_page):
    client.force_login(editor)
    resources = areas_of(isf_page)[1]

    response = client.post(
        add_guidance_url(),
        guidance_form(area_value(isf_page, resources), "Count the hours of support."),
    )

    assert response.status_code == 302
    page = GuidancePage.objects.get(slug="using-resources")
    (block,) = page.get_latest_revision_as_object().body
    assert block.block_type == "area_guidance"
    assert block.value["area"] == area_value(isf_page, resources)
    assert "Count the hours of support." in block.value["guidance"].source


def test_choosing_an_area_that_is_not_in_the_template_is_refused_at_the_field(
    client, editor, isf_page
):
    client.force_login(editor)

    response = client.post(
        add_guidance_url(), guidance_form(f"{isf_page.pk}:no-such-area", "Some words.")
    )

    assert response.status_code == 200
    assert "That area is no longer in a published template" in response.text
    assert not GuidancePage.objects.filter(slug="using-resources").exists()


def test_leaving_the_area_empty_is_refused_with_a_clear_message(client, editor, isf_page):
    client.force_login(editor)

    form = guidance_form("", "Some words.", change_note="First version.")
    form["action-submit"] = "action-submit"  # a draft may be incomplete; a submission may not

    response = client.post(add_guidance_url(), form)

    assert response.status_code == 200
    assert "Choose the area this guidance is about." in response.text


def publish_guidance(isf_page, child, words: str, slug: str = "using-an-area") -> GuidancePage:
    index = GuidancePage.objects.first().get_parent()
    return GuidancePageFactory(
        parent=index,
        slug=slug,
        body=[
            {
                "type": "area_guidance",
                "value": {
                    "area": area_value(isf_page, child),
                    "heading": "From testing",
                    "guidance": f"<p>{words}</p>",
                },
            }
        ],
    )


def area_section(html: str, anchor: str) -> str:
    start = html.index(f'<section class="area" id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_guidance_appears_under_its_area_on_the_template_page(client, isf_page):
    resources = areas_of(isf_page)[1]
    publish_guidance(isf_page, resources, "Count the hours of support together.")

    html = client.get(ISF_URL).text

    section = area_section(html, "area-2")
    assert "Count the hours of support together." in section
    assert "<details" in section and "Guidance for this area" in section
    assert 'href="/guidance/using-an-area/#guidance-' in section
    assert "Count the hours of support together." not in area_section(html, "area-1")
    assert "Count the hours of support together." not in area_section(html, "area-3")


def test_seeded_guidance_appears_under_every_isf_area(client, isf_page):
    html = client.get(ISF_URL).text

    for number in range(1, 8):
        section = area_section(html, f"area-{number}")
        assert "Guidance for this area" in section
        assert "How to use the ISF Partnership Agreement" in section


def test_chosen_area_survives_reordering_of_the_templates_areas(client, isf_page):
    resources = areas_of(isf_page)[1]
    guidance = publish_guidance(isf_page, resources, "Count the hours of support together.")

    page = isf_page.get_latest_revision_as_object()
    moved = page.body[2]  # Resources (after how-to-use and Agreeing Outcomes)
    del page.body[2]
    page.body.append(("area", moved.value, moved.id))
    page.change_note = "Resources moved to the end."
    page.save_revision().publish()

    html = client.get(ISF_URL).text
    assert "Resources" in area_section(html, "area-7")
    assert "Count the hours of support together." in area_section(html, "area-7")
    assert "Count the hours of support together." not in area_section(html, "area-2")
    guidance_html = client.get(guidance.url).text
    assert f'href="{ISF_URL}#area-7"' in guidance_html
    assert "— 7. Resources" in main_text(guidance_html)


def test_guidance_from_an_unpublished_page_is_not_shown(client, isf_page):
    resources = areas_of(isf_page)[1]
    guidance = publish_guidance(isf_page, resources, "Words not yet approved.")
    guidance.unpublish()

    assert "Words not yet approved." not in client.get(ISF_URL).text


def test_lookup_is_keyed_by_area_block_id_in_page_order(isf_page):
    resources = areas_of(isf_page)[1]
    publish_guidance(isf_page, resources, "Second page's words.", slug="zz-second")

    found = guidance_for_areas(isf_page)

    assert set(found) == {child.id for child in areas_of(isf_page)}
    assert [item.page.slug for item in found[resources.id]] == [
        "how-to-use-the-isf-partnership-agreement",
        "zz-second",
    ]


@pytest.mark.django_db
def test_lookup_costs_the_same_queries_whatever_the_amount_of_guidance(template_index):
    guidance_index = GuidanceIndexPageFactory(parent=template_index.get_parent())
    template = TemplatePageFactory(
        parent=template_index, slug="t", body=[area(f"Area {n}") for n in range(7)]
    )
    template.save_revision().publish()
    template.refresh_from_db()
    ids = [child.id for child in template.body]

    def add_guidance(count: int, start: int) -> None:
        for number in range(start, start + count):
            GuidancePageFactory(
                parent=guidance_index,
                slug=f"g{number}",
                body=[
                    {
                        "type": "area_guidance",
                        "value": {
                            "area": f"{template.pk}:{block_id}",
                            "heading": "",
                            "guidance": "<p>Words.</p>",
                        },
                    }
                    for block_id in ids
                ],
            ).save_revision().publish()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            found = guidance_for_areas(template)
        return len(captured.captured_queries), sum(len(items) for items in found.values())

    add_guidance(1, 0)
    few, few_items = queries()
    add_guidance(10, 1)
    many, many_items = queries()

    assert (few_items, many_items) == (7, 77)
    assert few == many

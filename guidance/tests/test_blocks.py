"""Each how-to-use block renders its content, accessibly, on a guidance page."""

import pytest
from django.urls import reverse

from agreements.tests.text import visible_text
from guidance.blocks import GuidanceBodyBlock

BLOCKS = GuidanceBodyBlock().child_blocks
GUIDANCE_BLOCKS = [
    "steps",
    "prompt_list",
    "good_example",
    "callout",
    "question_and_answer",
    "area_guidance",
]


def render(name: str, value: dict, **context) -> str:
    block = BLOCKS[name]
    return block.render(block.to_python(value), context={"block_id": "b1", **context})


def test_steps_are_numbered_with_a_heading_each():
    html = render(
        "steps",
        {
            "heading": "Making the agreement",
            "steps": [
                {"heading": "Meet together", "text": "Bring everyone."},
                {"heading": "Choose the areas", "text": "Decide which matter."},
            ],
        },
    )

    assert '<h2 id="steps-b1">Making the agreement</h2>' in html
    assert "<ol" in html
    assert html.index("Meet together") < html.index("Choose the areas")
    assert html.count('<h3 class="guidance-steps__heading">') == 2


def test_prompt_list_lists_each_prompt():
    html = render("prompt_list", {"heading": "Think about", "prompts": ["Who?", "When?"]})

    assert visible_text(html) == "Think about Who? When?"
    assert html.count("<li>") == 2


def test_good_example_shows_the_example_and_its_attribution():
    html = render(
        "good_example",
        {"heading": "What good looks like", "example": "We met _____ first.", "attribution": "A"},
    )

    assert "<blockquote>" in html
    assert "<figcaption>A</figcaption>" in html
    assert 'class="person-blank"' in html


def test_good_example_without_attribution_has_no_empty_caption():
    html = render("good_example", {"heading": "H", "example": "E", "attribution": ""})

    assert "figcaption" not in html


@pytest.mark.parametrize(("kind", "word"), [("note", "Note"), ("warning", "Warning")])
def test_callout_says_whether_it_is_a_note_or_a_warning(kind, word):
    html = render("callout", {"kind": kind, "heading": "Mind this", "text": "Because."})

    assert f"callout--{kind}" in html
    assert visible_text(html) == f"{word} Mind this Because."
    assert "<aside" in html


def test_questions_and_answers_pair_each_question_with_its_answer():
    html = render(
        "question_and_answer",
        {
            "heading": "Questions",
            "questions": [
                {"question": "Must we use every area?", "answer": "No."},
                {"question": "Who signs?", "answer": "Every party."},
            ],
        },
    )

    assert visible_text(html) == "Questions Must we use every area? No. Who signs? Every party."


def test_area_guidance_names_and_links_the_area(seeded_site):
    from guidance.areas import area_links

    value = BLOCKS["area_guidance"].to_python(
        {
            "area": _first_isf_area(),
            "heading": "",
            "guidance": "<p>Talk it through.</p>",
        }
    )
    links = area_links([value["area"]])

    html = BLOCKS["area_guidance"].render(value, context={"block_id": "b1", "area_links": links})

    assert (
        visible_text(html) == "Agreeing Outcomes About Individual Support Fund Partnership "
        "Agreement — 1. Agreeing Outcomes Talk it through."
    )
    assert 'href="/templates/isf-partnership-agreement/#area-1"' in html


def _first_isf_area() -> str:
    from agreements.models import TemplatePage
    from agreements.seed_content import isf

    page = TemplatePage.objects.get(slug=isf.SLUG)
    area = next(child for child in page.body if child.block_type == "area")
    return f"{page.pk}:{area.id}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", GUIDANCE_BLOCKS)
def test_block_picker_previews_each_guidance_block(client, django_user_model, name):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user(username="editor", password="x-long-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(
        reverse("wagtailadmin_block_preview"), {"id": BLOCKS[name].definition_prefix}
    )

    assert response.status_code == 200
    assert f'class="w-block-{name}' in response.text

"""The person's name in place of the template's blank."""

import pytest
from django.utils.html import escape

from agreements.personalising import Pronouns, personalise, personalise_html


@pytest.mark.parametrize(
    ("template_text", "expected"),
    [
        ("support _____ to live a good life", "support Sam to live a good life"),
        ("We will make sure that _____ home is near", "We will make sure that Sam’s home is near"),
        ("We will promote _____ wellbeing", "We will promote Sam’s wellbeing"),
        ("For _____ this means:", "For Sam this means:"),
        ("what is working well for _____", "what is working well for Sam"),
        ("everyone supporting _____ is safe", "everyone supporting Sam is safe"),
    ],
)
def test_the_blank_becomes_the_name_with_a_possessive_where_the_sentence_needs_one(
    template_text, expected
):
    assert personalise(template_text, "Sam") == expected


@pytest.mark.parametrize(
    ("pronouns", "expected"),
    [
        (Pronouns.THEY, "home is in their local community"),
        (Pronouns.SHE, "home is in her local community"),
        (Pronouns.HE, "home is in his local community"),
    ],
)
def test_the_templates_marked_his_follows_the_persons_pronouns(pronouns, expected):
    assert personalise("home is in {his} local community", "Sam", pronouns) == expected


def test_text_without_a_blank_is_unchanged():
    assert personalise("Share what we know", "Sam") == "Share what we know"


@pytest.mark.parametrize("name", ["Bo\\", r"Jo\Ann", r"\g<0>", r"\1", r"\074b\076"])
def test_a_name_with_backslashes_is_inserted_as_it_is_written(name):
    assert personalise("support _____ and _____ home", name) == (
        f"support {name} and {name}’s home"
    )


@pytest.mark.parametrize("name", [r"\074img src=x onerror=alert(1)\076", "<b>Sam</b>", "A&B"])
def test_a_name_in_html_is_escaped_and_never_becomes_markup(name):
    html = personalise_html("For _____ & _____ home", name)

    assert html == f"For {escape(name)} &amp; {escape(name)}’s home"
    assert "<" not in html

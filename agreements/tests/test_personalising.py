"""The person's name in place of the template's blank."""

import pytest

from agreements.models import Pronouns
from agreements.personalising import personalise


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

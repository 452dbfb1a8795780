"""The suffix-stripper that lets a word find its other endings where the database does not stem."""

import pytest

from search.stems import stem, word_forms


@pytest.mark.parametrize(
    "forms",
    [
        ["outcome", "outcomes", "Outcomes"],
        ["family", "families"],
        ["agree", "agreed", "agrees", "agreeing"],
        ["review", "reviews", "reviewed", "reviewing"],
        ["plan", "plans", "planned", "planning"],
        ["process", "processes"],
        ["focus", "focuses"],
    ],
)
def test_a_words_endings_share_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1


@pytest.mark.parametrize("word", ["bring", "status", "this", "need", "thing"])
def test_short_or_s_ending_words_keep_their_letters(word):
    assert stem(word) == word


def test_a_words_forms_include_its_plural_and_verb_endings():
    assert {"outcome", "outcomes"} <= set(word_forms("outcome"))
    assert {"family", "families"} <= set(word_forms("families"))
    assert {"agree", "agreed", "agreeing"} <= set(word_forms("agreed"))

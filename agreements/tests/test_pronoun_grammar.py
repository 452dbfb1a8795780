"""The person's pronouns in every sentence about them: each seed sentence that names the person
or a pronoun meaning them reads correctly for each choice of pronouns, in the template's
text, on the agreement's page, in print and in the Word document."""

import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.html import strip_tags

from accounts.factories import PractitionerFactory
from agreements.blocks import PERSON_BLANK
from agreements.models import TemplatePage
from agreements.personalising import PRONOUN_FORMS, Pronouns, agree_verb, as_written, personalise
from agreements.seed_content import isf, isf_guidance, partnering
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.tests.exporting import docx_text

HOME_SENTENCE = {
    Pronouns.THEY: "We will make sure that Sam’s home is in their local community, and that they "
    "have the opportunity to be an active and valued member of their community.",
    Pronouns.SHE: "We will make sure that Sam’s home is in her local community, and that she "
    "has the opportunity to be an active and valued member of her community.",
    Pronouns.HE: "We will make sure that Sam’s home is in his local community, and that he has "
    "the opportunity to be an active and valued member of his community.",
}
# A plural subject with a singular verb, or a singular subject with a plural one.
WRONG_AGREEMENT = re.compile(
    r"\b(?:they\s+(?:has|is|was|does|goes|likes|wants|needs|tries)"
    r"|(?:he|she)\s+(?:have|are|were|do|go|like|want|need|try))\b",
    re.IGNORECASE,
)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _seed_sentences() -> list[str]:
    """Every sentence of the seed templates and guidance that names the person or marks a
    pronoun meaning them."""
    texts = [isf.INTRO, *_strings(isf.body()), *_strings(partnering.body())]
    texts += [isf_guidance.area_guidance(title) for title, *_rest in isf.AREAS]
    sentences = []
    for text in texts:
        plain = " ".join(strip_tags(text).split())
        for sentence in re.split(r"(?<=[.!?:])\s+", plain):
            if PERSON_BLANK in sentence or re.search(r"\{[^}]+\}", sentence):
                sentences.append(sentence)
    return sentences


SEED_SENTENCES = _seed_sentences()


def test_the_seed_marks_the_pronouns_that_mean_the_person():
    assert len(SEED_SENTENCES) > 20
    assert any("{" in sentence for sentence in SEED_SENTENCES)


@pytest.mark.parametrize("pronouns", list(Pronouns))
@pytest.mark.parametrize("sentence", SEED_SENTENCES)
def test_every_seed_sentence_about_the_person_reads_correctly_for_each_pronoun(sentence, pronouns):
    personalised = personalise(sentence, "Sam", pronouns)

    assert PERSON_BLANK not in personalised
    assert "{" not in personalised and "}" not in personalised
    assert not WRONG_AGREEMENT.search(personalised), personalised
    # No sentence about the person mixes pronoun sets ("his ... they have").
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", personalised)}
    sets_used = [name for name, forms in PRONOUN_FORMS.items() if words & set(forms)]
    assert len(sets_used) <= 1, personalised


@pytest.mark.parametrize("pronouns", list(Pronouns))
def test_the_home_sentence_agrees_with_each_pronoun(pronouns):
    (sentence,) = [s for s in SEED_SENTENCES if "home is in" in s]

    assert (
        personalise(sentence.replace("_____", PERSON_BLANK), "Sam", pronouns)
        == (HOME_SENTENCE[pronouns])
    )


@pytest.mark.parametrize(
    ("written", "pronouns", "expected"),
    [
        ("{they} have", Pronouns.HE, "he has"),
        ("{they} are", Pronouns.SHE, "she is"),
        ("{They} were", Pronouns.HE, "He was"),
        ("{they} don’t", Pronouns.SHE, "she doesn’t"),
        ("{they} also need", Pronouns.HE, "he also needs"),
        ("{they} might want", Pronouns.HE, "he might want"),
        ("{they} wanted", Pronouns.SHE, "she wanted"),
        ("{they} watch", Pronouns.SHE, "she watches"),
        ("{they} try", Pronouns.HE, "he tries"),
        ("{they}’re", Pronouns.HE, "he’s"),
        ("{he} has", Pronouns.THEY, "they have"),
        ("{she} tries", Pronouns.THEY, "they try"),
        ("{his} own", Pronouns.THEY, "their own"),
        ("for {themselves}", Pronouns.SHE, "for herself"),
        ("it is {theirs}", Pronouns.HE, "it is his"),
        ("to {them}", Pronouns.SHE, "to her"),
        ("{they} like it and {want|wants} more", Pronouns.SHE, "she likes it and wants more"),
        ("{they} like it and {want|wants} more", Pronouns.THEY, "they like it and want more"),
        ("{Their} plan", Pronouns.HE, "His plan"),
    ],
)
def test_marked_pronouns_and_their_verbs_follow_the_persons_pronouns(written, pronouns, expected):
    assert personalise(written, "Sam", pronouns) == expected


def test_a_template_page_shows_the_marked_words_as_written():
    assert as_written("in {his} community {they} have {want|wants}") == (
        "in his community they have want"
    )
    assert as_written("{a note}") == "{a note}"


def test_unmarked_pronouns_are_left_as_written():
    text = "the people who support _____ to be the best they can, with his help"

    assert personalise(text, "Sam", Pronouns.SHE) == (
        "the people who support Sam to be the best they can, with his help"
    )


def test_a_name_is_never_read_as_a_marker_or_a_replacement_pattern():
    assert personalise("support _____ so {they} can", r"{they} \1 \g<0>", Pronouns.HE) == (
        r"support {they} \1 \g<0> so he can"
    )


def test_agree_verb_leaves_modals_and_the_past_alone():
    assert agree_verb("can", plural=False) == "can"
    assert agree_verb("had", plural=False) == "had"
    assert agree_verb("has", plural=True) == "have"


# Through the pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_copy_of_an_agreement_reads_the_persons_pronouns(client, seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    page = BeautifulSoup(client.get(template.url).content, "html.parser").find("main")
    public = " ".join(page.get_text().split())
    # The template page shows the words as the source has them.
    assert "home is in his local community, and that they have the opportunity" in public
    assert "{" not in public

    owner = PractitionerFactory(username="owner")
    client.force_login(owner)
    for pronouns in Pronouns:
        agreement = PersonalisedAgreementFactory(
            owner=owner,
            template=template,
            details=PersonDetailsFactory(known_as="Sam", pronouns=pronouns),
        )
        for name in ["detail", "print"]:
            response = client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))
            text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
            assert HOME_SENTENCE[pronouns] in text, (name, pronouns)
            assert "{" not in text
        docx = " ".join(
            docx_text(
                client.get(reverse("agreements:docx", kwargs={"uuid": agreement.uuid})).content
            ).split()
        )
        assert HOME_SENTENCE[pronouns] in docx
        if pronouns == Pronouns.HE:
            assert "to live a good life" in docx and "active role in his local community" in docx

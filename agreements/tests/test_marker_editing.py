"""Editors are told how to mark the person's pronouns where they may, and a mistyped marker is
refused at its field when they publish, with nothing saved."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from agreements.markers import marker_problems
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from versioning.tests.test_versions import edit_form, make_user

pytestmark = pytest.mark.django_db

HELP = "Mark pronouns that mean the person in braces"


@pytest.fixture
def moderator(seeded_site, django_user_model):
    return make_user(django_user_model, "moderator", "Moderators")


def _isf_prompt(page: TemplatePage, words: str) -> list:
    """Rewords the Provider's second prompt in the first area; returns where that is."""
    page.body[1].value["party_prompts"][1]["prompts"][1] = words
    return [1, "party_prompts", 1, "prompts", 1]


def _partnering_paragraph(page: TemplatePage, words: str) -> list:
    """Rewords the first paragraph of a clause; returns where that is."""
    for index, child in enumerate(page.body):
        if child.block_type != "clause":
            continue
        for position, item in enumerate(child.value["content"]):
            if item.block_type == "paragraph":
                item.value = words
                return [index, "content", position]
    raise LookupError("no clause paragraph")


def messages_at(errors: dict, path: list) -> list[str]:
    """The messages of the block at ``path`` in a StreamField's errors (as Wagtail's editor
    receives them): only there, not above, for an error shown at its field."""
    for step in path:
        errors = errors["blockErrors"][step]
    return errors.get("messages", [])


def test_the_admin_edit_form_tells_editors_how_to_write_markers(client, moderator):
    client.force_login(moderator)
    page = TemplatePage.objects.get(slug=isf.SLUG)

    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()

    # The block definitions are JSON in the page: the help text is there for the fields.
    assert HELP in html
    assert "{want|wants} for a verb that agrees" in html.replace("&quot;", '"')
    assert "Translators keep the markers as they are" in html


@pytest.mark.parametrize(
    ("slug", "change"), [(isf.SLUG, _isf_prompt), (partnering.SLUG, _partnering_paragraph)]
)
@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("Help {thier} family find a home", "“{thier}” is not a pronoun that can mean the person"),
        ("Help {them understand the choices", "A brace is not closed or not opened"),
        ("Help {her} decide", "“{her}” could mean “them” or “their”"),
    ],
)
def test_publishing_a_mistyped_marker_is_refused_at_its_field_and_nothing_is_saved(
    client, moderator, slug, change, words, message
):
    client.force_login(moderator)
    page = TemplatePage.objects.get(slug=slug)
    revisions = page.revisions.count()
    draft = page.get_latest_revision_as_object()
    where = change(draft, words)
    form = edit_form(draft, change_note="Reworded a sentence.")
    form["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)

    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0].as_json_data()
    assert [text for text in messages_at(errors, where) if message in text] != []
    assert "messages" not in errors
    page.refresh_from_db()
    assert page.revisions.count() == revisions
    assert page.version == 1


def test_marked_sentences_pass_the_check_and_other_braces_are_named():
    for text in ("{They} like to do and {want|wants}", "{his} local community", "_____ home"):
        assert marker_problems(text) == []
    assert marker_problems("{a note}") == [
        "“{a note}” is not a marker. Write a pronoun, such as {their}, or two forms of a verb, "
        "such as {want|wants}."
    ]


def test_a_mistyped_marker_in_the_introduction_is_refused_at_its_field(client, moderator):
    client.force_login(moderator)
    page = TemplatePage.objects.get(slug=isf.SLUG)
    draft = page.get_latest_revision_as_object()
    form = edit_form(draft, change_note="Reworded the introduction.")
    form["intro"] = rich_text("<p>How we support {thier} family.</p>")
    form["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)

    assert response.status_code == 200
    intro_errors = response.context["form"].errors["intro"]
    assert "“{thier}” is not a pronoun that can mean the person" in intro_errors[0]
    page.refresh_from_db()
    assert "{thier}" not in page.intro
    assert page.version == 1

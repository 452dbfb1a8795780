"""Every publication is a numbered version with a change note; the public can read the
history, any past version, and what changed between two versions."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text

from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.forms import block_form_data
from agreements.tests.text import main_text
from guidance.models import GuidancePage
from seeding.loader import REVIEW_WORKFLOW
from versioning.comparison import compare_pages
from versioning.models import PageVersion

ISF_URL = f"/templates/{isf.SLUG}/"


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


def make_user(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def reword_first_prompt(page: TemplatePage, words: str, note: str) -> None:
    page = page.get_latest_revision_as_object()
    page.body[1].value["party_prompts"][0]["prompts"][0] = words
    page.change_note = note
    page.save_revision().publish()


def edit_form(page: TemplatePage, **changes) -> dict:
    """The admin edit form's data for the page, as the editor would post it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "maturity": page.maturity,
        "provenance": page.provenance,
        "intro": rich_text(page.intro),
        "parties": block_form_data(page.parties.stream_block, page.parties),
        "body": block_form_data(page.body.stream_block, page.body),
        "change_note": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_seeded_templates_are_version_1_with_a_note(isf_page):
    (version,) = PageVersion.objects.filter(page=isf_page)

    assert version.number == 1
    assert version.change_note == isf.CHANGE_NOTE
    assert isf_page.version == 1


def test_each_publication_is_the_next_version(isf_page):
    reword_first_prompt(isf_page, "Help find the outcomes", "Reworded a prompt.")
    reword_first_prompt(isf_page, "Help name the outcomes", "Reworded it again.")

    isf_page.refresh_from_db()
    assert isf_page.version == 3
    assert list(PageVersion.objects.filter(page=isf_page).values_list("number", "change_note")) == [
        (3, "Reworded it again."),
        (2, "Reworded a prompt."),
        (1, isf.CHANGE_NOTE),
    ]


def test_publishing_without_a_note_is_refused_whatever_the_route(isf_page):
    page = isf_page.get_latest_revision_as_object()
    page.change_note = "  "
    revision = page.save_revision()

    with pytest.raises(ValidationError) as raised:
        revision.publish()

    assert "Write a change note before publishing" in str(raised.value)
    assert PageVersion.objects.filter(page=isf_page).count() == 1


@pytest.mark.django_db
def test_publishing_in_the_admin_without_a_note_shows_the_message_at_the_field(
    isf_page, client, django_user_model
):
    moderator = make_user(django_user_model, "moderator", "Moderators")
    client.force_login(moderator)
    page = isf_page.get_latest_revision_as_object()
    form = edit_form(page, title="A new title")
    form["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=(isf_page.pk,)), form)

    assert response.status_code == 200
    assert "Write a change note before publishing" in response.content.decode()
    isf_page.refresh_from_db()
    assert isf_page.title == isf.TITLE
    assert isf_page.version == 1


@pytest.mark.django_db
def test_editors_change_goes_to_review_and_is_public_only_when_a_moderator_approves(
    isf_page, client, django_user_model
):
    editor = make_user(django_user_model, "editor", "Editors")
    moderator = make_user(django_user_model, "moderator", "Moderators")
    new_title = "ISF Partnership Agreement, tested"

    block_ids = [child.id for child in isf_page.body]
    client.force_login(editor)
    form = edit_form(
        isf_page.get_latest_revision_as_object(),
        title=new_title,
        change_note="Renamed after testing.",
    )
    form["action-publish"] = "action-publish"  # an editor cannot publish: this is ignored
    form["action-submit"] = "action-submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(isf_page.pk,)), form)
    assert response.status_code == 302

    isf_page.refresh_from_db()
    assert isf_page.title == isf.TITLE
    assert new_title not in client.get(ISF_URL).content.decode()
    workflow_state = isf_page.current_workflow_state
    assert workflow_state is not None
    assert workflow_state.workflow.name == "Template and guidance review"

    client.force_login(moderator)
    task_state = workflow_state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(isf_page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)

    client.logout()
    isf_page.refresh_from_db()
    assert isf_page.title == new_title
    assert isf_page.version == 2
    assert [child.id for child in isf_page.body] == block_ids
    assert new_title in client.get(ISF_URL).content.decode()
    assert PageVersion.objects.get(page=isf_page, number=2).change_note == "Renamed after testing."


def area_links(guidance: GuidancePage) -> list[tuple[str, str]]:
    return [
        (child.id, child.value["area"])
        for child in guidance.body
        if child.block_type == "area_guidance"
    ]


def guidance_edit_form(page, **changes) -> dict:
    """The admin edit form's data for a guidance page, as the editor would post it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "about_template": page.about_template_id or "",
        "body": block_form_data(page.body.stream_block, page.body),
        "change_note": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editors_change_to_guidance_goes_to_review_and_is_public_only_when_approved(
    seeded_site, client, django_user_model
):
    editor = make_user(django_user_model, "editor", "Editors")
    moderator = make_user(django_user_model, "moderator", "Moderators")
    guidance = GuidancePage.objects.get()
    new_summary = "Choose the areas that matter to the person, then agree who will do what."
    areas_before = area_links(guidance)
    assert len(areas_before) == 7

    client.force_login(editor)
    form = guidance_edit_form(
        guidance.get_latest_revision_as_object(),
        summary=new_summary,
        change_note="Summary reworded after testing.",
    )
    form["action-submit"] = "action-submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(guidance.pk,)), form)
    assert response.status_code == 302

    guidance.refresh_from_db()
    assert guidance.summary != new_summary
    assert new_summary not in client.get(guidance.url).text
    workflow_state = guidance.current_workflow_state
    assert workflow_state.workflow.name == REVIEW_WORKFLOW

    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(guidance.pk, "approve", workflow_state.current_task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)

    client.logout()
    guidance.refresh_from_db()
    assert guidance.summary == new_summary
    assert guidance.version == 2
    assert new_summary in client.get(guidance.url).text
    assert area_links(guidance) == areas_before  # came through the admin form unchanged


@pytest.mark.django_db
def test_a_page_in_review_is_locked_for_other_editors(isf_page, client, django_user_model):
    editor = make_user(django_user_model, "editor", "Editors")
    other_editor = make_user(django_user_model, "other", "Editors")
    page = isf_page.get_latest_revision_as_object()
    page.change_note = "Renamed."
    revision = page.save_revision(user=editor)

    Workflow.objects.get(name=REVIEW_WORKFLOW).start(isf_page, editor)

    isf_page.refresh_from_db()
    assert revision.pk
    assert isf_page.get_lock().for_user(other_editor)


def test_version_history_lists_number_date_and_note(isf_page, client):
    reword_first_prompt(isf_page, "Help find the outcomes", "Reworded a prompt after testing.")

    text = main_text(client.get(f"{ISF_URL}versions/").text)

    assert "Version history" in text
    assert "2 " in text and "Reworded a prompt after testing." in text
    assert "1 " in text and isf.CHANGE_NOTE in text
    assert text.index("Reworded a prompt after testing.") < text.index(isf.CHANGE_NOTE)


def test_a_past_version_can_be_read(isf_page, client):
    reword_first_prompt(isf_page, "Help find the outcomes", "Reworded a prompt.")

    past = client.get(f"{ISF_URL}versions/1/")
    current = main_text(client.get(ISF_URL).text)

    assert past.status_code == 200
    past_text = main_text(past.text)
    assert "You are reading version 1" in past_text
    assert "Help identify the outcomes" in past_text
    assert "Help identify the outcomes" not in current
    assert "Help find the outcomes" in current
    assert client.get(f"{ISF_URL}versions/7/").status_code == 404


def test_the_diff_of_two_versions_shows_exactly_the_words_changed(isf_page, client):
    reword_first_prompt(isf_page, "Help find the outcomes", "Reworded a prompt.")
    versions = {version.number: version for version in PageVersion.objects.filter(page=isf_page)}

    sections = compare_pages(versions[1].as_page(), versions[2].as_page())
    changed = [section for section in sections if section.status != "unchanged"]

    assert [section.heading for section in changed] == ["Area 1: Agreeing Outcomes"]
    assert changed[0].removed_words == ["identify"]
    assert changed[0].added_words == ["find"]
    html = client.get(f"{ISF_URL}versions/1/compare/2/").text
    assert "Area 1: Agreeing Outcomes (changed)" in main_text(html)
    assert "Area 2" not in main_text(html)
    assert '<del><span class="visually-hidden">Removed: </span>identify</del>' in html
    assert '<ins><span class="visually-hidden">Added: </span>find</ins>' in html


def test_the_diff_groups_added_removed_and_moved_areas(isf_page):
    page = isf_page.get_latest_revision_as_object()
    body = page.body
    support = body[6]
    del body[6]  # remove Support
    body.append(("area", support.value))  # a new block, not the old id: counts as added
    body.insert(1, body.pop(2))  # move Resources before Agreeing Outcomes: matched by id
    page.change_note = "Reordered and replaced areas."
    page.save_revision().publish()
    old, new = [version.as_page() for version in PageVersion.objects.filter(page=isf_page)][::-1]

    statuses = {section.heading: section.status for section in compare_pages(old, new)}

    assert statuses["Area 6: Support"] == "removed"
    assert statuses["Area 7: Support"] == "added"
    assert statuses["Area 1: Resources"] == "unchanged"
    assert all(
        status == "unchanged"
        for heading, status in statuses.items()
        if "Support" not in heading and heading != "Introduction"
    )


def test_compare_form_redirects_to_the_comparison_in_order(isf_page, client):
    reword_first_prompt(isf_page, "Help find the outcomes", "Reworded a prompt.")

    response = client.get(f"{ISF_URL}versions/compare/", {"old": 2, "new": 1})

    assert response.status_code == 302
    assert response["Location"] == f"{ISF_URL}versions/1/compare/2/"


def test_guidance_pages_have_versions_too(seeded_site, client):
    page = Page.objects.get(slug="how-to-use-the-isf-partnership-agreement").specific

    assert page.version == 1
    assert "Version 1, last updated" in main_text(client.get(page.url).text)
    assert client.get(f"{page.url}versions/").status_code == 200


@pytest.mark.django_db
def test_bulk_publishing_a_draft_without_a_note_is_refused(isf_page, client, django_user_model):
    moderator = make_user(django_user_model, "moderator", "Moderators")
    page = isf_page.get_latest_revision_as_object()
    page.title = "Draft title"
    page.change_note = ""
    page.save_revision(user=moderator)
    client.force_login(moderator)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={isf_page.pk}&next=/admin/"
    )

    response = client.post(url, {"include_descendants": ""}, follow=True)

    assert "Write a change note in the editor before publishing" in response.content.decode()
    isf_page.refresh_from_db()
    assert isf_page.title == isf.TITLE
    assert isf_page.version == 1


def test_republishing_the_same_revision_is_not_a_new_version(isf_page):
    isf_page.live_revision.publish()

    assert PageVersion.objects.filter(page=isf_page).count() == 1


def test_the_diff_of_the_partnering_agreement_is_grouped_by_clause(seeded_site, client):
    from agreements.seed_content import partnering

    suffolk = TemplatePage.objects.get(slug=partnering.SLUG)
    page = suffolk.get_latest_revision_as_object()
    termination = next(
        block
        for block in page.body
        if block.block_type == "clause" and "Termination" in block.value["heading"]
    )
    first_paragraph = termination.value["content"][0]
    first_paragraph.value = first_paragraph.value.replace("6 months’", "three months’")
    page.change_note = "Shorter notice."
    page.save_revision().publish()
    versions = {version.number: version for version in PageVersion.objects.filter(page=suffolk)}

    sections = compare_pages(versions[1].as_page(), versions[2].as_page())
    changed = [section for section in sections if section.status != "unchanged"]

    assert [section.heading for section in changed] == [
        "Clause 8: Termination of the Partnering Agreement"
    ]
    assert changed[0].removed_words == ["6"]
    assert changed[0].added_words == ["three"]
    html = client.get(f"/templates/{partnering.SLUG}/versions/1/compare/2/").text
    assert "Clause 8: Termination of the Partnering Agreement (changed)" in main_text(html)

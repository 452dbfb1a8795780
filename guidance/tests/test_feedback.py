"""Practitioners tell editors what happened when they used a template; editors see it as a
report, mark it addressed by a version, and the practitioner sees that."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.practitioners import PRACTITIONERS
from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.text import main_text
from guidance.feedback import Feedback, FeedbackStatus
from versioning.models import PageVersion


def make_user(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="a-long-test-password"
    )
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


@pytest.fixture
def practitioner(django_user_model):
    return make_user(django_user_model, "sam", PRACTITIONERS)


@pytest.fixture
def other_practitioner(django_user_model):
    return make_user(django_user_model, "alex", PRACTITIONERS)


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", "Editors")


def support_area(page: TemplatePage):
    return next(child for child in page.body if child.value.get("title") == "Support")


def test_each_area_links_to_feedback_on_that_area(isf_page, client):
    html = client.get(isf_page.url).text
    area = support_area(isf_page)

    assert f"/feedback/new/?page={isf_page.pk}&amp;area={area.id}" in html


def test_practitioner_leaves_feedback_on_an_area(isf_page, client, practitioner):
    area = support_area(isf_page)
    client.force_login(practitioner)

    form = client.get(reverse("leave_feedback"), {"page": isf_page.pk, "area": area.id})
    response = client.post(
        reverse("leave_feedback"),
        {"page": isf_page.pk, "area": area.id, "body": "Families wanted to help recruit."},
    )

    assert "About the area “Support”" in main_text(form.text)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.page_id, feedback.area_block_id, feedback.area_title) == (
        practitioner,
        isf_page.pk,
        area.id,
        "Support",
    )
    assert feedback.status == FeedbackStatus.OPEN


def test_empty_feedback_is_refused_at_the_field(isf_page, client, practitioner):
    client.force_login(practitioner)

    response = client.post(reverse("leave_feedback"), {"page": isf_page.pk, "body": "  "})

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Feedback.objects.exists()


def test_feedback_on_an_unknown_area_is_refused(isf_page, client, practitioner):
    client.force_login(practitioner)

    response = client.post(
        reverse("leave_feedback"), {"page": isf_page.pk, "area": "nope", "body": "Hello"}
    )

    assert "That area is no longer part of this template." in response.text
    assert not Feedback.objects.exists()


def test_only_signed_in_practitioners_can_leave_feedback(isf_page, client, editor):
    anonymous = client.get(reverse("leave_feedback"), {"page": isf_page.pk})
    client.force_login(editor)
    as_editor = client.post(reverse("leave_feedback"), {"page": isf_page.pk, "body": "Hi"})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("sign_in"))
    assert as_editor.status_code == 403
    assert not Feedback.objects.exists()


def test_editors_see_feedback_in_a_filterable_report(isf_page, client, practitioner, editor):
    Feedback.objects.create(
        author=practitioner, page=isf_page, area_title="Support", body="Recruiting together."
    )
    Feedback.objects.create(
        author=practitioner, page=isf_page, area_title="Resources", body="Budgets were unclear."
    )
    client.force_login(editor)
    url = reverse("wagtailsnippets_guidance_feedback:list")

    everything = client.get(url)
    support_only = client.get(url, {"area_title": "Support", "page": isf_page.pk})
    addressed_only = client.get(url, {"status": "addressed"})

    assert everything.status_code == 200
    assert "Support" in everything.text and "Resources" in everything.text
    assert "Individual Support Fund Partnership Agreement: Support" in support_only.text
    assert "Individual Support Fund Partnership Agreement: Resources" not in support_only.text
    assert "Individual Support Fund Partnership Agreement: Support" not in addressed_only.text


def test_editor_marks_feedback_addressed_by_a_version_and_the_author_sees_it(
    isf_page, client, practitioner, other_practitioner, editor
):
    feedback = Feedback.objects.create(
        author=practitioner, page=isf_page, area_title="Support", body="Recruiting together."
    )
    page = isf_page.get_latest_revision_as_object()
    page.change_note = "Support: families help recruit."
    page.save_revision().publish()
    version_2 = PageVersion.objects.get(page=isf_page, number=2)
    client.force_login(editor)

    response = client.post(
        reverse("wagtailsnippets_guidance_feedback:edit", args=(feedback.pk,)),
        {"status": "addressed", "addressed_in": version_2.pk, "response": "Thanks: done."},
    )

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.addressed_in) == ("addressed", version_2)

    client.force_login(practitioner)
    mine = main_text(client.get(reverse("my_feedback")).text)
    assert "Addressed in version 2." in mine
    assert "Thanks: done." in mine

    client.force_login(other_practitioner)
    theirs = client.get(reverse("my_feedback")).text
    assert "Recruiting together." not in theirs
    assert "sam" not in main_text(theirs)


def test_marking_addressed_needs_a_version_of_the_same_page(isf_page, client, editor):
    feedback = Feedback.objects.create(page=isf_page, body="Too long.")
    other = TemplatePage.objects.exclude(pk=isf_page.pk).first()
    other_version = PageVersion.objects.get(page=other, number=1)
    client.force_login(editor)
    url = reverse("wagtailsnippets_guidance_feedback:edit", args=(feedback.pk,))

    without_version = client.post(url, {"status": "addressed", "addressed_in": "", "response": ""})
    wrong_page = client.post(
        url, {"status": "addressed", "addressed_in": other_version.pk, "response": ""}
    )

    assert "Choose the version that addressed this feedback." in without_version.text
    assert wrong_page.status_code == 200
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.OPEN


def test_feedback_pages_are_never_cached(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("my_feedback"))

    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_feedback_and_its_author_appear_on_no_public_page_nor_to_other_practitioners(
    isf_page, client, practitioner, other_practitioner
):
    from guidance.models import GuidancePage

    practitioner.first_name, practitioner.last_name = "Samira", "Quinnell"
    practitioner.save()
    guidance = GuidancePage.objects.get()
    area = support_area(isf_page)
    Feedback.objects.create(
        author=practitioner,
        page=isf_page,
        area_block_id=area.id,
        area_title="Support",
        body="Wintergreen: the family recruited together.",
        status=FeedbackStatus.ADDRESSED,
        addressed_in=PageVersion.objects.get(page=isf_page, number=1),
        response="Wintergreen response.",
    )
    Feedback.objects.create(author=practitioner, page=guidance, body="Wintergreen guidance.")
    urls = [
        isf_page.url,
        f"{isf_page.url}versions/",
        guidance.url,
        f"/api/v2/pages/{isf_page.pk}/",
        f"/api/v2/pages/{guidance.pk}/",
    ]

    for viewer in (None, other_practitioner):
        if viewer:
            client.force_login(viewer)
        urls_for_viewer = urls + ([reverse("my_feedback")] if viewer else [])
        for url in urls_for_viewer:
            response = client.get(url)
            assert response.status_code == 200, url
            for private in ("Wintergreen", "Samira", "Quinnell"):
                assert private not in response.text, f"{private!r} shown at {url} to {viewer}"
        # Search echoes the query, so what matters there is that nothing is found.
        found = main_text(client.get("/search/", {"q": "Wintergreen"}).text)
        assert "No results for “Wintergreen”" in found

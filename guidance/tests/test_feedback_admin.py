"""The editors' list of practitioners' feedback in the Wagtail admin: what was said (a snippet,
escaped), by whom, where it stands, and filters that narrow it; seen by editors and moderators
only."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.practitioners import EDITORS, MODERATORS, PRACTITIONERS
from agreements.factories import area, published_template
from agreements.models import TemplatePage
from guidance.feedback import Feedback, FeedbackStatus
from versioning.models import PageVersion

LIST_URL_NAME = "wagtailsnippets_guidance_feedback:list"
HOSTILE = "<script>alert('feedback')</script>"


def make_user(django_user_model, username: str, group: str | None, **names):
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password", **names
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def template(db) -> TemplatePage:
    return published_template(slug="walrus-care", body=[area("Feeding"), area("Housing")])


@pytest.fixture
def other_template(template) -> TemplatePage:
    return published_template(slug="otter-care", title="Otter care", body=[area("Rivers")])


@pytest.fixture
def samira(django_user_model):
    return make_user(
        django_user_model, "samira", PRACTITIONERS, first_name="Samira", last_name="Quinnell"
    )


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "edie", EDITORS)


def feedback_list(client, **filters) -> str:
    response = client.get(reverse(LIST_URL_NAME), filters)
    assert response.status_code == 200
    return response.text


def test_feedback_list_shows_a_snippet_of_the_text_its_sender_and_its_status(
    client, template, samira, editor, django_user_model
):
    jo = make_user(django_user_model, "jo-practitioner", PRACTITIONERS)
    long_text = f"Booking the review {HOSTILE} was hard. " + "We tried again. " * 30 + "Tailword."
    Feedback.objects.create(author=samira, page=template, area_title="Feeding", body=long_text)
    Feedback.objects.create(
        author=jo,
        page=template,
        area_title="Housing",
        body="The housing prompts read well aloud.",
        status=FeedbackStatus.ADDRESSED,
        addressed_in=PageVersion.objects.get(page=template, number=1),
    )
    client.force_login(editor)

    html = feedback_list(client)

    assert "Booking the review &lt;script&gt;alert(&#x27;feedback&#x27;)&lt;/script&gt;" in html
    assert HOSTILE not in html
    assert "Tailword." not in html  # a snippet, not the whole text
    assert "The housing prompts read well aloud." in html
    assert "Samira Quinnell" in html
    assert "jo-practitioner" in html
    assert "Addressed in version 1" in html
    assert ">Open<" in html.replace("\n", "").replace(" ", "")


def test_each_feedback_filter_narrows_the_list(client, template, other_template, samira, editor):
    Feedback.objects.create(author=samira, page=template, body="Walrus feeding was unclear.")
    Feedback.objects.create(
        author=samira,
        page=template,
        body="Walrus housing is settled.",
        status=FeedbackStatus.ADDRESSED,
        addressed_in=PageVersion.objects.get(page=template, number=1),
    )
    old = Feedback.objects.create(author=samira, page=other_template, body="Otters need rivers.")
    Feedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    client.force_login(editor)
    last_month = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    everything = (
        "Walrus feeding was unclear.",
        "Walrus housing is settled.",
        "Otters need rivers.",
    )

    def shown(**filters) -> set[str]:
        html = feedback_list(client, **filters)
        return {body for body in everything if body in html}

    assert shown() == set(everything)
    assert shown(status="addressed") == {"Walrus housing is settled."}
    assert shown(status="open") == {"Walrus feeding was unclear.", "Otters need rivers."}
    assert shown(page=other_template.pk) == {"Otters need rivers."}
    assert shown(created_at_from=last_month) == {
        "Walrus feeding was unclear.",
        "Walrus housing is settled.",
    }
    assert shown(created_at_to=last_month) == {"Otters need rivers."}


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_see_the_feedback_list(
    client, template, samira, django_user_model, group
):
    Feedback.objects.create(author=samira, page=template, body="Walrus feeding was unclear.")
    client.force_login(make_user(django_user_model, "reviewer", group))

    assert "Walrus feeding was unclear." in feedback_list(client)


def test_nobody_else_sees_the_feedback_list(client, template, samira, django_user_model):
    Feedback.objects.create(author=samira, page=template, body="Walrus feeding was unclear.")
    # Someone who may use the admin, but is neither an editor nor a moderator.
    admin_user = make_user(django_user_model, "other-admin-user", None)
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))

    for user in (None, samira, admin_user):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(reverse(LIST_URL_NAME))
        assert response.status_code == 302, user
        assert "Walrus feeding" not in client.get(reverse(LIST_URL_NAME), follow=True).text

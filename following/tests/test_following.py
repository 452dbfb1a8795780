"""Practitioners follow a template; each major change emails each follower once, with the
change note and a link to review it in each of their agreements, and names nobody; a minor
change emails nobody and leaves the "last updated" date as it was."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from agreements.models import TemplatePage
from following.models import TemplateFollow
from following.services import follow
from pagecache import store
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import SharePermission
from personalised.tests.records_helpers import share
from tests.template_shapes import SHAPES
from versioning.models import ChangeKind, PageVersion

pytestmark = pytest.mark.django_db

PERSON = "Zarah Secretperson"


@pytest.fixture(params=list(SHAPES))
def template(request) -> TemplatePage:
    return SHAPES[request.param]().template


@pytest.fixture
def email_through_tasks(settings):
    """Email goes through the task backend, as in production; the task delivers it to
    mail.outbox (the test settings run tasks at once)."""
    settings.EMAIL_BACKEND = "jobs.mail.TaskEmailBackend"
    settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def publish(template: TemplatePage, note: str, kind: str, capture) -> PageVersion:
    page = template.get_latest_revision_as_object()
    page.change_note = note
    page.change_kind = kind
    with capture(execute=True):
        page.save_revision().publish()
    return PageVersion.objects.filter(page_id=template.pk).order_by("-number").first()


def agreement_for(template: TemplatePage, owner):
    return PersonalisedAgreementFactory(
        owner=owner, template=template, details=PersonDetailsFactory(person_name=PERSON)
    )


def update_links(body: str) -> list[str]:
    return re.findall(r"http://testserver(/agreements/[0-9a-f-]+/updates/)", body)


def test_a_practitioner_follows_and_unfollows_a_template_from_its_page(client, template):
    practitioner = PractitionerFactory()
    client.force_login(practitioner)
    follow_url = reverse("agreements:follow", args=[template.pk])

    assert follow_url in client.get(template.url).text
    assert 'value="follow"' in client.get(follow_url).text

    response = client.post(follow_url, {"action": "follow"})
    assert response.status_code == 302
    assert TemplateFollow.objects.filter(user=practitioner, page=template).count() == 1
    client.post(follow_url, {"action": "follow"})  # a second click is still one follow
    assert TemplateFollow.objects.filter(user=practitioner, page=template).count() == 1
    assert 'value="unfollow"' in client.get(follow_url).text

    client.post(follow_url, {"action": "unfollow"})
    assert not TemplateFollow.objects.filter(user=practitioner, page=template).exists()


def test_only_practitioners_can_follow(client, template):
    editor = PractitionerFactory()
    editor.groups.set([Group.objects.get(name=EDITORS)])
    client.force_login(editor)
    follow_url = reverse("agreements:follow", args=[template.pk])

    assert client.post(follow_url, {"action": "follow"}).status_code == 403
    assert follow_url not in client.get(template.url).text
    assert not TemplateFollow.objects.exists()

    client.logout()
    response = client.post(follow_url, {"action": "follow"})
    assert response.status_code == 302 and reverse("sign_in") in response["Location"]
    assert not TemplateFollow.objects.exists()


def test_the_public_template_page_stays_cacheable_with_no_follow_form(client, template):
    first = client.get(template.url)
    second = client.get(template.url)

    assert "csrfmiddlewaretoken" not in first.text
    assert reverse("agreements:follow", args=[template.pk]) not in first.text
    assert second.get(store.HIT_HEADER) == "hit"


def test_each_follower_gets_one_email_per_major_change_with_a_link_per_agreement(
    template, email_through_tasks, django_capture_on_commit_callbacks
):
    owner, collaborator, bystander = (PractitionerFactory() for _ in range(3))
    owned = agreement_for(template, owner)
    second = agreement_for(template, owner)
    shared = agreement_for(template, bystander)
    share(shared, collaborator, SharePermission.VIEW)
    agreement_for(template, bystander)  # not shared: its link goes to nobody
    follow(owner, template)
    follow(collaborator, template)
    mail.outbox.clear()

    version = publish(
        template,
        "Reworded the outcomes after testing.",
        "major",
        django_capture_on_commit_callbacks,
    )

    assert version.change_kind == ChangeKind.MAJOR
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert set(by_recipient) == {owner.email, collaborator.email}
    owners_email = by_recipient[owner.email].body
    assert "Reworded the outcomes after testing." in owners_email
    assert template.title in by_recipient[owner.email].subject
    assert update_links(owners_email) == [
        reverse("agreements:updates", args=[owned.uuid]),
        reverse("agreements:updates", args=[second.uuid]),
    ]
    assert update_links(by_recipient[collaborator.email].body) == [
        reverse("agreements:updates", args=[shared.uuid])
    ]


def test_the_email_names_no_person_and_no_practitioner(
    template, email_through_tasks, django_capture_on_commit_callbacks
):
    owner = PractitionerFactory(first_name="Priyanka", last_name="Uniquesurname")
    agreement = agreement_for(template, owner)
    agreement.known_as = "Zazzy"
    agreement.save()
    follow(owner, template)

    publish(template, "Clearer wording.", "major", django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    text = message.subject + message.body
    for name in (PERSON, "Zazzy", "Priyanka", "Uniquesurname", "Alex Person", "Jo Person"):
        assert name not in text
    assert agreement.title in text


def test_a_minor_change_emails_nobody_and_keeps_the_last_updated_date(
    template, email_through_tasks, django_capture_on_commit_callbacks
):
    follower = PractitionerFactory()
    agreement_for(template, follower)
    follow(follower, template)
    template.refresh_from_db()
    updated = template.last_updated_at
    assert updated is not None

    version = publish(template, "Fixed a typo.", "minor", django_capture_on_commit_callbacks)

    assert version.change_kind == ChangeKind.MINOR
    assert mail.outbox == []
    template.refresh_from_db()
    assert template.last_updated_at == updated
    assert template.last_published_at > updated

    publish(template, "Added a prompt.", "major", django_capture_on_commit_callbacks)
    template.refresh_from_db()
    assert template.last_updated_at == template.last_published_at
    assert len(mail.outbox) == 1


def test_unfollowing_stops_the_emails(
    template, email_through_tasks, django_capture_on_commit_callbacks
):
    follower = PractitionerFactory()
    follow(follower, template)
    publish(template, "First change.", "major", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    TemplateFollow.objects.filter(user=follower).delete()
    publish(template, "Second change.", "major", django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_someone_no_longer_a_practitioner_is_not_emailed(
    template, email_through_tasks, django_capture_on_commit_callbacks
):
    follower = PractitionerFactory()
    follow(follower, template)
    follower.groups.clear()

    publish(template, "A change.", "major", django_capture_on_commit_callbacks)

    assert mail.outbox == []

"""The audit log: the owner reads who did what and when; administrators read it in Wagtail's
site history; nobody can change it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from personalised import audit
from personalised.deleting import services as deletion
from personalised.factories import PersonalisedAgreementFactory
from personalised.sharing import services as sharing

pytestmark = pytest.mark.django_db

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")


@pytest.fixture
def owner():
    return PractitionerFactory(username="owner", first_name="Olive", last_name="Owner")


@pytest.fixture
def colleague():
    return PractitionerFactory(username="carol", first_name="Carol", last_name="Colleague")


@pytest.fixture
def agreement(owner, colleague):
    """An agreement that has been forked, read, shared, changed, exported and unshared."""
    agreement = PersonalisedAgreementFactory(owner=owner)
    share = sharing.share(agreement, colleague, "edit", by=owner)
    audit.record(agreement, audit.VIEW, colleague)
    agreement.save_revision(user=colleague, log_action=True)
    audit.record(agreement, audit.EXPORT, colleague, format="docx")
    sharing.revoke(share, by=owner)
    return agreement


def url(agreement) -> str:
    return reverse("agreements:audit_log", kwargs={"uuid": agreement.uuid})


def test_the_owner_reads_who_did_what_and_when(client, agreement, owner):
    client.force_login(owner)

    response = client.get(url(agreement))

    assert response.status_code == 200
    rows = [(entry.action, entry.user_display_name) for entry in response.context["entries_page"]]
    assert rows == [
        (audit.UNSHARE, "Olive Owner"),
        (audit.EXPORT, "Carol Colleague"),
        ("wagtail.edit", "Carol Colleague"),
        (audit.VIEW, "Carol Colleague"),
        (audit.SHARE, "Olive Owner"),
        (audit.FORK, "Olive Owner"),
    ]
    content = response.content.decode()
    assert "Shared: <bdi>Carol Colleague</bdi> (Can edit)" in content
    assert "Exported" in content and "(docx)" in content
    main = content.split('id="main-content"')[1].split("</main>")[0]
    assert "<form" not in main  # nothing to change here (the footer has the session notice)


def test_the_log_cannot_be_changed_through_its_page(client, agreement, owner):
    client.force_login(owner)
    before = list(ModelLogEntry.objects.for_instance(agreement).values_list("pk", "action"))

    response = client.post(url(agreement), {"action": "agreements.view"})

    assert response.status_code == 405
    assert list(ModelLogEntry.objects.for_instance(agreement).values_list("pk", "action")) == (
        before
    )


def test_the_owner_can_read_the_log_of_a_deleted_agreement(client, agreement, owner):
    deletion.soft_delete(agreement, owner)
    client.force_login(owner)

    response = client.get(url(agreement))

    assert response.status_code == 200
    assert response.context["entries_page"][0].action == audit.DELETE


def test_an_administrator_reads_it_in_wagtails_site_history_without_a_way_to_edit_it(
    client, agreement, django_user_model
):
    administrator = django_user_model.objects.create_superuser("root", password="x" * 20)
    client.force_login(administrator)

    response = client.get(SITE_HISTORY)

    assert response.status_code == 200
    content = response.content.decode()
    assert str(agreement) in content  # the template's title and a number, not the person
    assert agreement.person_name not in content
    for label in ("Sharing revoked", "Exported", "Viewed", "Shared", "Forked from a template"):
        assert label in content
    agreement_url = agreement.get_absolute_url()
    assert agreement_url not in content  # no link to edit (or read) the agreement from here
    # Log entries are not in Django's admin, and the report takes no changes.
    assert ModelLogEntry not in admin.site._registry
    assert client.post(SITE_HISTORY, {"action": "x"}).status_code == 405


def test_editors_do_not_see_agreements_in_the_site_history(client, agreement):
    editor = PractitionerFactory(username="edie")
    editor.groups.set([Group.objects.get(name=EDITORS)])
    client.force_login(editor)

    response = client.get(SITE_HISTORY)

    assert response.status_code == 200
    assert str(agreement) not in response.content.decode()

"""Soft delete with restore for 30 days, then erasure by `erase_deleted_agreements`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from accounts.factories import PractitionerFactory
from agreements.tests.text import main_text
from personalised import audit
from personalised.deleting import services as deletion
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, PartyConsent, PartyMember, PersonalisedAgreement
from personalised.tests.records_helpers import agree_all, share

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PractitionerFactory(username="owner")


@pytest.fixture
def agreement(owner):
    return PersonalisedAgreementFactory(owner=owner)


def url(name: str, agreement) -> str:
    return reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid})


def test_delete_asks_first_then_hides_it_from_everyone(client, agreement, owner):
    colleague = PractitionerFactory()
    share(agreement, colleague, "edit")
    client.force_login(owner)

    confirm = client.get(url("delete", agreement))
    assert confirm.status_code == 200
    assert "for 30 days" in confirm.content.decode()
    agreement.refresh_from_db()
    assert not agreement.is_deleted

    response = client.post(url("delete", agreement))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.is_deleted
    assert audit.DELETE in [entry.action for entry in audit.entries_for(agreement)]
    assert agreement.person_name not in client.get(reverse("agreements:list")).content.decode()
    assert client.get(agreement.get_absolute_url()).status_code == 404
    client.force_login(colleague)
    assert client.get(agreement.get_absolute_url()).status_code == 404


def test_deleted_agreements_show_when_they_will_be_erased_and_can_be_restored(
    client, agreement, owner
):
    deletion.soft_delete(agreement, owner)
    PersonalisedAgreement.objects.filter(pk=agreement.pk).update(
        deleted_at=timezone.now() - timedelta(days=10)
    )
    agreement.refresh_from_db()
    client.force_login(owner)

    listed = client.get(reverse("agreements:deleted")).content.decode()

    assert agreement.person_name in listed
    assert agreement.erase_after.strftime("%Y-%m-%d") in listed
    assert agreement.erase_after.date() == (timezone.now() + timedelta(days=20)).date()

    response = client.post(url("restore", agreement))

    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    agreement.refresh_from_db()
    assert not agreement.is_deleted
    assert audit.RESTORE in [entry.action for entry in audit.entries_for(agreement)]
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert agreement.person_name not in client.get(reverse("agreements:deleted")).content.decode()


def test_only_the_owner_sees_their_deleted_agreements(client, agreement, owner):
    deletion.soft_delete(agreement, owner)
    client.force_login(PractitionerFactory())

    assert agreement.person_name not in client.get(reverse("agreements:deleted")).content.decode()
    assert client.post(url("restore", agreement)).status_code == 404


def deleted_days_ago(owner, days: int) -> PersonalisedAgreement:
    agreement = PersonalisedAgreementFactory(owner=owner)
    agreement.save_revision(user=owner)
    agree_all(agreement)
    share(agreement, PractitionerFactory(), "view")
    deletion.soft_delete(agreement, owner)
    PersonalisedAgreement.objects.filter(pk=agreement.pk).update(
        deleted_at=timezone.now() - timedelta(days=days)
    )
    return agreement


def revisions_of(agreement) -> int:
    content_type = ContentType.objects.get_for_model(PersonalisedAgreement)
    return Revision.objects.filter(content_type=content_type, object_id=str(agreement.pk)).count()


def erase(*args) -> str:
    out = StringIO()
    call_command("erase_deleted_agreements", *args, stdout=out)
    return out.getvalue()


def test_erasure_removes_the_agreement_its_revisions_agreements_and_shares(owner):
    due = deleted_days_ago(owner, 31)
    recent = deleted_days_ago(owner, 29)
    active = PersonalisedAgreementFactory(owner=owner)
    assert revisions_of(due) == 2
    # Each of its five people's consent: the two organisations' and the family's three.
    assert PartyConsent.objects.filter(agreement=due).count() == 5

    output = erase()

    assert "Erased 1 deleted agreement(s)." in output
    assert not PersonalisedAgreement.objects.filter(pk=due.pk).exists()
    assert revisions_of(due) == 0  # RevisionMixin's generic relation cascades
    assert not PartyConsent.objects.filter(agreement_id=due.pk).exists()
    assert not PartyMember.objects.filter(agreement_id=due.pk).exists()
    assert not AgreementShare.objects.filter(agreement_id=due.pk).exists()
    assert PersonalisedAgreement.objects.filter(pk__in=[recent.pk, active.pk]).count() == 2
    assert revisions_of(recent) == 2
    # The log stays, saying what was erased and when, but nothing about the person.
    entries = ModelLogEntry.objects.filter(object_id=str(due.pk))
    erased = entries.get(action=audit.ERASE)
    assert erased.user is None
    assert due.person_name not in str(list(entries.values_list("label", "data")))


def test_erasure_is_idempotent(owner):
    deleted_days_ago(owner, 40)

    assert "Erased 1 deleted agreement(s)." in erase()
    assert "Erased 0 deleted agreement(s)." in erase()


def test_a_dry_run_counts_and_erases_nothing(owner):
    due = deleted_days_ago(owner, 31)

    output = erase("--dry-run")

    assert "1 deleted agreement(s) would be erased." in output
    assert PersonalisedAgreement.objects.filter(pk=due.pk).exists()
    assert revisions_of(due) == 2
    assert not ModelLogEntry.objects.filter(object_id=str(due.pk), action=audit.ERASE).exists()


# ------------------------------------------------------------------ restoring and its shares


@pytest.fixture
def deleted_shared_agreement(agreement, owner):
    carol = PractitionerFactory(username="carol", first_name="Carol", last_name="Colleague")
    dan = PractitionerFactory(username="dan", first_name="Dan", last_name="Other")
    share(agreement, carol, "edit")
    share(agreement, dan, "view")
    deletion.soft_delete(agreement, owner)
    return agreement


def restore_entry(agreement):
    return audit.entries_for(agreement).filter(action=audit.RESTORE).get()


def test_restoring_asks_first_and_names_the_people_it_was_shared_with(
    client, deleted_shared_agreement, owner
):
    client.force_login(owner)
    deleted_page = client.get(reverse("agreements:deleted")).content.decode()
    assert f'href="{url("restore", deleted_shared_agreement)}"' in deleted_page

    confirm = client.get(url("restore", deleted_shared_agreement))

    assert confirm.status_code == 200
    text = main_text(confirm.content.decode())
    assert "This agreement was shared with 2 people:" in text
    assert "Carol Colleague (can read and change it)" in text
    assert "Dan Other (can read it)" in text
    assert confirm.context["form"]["shares"].value() == "keep_private"
    deleted_shared_agreement.refresh_from_db()
    assert deleted_shared_agreement.is_deleted


def test_restoring_without_its_shares_leaves_it_private_and_the_log_says_so(
    client, deleted_shared_agreement, owner
):
    client.force_login(owner)

    response = client.post(url("restore", deleted_shared_agreement), {"shares": "keep_private"})

    assert response.status_code == 302
    deleted_shared_agreement.refresh_from_db()
    assert not deleted_shared_agreement.is_deleted
    assert not AgreementShare.objects.active().filter(agreement=deleted_shared_agreement).exists()
    client.force_login(PractitionerFactory(username="carol"))
    assert client.get(deleted_shared_agreement.get_absolute_url()).status_code == 404
    assert restore_entry(deleted_shared_agreement).data == {"shares": 2, "shares_restored": False}
    actions = [entry.action for entry in audit.entries_for(deleted_shared_agreement)]
    assert actions.count(audit.UNSHARE) == 2
    client.force_login(owner)
    log = main_text(client.get(url("audit_log", deleted_shared_agreement)).content.decode())
    assert "Restored (without its 2 shares)" in log


def test_restoring_with_its_shares_gives_them_back_and_the_log_says_so(
    client, deleted_shared_agreement, owner
):
    client.force_login(owner)

    client.post(url("restore", deleted_shared_agreement), {"shares": "restore"})

    deleted_shared_agreement.refresh_from_db()
    assert not deleted_shared_agreement.is_deleted
    assert AgreementShare.objects.active().filter(agreement=deleted_shared_agreement).count() == 2
    client.force_login(PractitionerFactory(username="carol"))
    assert client.get(deleted_shared_agreement.get_absolute_url()).status_code == 200
    assert restore_entry(deleted_shared_agreement).data == {"shares": 2, "shares_restored": True}
    client.force_login(owner)
    log = main_text(client.get(url("audit_log", deleted_shared_agreement)).content.decode())
    assert "Restored (with its 2 shares)" in log


def test_restoring_an_agreement_never_shared_says_only_you_will_see_it(client, agreement, owner):
    deletion.soft_delete(agreement, owner)
    client.force_login(owner)

    confirm = client.get(url("restore", agreement))

    assert "It was not shared with anyone: only you will see it." in main_text(
        confirm.content.decode()
    )
    client.post(url("restore", agreement))
    agreement.refresh_from_db()
    assert not agreement.is_deleted
    assert not restore_entry(agreement).data

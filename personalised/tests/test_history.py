"""History: every save is a revision; read an earlier one, compare two, restore one."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.rich_text import RichText

from accounts.factories import PractitionerFactory
from personalised.factories import PersonalisedAgreementFactory
from personalised.history import services as history
from personalised.models import PersonalisedAgreement, SharePermission
from personalised.tests.records_helpers import agree_all, share
from personalised.tests.updating_helpers import fork, publish, three_area_template, version_2
from personalised.updates.services import updates_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PractitionerFactory(username="owner", first_name="Olive", last_name="Owner")


@pytest.fixture
def agreement(owner):
    return PersonalisedAgreementFactory(owner=owner)


def save_this_means(agreement, text: str, user):
    agreement.body[0].value["this_means"] = RichText(f"<p>{text}</p>")
    agreement.save()
    return agreement.save_revision(user=user)


def url(name: str, agreement, **kwargs) -> str:
    return reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid, **kwargs})


def test_every_save_is_listed_with_who_made_it(client, agreement, owner):
    colleague = PractitionerFactory(first_name="Carol", last_name="Colleague")
    share(agreement, colleague, SharePermission.EDIT)
    save_this_means(agreement, "Sam likes walks.", owner)
    save_this_means(agreement, "Sam likes long walks.", colleague)
    client.force_login(colleague)

    response = client.get(url("history", agreement))

    assert response.status_code == 200
    numbered = response.context["revisions"]
    assert [row.number for row in numbered] == [3, 2, 1]
    assert [row.revision.user for row in numbered] == [colleague, owner, owner]
    content = response.content.decode()
    assert "Carol Colleague" in content and "Olive Owner" in content


def test_an_earlier_revision_reads_as_it_was(client, agreement, owner):
    earlier = save_this_means(agreement, "Sam likes walks.", owner)
    save_this_means(agreement, "Sam prefers the bus.", owner)
    client.force_login(owner)

    response = client.get(url("revision", agreement, revision_id=earlier.pk))

    content = response.content.decode()
    assert "Sam likes walks." in content
    assert "Sam prefers the bus." not in content
    assert "Restore revision 2" in content


def test_comparing_two_revisions_shows_the_words_removed_and_added(client, agreement, owner):
    old = save_this_means(agreement, "Sam likes walks in the park.", owner)
    agreement.parties = [
        {**party, "names": ["Better Support Ltd"]} if party["key"] == "provider" else party
        for party in agreement.parties
    ]
    new = save_this_means(agreement, "Sam likes long walks in the park.", owner)
    client.force_login(owner)

    response = client.get(url("compare", agreement), {"old": new.pk, "new": old.pk})

    assert response.status_code == 200
    changed = {section.heading: section for section in response.context["changed_sections"]}
    area = changed["Area 1: Agreeing outcomes"]
    assert area.added_words == ["long"] and area.removed_words == []
    details = changed["The person and the parties"]
    assert [part.label for part in details.parts] == ["Provider"]
    assert details.removed_words == ["Good"] and details.added_words == ["Better"]
    assert '<ins><span class="visually-hidden">Added: </span>long</ins>' in (
        response.content.decode()
    )
    assert "Area 2" not in str(list(changed))  # unchanged areas are not listed


def test_comparing_a_revision_with_itself_is_explained(client, agreement, owner):
    client.force_login(owner)
    revision = agreement.latest_revision_id

    response = client.get(url("compare", agreement), {"old": revision, "new": revision})

    assert response.context["form"].non_field_errors() == [
        "Choose two different revisions to compare."
    ]
    assert response.context["sections"] is None


def test_restoring_brings_back_the_content_as_a_new_revision_and_nothing_else(
    client, agreement, owner
):
    first = save_this_means(agreement, "Sam likes walks.", owner)
    first_version = agreement.source_version
    agreement.known_as = "Sammy"
    # Taking a template update (issue #6) changes the template version the body follows: a
    # restore brings back the version its content followed, so the update is offered again.
    agreement.source_version = 7
    save_this_means(agreement, "Sam prefers the bus.", owner)
    agree_all(agreement)
    revisions_before = agreement.revisions.count()
    uuid, owner_id, source = agreement.uuid, agreement.owner_id, agreement.source_page_id
    client.force_login(owner)

    # Everyone agreed to the version it replaces: the restore is confirmed.
    response = client.post(
        url("restore_revision", agreement, revision_id=first.pk), {"confirm_reopen": "on"}
    )

    assert response.status_code == 302
    restored = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert restored.known_as == "Sam"
    assert restored.body[0].value["this_means"].source == "<p>Sam likes walks.</p>"
    assert (restored.uuid, restored.owner_id, restored.source_page_id) == (uuid, owner_id, source)
    assert restored.source_version == first_version
    assert restored.deleted_at is None
    assert restored.revisions.count() == revisions_before + 1
    assert restored.latest_revision_id not in (first.pk,)
    assert restored.status() == "draft"  # the parties agreed to other words
    entry = ModelLogEntry.objects.for_instance(restored).get(action="wagtail.revert")
    assert entry.user == owner and entry.revision_id == restored.latest_revision_id


def test_restore_needs_a_post(client, agreement, owner):
    first = agreement.latest_revision
    save_this_means(agreement, "Sam prefers the bus.", owner)
    client.force_login(owner)

    response = client.get(url("restore_revision", agreement, revision_id=first.pk))

    assert response.status_code == 405
    agreement.refresh_from_db()
    assert agreement.body[0].value["this_means"].source == "<p>Sam prefers the bus.</p>"


def test_a_revision_of_another_agreement_is_not_found_here(client, agreement, owner):
    other = PersonalisedAgreementFactory(owner=owner)
    client.force_login(owner)

    response = client.get(url("revision", agreement, revision_id=other.latest_revision_id))

    assert response.status_code == 404
    restore = client.post(url("restore_revision", agreement, revision_id=other.latest_revision_id))
    assert restore.status_code == 404


def test_the_content_fields_are_every_field_a_person_can_change():
    """A new content field must be added to history.CONTENT_FIELDS, or restoring skips it."""
    whole_agreement = {
        "id",
        "uuid",
        "owner",
        "title",
        "source_page",
        "language",
        "created_at",
        "updated_at",
        "deleted_at",
        "latest_revision",
    }
    concrete = {field.name for field in PersonalisedAgreement._meta.concrete_fields}
    assert concrete - whole_agreement == set(history.CONTENT_FIELDS)


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_restoring_the_revision_every_party_agreed_to_makes_it_agreed_again(
    client, agreement, owner
):
    agreed = save_this_means(agreement, "Sam likes walks.", owner)  # revision 2
    agree_all(agreement)
    save_this_means(agreement, "Sam prefers the bus.", owner)  # revision 3: a draft again
    client.force_login(owner)

    response = client.post(url("restore_revision", agreement, revision_id=agreed.pk), follow=True)

    restored = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert restored.latest_revision_id != agreed.pk
    assert restored.status() == "agreed"
    assert set(restored.current_consents()) == {"local-authority", "provider", "person"}
    record = restored.current_consents()["provider"]
    assert (record.agreed_by, record.agreed_on, record.recorded_by) == (
        "Someone for Provider",
        date(2026, 1, 5),
        owner,
    )
    assert (
        "Revision 2 is restored as revision 4. Every party had agreed to exactly this content, "
        "so it is agreed again: their agreement to revision 2 now stands for revision 4."
    ) in _messages(response)
    detail = client.get(restored.get_absolute_url()).content.decode()
    assert "Agreed: every party has agreed to the agreement as it is now." in detail
    assert "What changed since the agreement" not in detail


def test_restoring_a_revision_the_parties_did_not_all_agree_to_says_it_is_a_draft(
    client, agreement, owner
):
    first = save_this_means(agreement, "Sam likes walks.", owner)  # revision 2
    save_this_means(agreement, "Sam prefers the bus.", owner)
    agree_all(agreement)  # to revision 3
    client.force_login(owner)

    response = client.post(
        url("restore_revision", agreement, revision_id=first.pk),
        {"confirm_reopen": "on"},
        follow=True,
    )

    restored = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert restored.status() == "draft"
    assert (
        "Revision 2 is restored as revision 4. The parties have not all agreed to this "
        "content: it is a draft until every party agrees to it."
    ) in _messages(response)
    detail = BeautifulSoup(client.get(restored.get_absolute_url()).content, "html.parser")
    changes = detail.select_one(".agreement-changes").get_text(" ", strip=True)
    assert "Removed: prefers the bus. Added: likes walks." in changes


def test_a_save_after_agreement_that_changed_no_words_still_says_what_happened(
    client, agreement, owner
):
    agree_all(agreement)
    agreement.save_revision(user=owner)  # revision 2: the same words, saved again
    client.force_login(owner)

    detail = BeautifulSoup(client.get(agreement.get_absolute_url()).content, "html.parser")

    changes = detail.select_one(".agreement-changes").get_text(" ", strip=True)
    assert "Revision 2" in changes and "Saved again with no change to the words" in changes


def test_template_changes_declined_stay_declined_after_a_restore(client, owner):
    template = three_area_template()
    agreement = fork(template, owner)
    first = agreement.latest_revision
    publish(template, version_2, "Reworded a provider prompt; Housing is gone.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    client.force_login(owner)
    updates = updates_for(agreement)
    added = {change.key for change in updates.changes if change.kind == "added"}
    declined = {change.key for change in updates.changes} - added
    assert added and declined
    data = {
        "based_on": agreement.latest_revision_id,
        "live_revision": updates.live_revision_id,
        **{
            f"change-{change.token}": "accept" if change.key in added else "decline"
            for change in updates.changes
        },
    }
    client.post(reverse("agreements:updates", args=[agreement.uuid]), data)
    agreement.refresh_from_db()
    assert agreement.source_version == 2

    response = client.post(url("restore_revision", agreement, revision_id=first.pk), follow=True)

    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    offered = {change.key for change in updates_for(agreement).changes}
    assert offered == added  # the changes taken after revision 1 are offered again; no others
    assert (
        "The template changes taken since revision 1 are offered again; the ones you declined "
        "stay declined."
    ) in _messages(response)


def test_restoring_from_before_a_template_update_that_was_all_declined_offers_nothing(
    client, owner
):
    template = three_area_template()
    agreement = fork(template, owner)
    first = agreement.latest_revision
    publish(template, version_2, "Reworded a provider prompt; Housing is gone.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    client.force_login(owner)
    updates = updates_for(agreement)
    client.post(
        reverse("agreements:updates", args=[agreement.uuid]),
        {
            "based_on": agreement.latest_revision_id,
            "live_revision": updates.live_revision_id,
            **{f"change-{change.token}": "decline" for change in updates.changes},
        },
    )
    save_this_means(PersonalisedAgreement.objects.get(pk=agreement.pk), "Sam likes walks.", owner)

    client.post(url("restore_revision", agreement, revision_id=first.pk))

    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert updates_for(agreement) is None  # still follows version 2: nothing to offer
    assert agreement.source_version == 2
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert "The template has changed" not in detail

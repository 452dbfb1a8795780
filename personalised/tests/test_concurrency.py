"""Two people saving the same agreement never silently overwrite each other."""

import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections

from accounts.factories import PractitionerFactory
from personalised.concurrency import ChangedSinceOpened, save_change
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, PersonalisedAgreement, SharePermission
from personalised.tests.editing import area_url, details_url, form_data, open_area_form


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def agreement(db, practitioner):
    return PersonalisedAgreementFactory(owner=practitioner)


@pytest.fixture
def two_editors(client, practitioner, agreement, django_user_model):
    """The owner and a colleague with an edit share, each signed in in their own browser."""
    from django.test import Client

    colleague = PractitionerFactory(username="colleague")
    AgreementShare.objects.create(
        agreement=agreement, user=colleague, permission=SharePermission.EDIT
    )
    client.force_login(practitioner)
    other = Client()
    other.force_login(colleague)
    return client, other


def _this_means(agreement, block_id) -> str:
    agreement.refresh_from_db()
    block = next(block for block in agreement.body.raw_data if block["id"] == block_id)
    return block["value"].get("this_means", "")


@pytest.mark.django_db
def test_of_two_area_saves_from_the_same_revision_the_second_is_refused_the_first_kept(
    two_editors, agreement
):
    first, second = two_editors
    area = agreement.areas()[0]
    theirs = open_area_form(first, agreement, area.id)
    mine = open_area_form(second, agreement, area.id)
    theirs["this_means"] = "The owner's words."
    mine["this_means"] = "The colleague's words."
    mine["new_prompts_0"] = "A prompt the colleague added"

    assert first.post(area_url(agreement, area.id), theirs).status_code == 302
    response = second.post(area_url(agreement, area.id), mine)

    assert response.status_code == 409
    assert _this_means(agreement, area.id) == "<p>The owner's words.</p>"
    assert agreement.revisions.count() == 2
    page = soup(response)
    assert "someone else saved this agreement" in page.select_one("#editor-status").get_text()
    conflict = page.select_one(".conflict")
    assert "The owner's words." in conflict.select_one(".conflict__theirs").get_text()
    assert "Saved by Pat Practitioner" in conflict.get_text()
    # Nothing the colleague wrote is lost: the form holds it, based on the latest revision.
    resubmit = form_data(response.content.decode())
    assert resubmit["this_means"] == "The colleague's words."
    assert resubmit["new_prompts_0"] == "A prompt the colleague added"
    assert resubmit["based_on"] == str(agreement.latest_revision_id)

    # Saving again, having seen theirs, is a deliberate choice to replace it.
    assert second.post(area_url(agreement, area.id), resubmit).status_code == 302
    assert _this_means(agreement, area.id) == "<p>The colleague's words.</p>"


@pytest.mark.django_db
def test_a_save_in_another_area_also_makes_an_open_form_out_of_date(two_editors, agreement):
    first, second = two_editors
    one, two = agreement.areas()
    form_one = open_area_form(first, agreement, one.id)
    form_two = open_area_form(second, agreement, two.id)
    form_one["this_means"] = "First area."
    form_two["this_means"] = "Second area."

    first.post(area_url(agreement, one.id), form_one)
    response = second.post(area_url(agreement, two.id), form_two)

    # Agreement is to a whole revision, so any save is a new version everyone must see first.
    assert response.status_code == 409
    assert _this_means(agreement, two.id) == ""


@pytest.mark.django_db
def test_of_two_detail_saves_the_second_is_refused_and_shows_both_versions(two_editors, agreement):
    first, second = two_editors
    theirs = form_data(first.get(details_url(agreement)).content.decode())
    mine = form_data(second.get(details_url(agreement)).content.decode())
    theirs["party-provider"] = "Owner's Provider Ltd"
    mine["party-provider"] = "Colleague's Provider Ltd"

    first.post(details_url(agreement), theirs)
    response = second.post(details_url(agreement), mine)

    assert response.status_code == 409
    agreement.refresh_from_db()
    assert agreement.party_name("provider") == "Owner's Provider Ltd"
    page = soup(response)
    assert "Owner's Provider Ltd" in page.select_one(".conflict__details").get_text()
    assert form_data(response.content.decode())["party-provider"] == "Colleague's Provider Ltd"


@pytest.mark.django_db
def test_with_javascript_a_stale_save_is_refused_with_both_versions_in_the_answer(
    two_editors, agreement
):
    first, second = two_editors
    area = agreement.areas()[0]
    theirs = open_area_form(first, agreement, area.id)
    mine = open_area_form(second, agreement, area.id)
    theirs["this_means"] = "Saved first."
    mine["this_means"] = "Saved second."
    as_json = {"Accept": "application/json"}
    first.post(area_url(agreement, area.id), theirs, headers=as_json)

    response = second.post(area_url(agreement, area.id), mine, headers=as_json)

    assert response.status_code == 409
    answer = response.json()
    assert answer["saved"] is False
    assert "Saved first." in answer["form"]
    assert "Saved second." in answer["form"]


@pytest.mark.django_db
@pytest.mark.parametrize("based_on", ["", "1", "not a number"])
def test_a_form_without_the_current_revision_is_refused(two_editors, agreement, based_on):
    first, _second = two_editors
    area = agreement.areas()[0]
    data = open_area_form(first, agreement, area.id)
    if based_on == "1":
        based_on = str(agreement.latest_revision_id - 1)
    data.update({"based_on": based_on, "this_means": "Forged."})

    response = first.post(area_url(agreement, area.id), data)

    assert response.status_code in (400, 409)
    assert _this_means(agreement, area.id) == ""


def _simultaneous_saves(agreement_pk: int, based_on: int, users) -> list[str]:
    """Two saves from the same revision at the same moment, each in its own connection."""
    barrier = threading.Barrier(len(users))
    outcomes: list[str] = []

    def save(user, words):
        try:
            agreement = PersonalisedAgreement.objects.get(pk=agreement_pk)
            barrier.wait(timeout=10)

            def change(current):
                current.parties = [
                    {**party, "names": [words]} if party["key"] == "provider" else party
                    for party in current.parties
                ]

            save_change(agreement, based_on, user, change)
            outcomes.append(f"saved {words}")
        except ChangedSinceOpened:
            outcomes.append(f"refused {words}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(user, f"Provider {index}"))
        for index, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_cannot_both_pass(practitioner):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks to race; this runs on PostgreSQL (make test)")
    agreement = PersonalisedAgreementFactory(owner=practitioner)
    colleague = PractitionerFactory(username="colleague")

    outcomes = _simultaneous_saves(
        agreement.pk, agreement.latest_revision_id, [practitioner, colleague]
    )

    assert sorted(outcome.split()[0] for outcome in outcomes) == ["refused", "saved"]
    agreement.refresh_from_db()
    saved = next(outcome for outcome in outcomes if outcome.startswith("saved"))
    assert agreement.party_name("provider") == saved.removeprefix("saved ")
    assert agreement.revisions.count() == 2

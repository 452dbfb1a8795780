"""The parties' agreement: draft → agreed → review due; a change after agreement → draft again.

Everyone in a party agrees for themselves: the factory's "person and family" party is three
people (Sam and two family members); the organisations have no one in them until someone is
recorded as agreeing for them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from personalised import audit
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementStatus, PartyConsent
from personalised.tests.editing import agree_url, area_url, details_url, form_data, open_area_form

pytestmark = pytest.mark.django_db

ORGANISATIONS = {
    "local-authority-agreed_by": "Lee Council",
    "provider-agreed_by": "Pri Provider",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def agreement(practitioner):
    return PersonalisedAgreementFactory(owner=practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _every_person(data: dict) -> dict:
    """The form's data with every person's "agrees to this version" ticked and every
    organisation's signatory named."""
    for key in [key for key in data if key.startswith("member-") and key.endswith("-agreed_by")]:
        data[key.removesuffix("_by")] = "on"
    return {**data, **{key: name for key, name in ORGANISATIONS.items() if key in data}}


def _agree(client, agreement, everyone: bool = False, **names):
    data = form_data(client.get(agree_url(agreement)).content.decode())
    if everyone:
        return client.post(agree_url(agreement), _every_person(data))
    for key in [key for key in data if key.endswith("-agreed_by") and key in ORGANISATIONS]:
        data[key] = names.get(key, "")
    return client.post(agree_url(agreement), data)


def _status(client, agreement) -> str:
    page = soup(client.get(agreement.get_absolute_url()))
    return page.select_one(".status-banner__label").get_text(strip=True)


def test_a_new_agreement_is_a_draft(signed_in, agreement):
    assert agreement.status() == AgreementStatus.DRAFT
    assert _status(signed_in, agreement) == "Draft"


def test_each_party_agreeing_is_recorded_against_the_current_revision(
    signed_in, agreement, practitioner
):
    response = _agree(signed_in, agreement, **{"provider-agreed_by": "Pri Provider"})

    assert response.status_code == 302
    record = PartyConsent.objects.get(agreement=agreement)
    assert (record.party, record.agreed_by, record.agreed_on) == (
        "provider",
        "Pri Provider",
        timezone.localdate(),
    )
    assert record.revision_id == agreement.latest_revision_id
    assert record.recorded_by == practitioner
    assert ModelLogEntry.objects.for_instance(agreement).filter(action=audit.AGREE).count() == 1
    assert _status(signed_in, agreement) == "Draft"
    # The form now asks only the parties that have not agreed.
    data = form_data(signed_in.get(agree_url(agreement)).content.decode())
    assert "provider-agreed_by" not in data
    assert "local-authority-agreed_by" in data


def test_when_every_party_has_agreed_it_is_agreed(signed_in, agreement):
    _agree(signed_in, agreement, everyone=True)

    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED
    page = soup(signed_in.get(agreement.get_absolute_url()))
    assert page.select_one(".status-banner__label").get_text(strip=True) == "Agreed"
    status = page.select_one(".agreement-status").get_text(" ", strip=True)
    assert "agreed by Lee Council" in status
    assert "agreed by Pri Provider" in status
    assert "every party has agreed" in status
    assert (
        "Every party has agreed to this version."
        in signed_in.get(agree_url(agreement)).content.decode()
    )


def test_after_the_review_date_it_is_review_due(signed_in, agreement):
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data["review_date"] = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    signed_in.post(details_url(agreement), data)
    _agree(signed_in, agreement, everyone=True)
    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED

    later = agreement.review_date + datetime.timedelta(days=1)
    assert agreement.status(today=later) == AgreementStatus.REVIEW_DUE
    PersonalisedAgreementModel = type(agreement)
    PersonalisedAgreementModel.objects.filter(pk=agreement.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    # The review date changed in the database only, without a revision: still agreed, now due.
    assert _status(signed_in, agreement) == "Review due"


def test_a_change_after_agreement_makes_it_a_draft_and_shows_what_changed(signed_in, agreement):
    _agree(signed_in, agreement, everyone=True)
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["party-1-0-text"] = "Get to know _____ and their family well"
    data["this_means"] = "Sam moves home in spring."
    refused = signed_in.post(area_url(agreement, area.id), data)
    # Five people agreed to this version: the editor is told, and saves only once confirmed.
    assert refused.status_code == 400
    assert "5 people have agreed to this version" in soup(refused).get_text(" ", strip=True)
    assert agreement.revisions.count() == 1
    data["confirm_reopen"] = "on"

    response = signed_in.post(area_url(agreement, area.id), data, follow=True)

    assert "draft again until every party agrees" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.DRAFT
    assert agreement.changed_since_agreed()
    page = soup(signed_in.get(agreement.get_absolute_url()))
    assert page.select_one(".status-banner__label").get_text(strip=True) == "Draft"
    status = page.select_one(".agreement-status")
    assert "Changed since every party agreed" in status.get_text()
    changes = status.select(".diff-section")
    assert [section.find("h3").get_text(" ", strip=True) for section in changes] == [
        "Area 1: Agreeing outcomes (changed)"
    ]
    added = " ".join(ins.get_text(" ", strip=True) for ins in changes[0].find_all("ins"))
    assert "and their family" in added
    assert "Sam moves home in spring." in added


def test_leaving_an_area_out_after_agreement_shows_in_the_changes(signed_in, agreement):
    _agree(signed_in, agreement, everyone=True)
    area = agreement.areas()[1]
    data = open_area_form(signed_in, agreement, area.id)
    data["relevant"] = "no"
    data["confirm_reopen"] = "on"
    signed_in.post(area_url(agreement, area.id), data)

    status = soup(signed_in.get(agreement.get_absolute_url())).select_one(".agreement-status")
    assert "Left out: not relevant to the person." in status.select_one("ins").get_text()


def test_agreeing_again_after_a_change_makes_it_agreed_again(signed_in, agreement):
    _agree(signed_in, agreement, everyone=True)
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data["party-provider"] = "Better Support Ltd"
    data["confirm_reopen"] = "on"
    signed_in.post(details_url(agreement), data)
    page = soup(signed_in.get(agreement.get_absolute_url()))
    changed = page.select_one(".agreement-status .diff-section")
    assert changed.find("h3").get_text(" ", strip=True) == "The person and the parties (changed)"
    assert [run.get_text(" ", strip=True) for run in changed.select("del, ins")] == [
        "Removed: Good",
        "Added: Better",
    ]

    _agree(signed_in, agreement, everyone=True)

    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED
    assert not agreement.changed_since_agreed()
    # Each of the five people, once for each version.
    assert PartyConsent.objects.filter(agreement=agreement).count() == 10


def test_agreeing_to_a_version_that_changed_since_the_form_opened_is_refused(
    client, signed_in, agreement, practitioner
):
    stale = _every_person(form_data(signed_in.get(agree_url(agreement)).content.decode()))
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["this_means"] = "Changed while the parties were reading."
    signed_in.post(area_url(agreement, area.id), data)

    response = signed_in.post(agree_url(agreement), stale)

    assert response.status_code == 409
    page = soup(response)
    assert "Not recorded" in page.select_one("[role=alert]").get_text()
    assert (
        "Changed while the parties were reading."
        in page.select_one(".agreement-changes").get_text()
    )
    # What was ticked and typed is kept, to record again once checked.
    person = agreement.members.get(is_the_person=True)
    kept = form_data(response.content.decode())
    assert kept[f"member-{person.uuid}-agreed"] == "on"
    assert kept[f"member-{person.uuid}-agreed_by"] == person.name
    assert not PartyConsent.objects.exists()


def _shown_changes(container) -> list[list[str]]:
    """Each changed section as a reader reads it: its heading, then each part and line."""
    return [
        [
            " ".join(element.get_text(" ", strip=True).split())
            for element in section.select("h2, h3, h4, li")
        ]
        for section in container.select(".diff-section")
    ]


def test_the_agree_page_and_the_history_show_the_same_changes_for_the_same_two_revisions(
    signed_in, agreement
):
    opened = agreement.latest_revision_id
    stale = _every_person(form_data(signed_in.get(agree_url(agreement)).content.decode()))
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["party-1-0-text"] = "Get to know _____ and their family well"
    data["this_means"] = "Sam moves home in spring."
    signed_in.post(area_url(agreement, area.id), data)
    details = form_data(signed_in.get(details_url(agreement)).content.decode())
    details["party-provider"] = "Better Support Ltd"
    signed_in.post(details_url(agreement), details)
    agreement.refresh_from_db()

    refused = signed_in.post(agree_url(agreement), stale)
    compared = signed_in.get(
        reverse("agreements:compare", args=[agreement.uuid]),
        {"old": opened, "new": agreement.latest_revision_id},
    )

    assert refused.status_code == 409
    on_agree_page = _shown_changes(soup(refused).select_one(".agreement-changes"))
    in_history = _shown_changes(soup(compared).select_one("main"))
    assert len(on_agree_page) == 2
    assert on_agree_page == in_history
    assert "Added: and their family" in " ".join(on_agree_page[1])


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2099-01-01", "cannot be in the future"),
        ("2001-01-01", "cannot be before the agreement was made"),
        ("2027-02-30", "Enter a valid date."),
        ("", "Enter the date they agreed."),
    ],
)
def test_an_impossible_date_of_agreement_is_refused_at_the_field(
    signed_in, agreement, date, message
):
    data = form_data(signed_in.get(agree_url(agreement)).content.decode())
    data.update({"provider-agreed_by": "Pri Provider", "provider-agreed_on": date})

    response = signed_in.post(agree_url(agreement), data)

    assert response.status_code == 400
    error = soup(response).select_one("#id_provider-agreed_on_error")
    assert message in error.get_text()
    assert not PartyConsent.objects.exists()


def test_recording_nobody_asks_for_a_name(signed_in, agreement):
    response = _agree(signed_in, agreement)
    assert response.status_code == 400
    assert "at least one person" in soup(response).select_one(".error-summary").get_text()

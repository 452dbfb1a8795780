"""Hostile input through every text field of the agreement's forms: nothing executable survives
on any page that shows it; too much, or impossible, input gets a clear message at the field and
never loses saved work."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import PersonalisedAgreement
from personalised.tests.editing import (
    agree_url,
    area_url,
    details_url,
    form_data,
    open_area_form,
)
from personalised.tests.hostile import PAYLOADS, executable_parts

pytestmark = pytest.mark.django_db


def _fork(client, template, payload) -> PersonalisedAgreement:
    response = client.post(
        reverse("agreements:fork", args=[template.pk]),
        {
            "person_name": payload,
            "known_as": payload[:60],
            "pronouns": "they",
            "party-local-authority": payload,
            "party-provider": payload,
            "party-person": f"{payload}\nJo",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PersonalisedAgreement.objects.latest("pk")


@pytest.fixture
def owned(client):
    owner = PractitionerFactory()
    client.force_login(owner)
    agreement = PersonalisedAgreementFactory(owner=owner)
    return client, agreement


@pytest.fixture
def practitioner_client(client):
    client.force_login(PractitionerFactory())
    return client


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_input_in_every_text_field_never_runs_on_any_page(practitioner_client, payload):
    client = practitioner_client
    template = published_template()
    agreement = _fork(client, template, payload)
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data.update(
        {
            "party-0-0-text": payload,
            "new_prompts_1": payload,
            "this_means": payload,
            "actions-0-who": payload,
            "actions-0-what": payload,
        }
    )
    response = client.post(area_url(agreement, area.id), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    json_answer = client.post(
        area_url(agreement, area.id),
        open_area_form(client, agreement, area.id),
        headers={"Accept": "application/json"},
    ).json()
    agree = form_data(client.get(agree_url(agreement)).content.decode())
    agree["provider-agreed_by"] = payload
    assert client.post(agree_url(agreement), agree).status_code == 302

    # What was typed as plain text is kept as typed (and shown escaped); rich text is cleaned.
    agreement.refresh_from_db()
    assert agreement.person_name == payload.strip()
    raw = next(block for block in agreement.body.raw_data if block["id"] == area.id)["value"]
    assert raw["party_prompts"][0]["value"]["prompts"][0]["value"] == payload.strip()
    assert executable_parts(raw["this_means"]) == []
    assert "<script" not in raw["this_means"]

    pages = {
        "agreement": agreement.get_absolute_url(),
        "area editor": area_url(agreement, area.id),
        "details editor": details_url(agreement),
        "agreeing": agree_url(agreement),
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert executable_parts(html) == [], f"{name} page runs hostile input"
    assert executable_parts(json_answer["form"]) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_check_finds_each_payload_as_it_was_typed_or_as_a_replacement_template_reads_it(
    payload,
):
    # The octal escapes are markup only once a regular expression expands them.
    expanded = re.sub("_", payload, "_") if payload.startswith("\\0") else payload
    assert executable_parts(expanded) != []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_input_in_a_refused_form_is_re_shown_inert(owned, payload):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    # An error elsewhere (an action without its "what") brings every field back as typed.
    data.update({"this_means": payload, "actions-0-who": payload, "new_prompts_0": payload})
    response = client.post(area_url(agreement, area.id), data)
    assert response.status_code == 400
    assert executable_parts(response.content.decode()) == []

    details = form_data(client.get(details_url(agreement)).content.decode())
    details.update({"person_name": payload, "review_date": "2027-02-30"})
    response = client.post(details_url(agreement), details)
    assert response.status_code == 400
    assert executable_parts(response.content.decode()) == []


# --------------------------------------------------------------------------- too long


@pytest.mark.parametrize(
    ("field", "length"),
    [
        ("party-0-0-text", 1001),
        ("new_prompts_0", 5001),
        ("this_means", 10_001),
        ("actions-0-who", 256),
        ("actions-0-what", 2001),
    ],
)
def test_over_long_area_text_is_refused_at_the_field_and_saved_work_kept(owned, field, length):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data.update({"actions-0-who": "Jo", "actions-0-what": "Call", field: "x" * length})
    before = agreement.body.raw_data[0]
    revisions = agreement.revisions.count()

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    error = BeautifulSoup(response.content.decode(), "html.parser").select_one(f"#id_{field}_error")
    assert error is not None and "at most" in error.get_text()
    agreement.refresh_from_db()
    assert agreement.body.raw_data[0] == before
    assert agreement.revisions.count() == revisions


def test_a_new_prompt_line_that_is_too_long_is_refused(owned):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data["new_prompts_0"] = "short\n" + "y" * 1001

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "length"),
    [
        ("person_name", 121),
        ("known_as", 61),
        ("party-local-authority", 256),
        ("party-provider", 256),
        ("party-person", 1001),
    ],
)
def test_over_long_details_are_refused_at_the_field(owned, field, length):
    client, agreement = owned
    data = form_data(client.get(details_url(agreement)).content.decode())
    data[field] = "z" * length

    response = client.post(details_url(agreement), data)

    assert response.status_code == 400
    assert BeautifulSoup(response.content.decode(), "html.parser").select_one(f"#id_{field}_error")
    agreement.refresh_from_db()
    assert "z" * length not in str(agreement.serializable_data())


def test_over_long_agreed_by_is_refused_at_the_field(owned):
    client, agreement = owned
    data = form_data(client.get(agree_url(agreement)).content.decode())
    # Whoever agrees for the provider becomes one of its people: a name of a person's length.
    data["provider-agreed_by"] = "n" * 121

    response = client.post(agree_url(agreement), data)

    assert response.status_code == 400
    assert "at most 120 characters" in response.content.decode()
    assert not agreement.consents.exists()


def test_too_many_prompts_are_refused(owned):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data["new_prompts_0"] = "\n".join(f"Prompt {n}" for n in range(60))

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    assert "at most 50 prompts" in response.content.decode()


@pytest.mark.parametrize("date", ["2027-02-29", "0001-01-01", "2027-1-99", "tomorrow"])
def test_an_impossible_action_date_is_refused_at_the_field(owned, date):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data.update({"actions-0-who": "Jo", "actions-0-what": "Call", "actions-0-by_when": date})

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    assert BeautifulSoup(response.content.decode(), "html.parser").select_one(
        "#id_actions-0-by_when_error"
    )


# --------------------------------------------------------------------------- forged forms


def test_a_form_forged_for_someone_elses_agreement_is_not_found_and_changes_nothing(owned):
    client, mine = owned
    theirs = PersonalisedAgreementFactory(owner=PractitionerFactory())
    area = mine.areas()[0]
    data = open_area_form(client, mine, area.id)
    data["this_means"] = "Forged."
    data["based_on"] = str(theirs.latest_revision_id)

    assert client.post(area_url(theirs, theirs.areas()[0].id), data).status_code == 404
    assert client.post(details_url(theirs), {"known_as": "Forged"}).status_code == 404
    assert client.post(agree_url(theirs), {"person-agreed_by": "Forged"}).status_code == 404
    # Their revision id on my agreement's form is simply out of date.
    assert client.post(area_url(mine, area.id), data).status_code == 409
    theirs.refresh_from_db()
    assert theirs.known_as == "Sam"
    assert theirs.revisions.count() == 1
    assert not theirs.consents.exists()


def test_a_body_that_is_not_a_form_is_refused_with_the_form(owned):
    client, agreement = owned
    area = agreement.areas()[0]

    response = client.post(
        area_url(agreement, area.id), '{"this_means": "x"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert agreement.revisions.count() == 1


def test_a_forged_count_of_prompts_or_actions_is_refused(owned):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data.update({"party-0-TOTAL_FORMS": "100000", "actions-TOTAL_FORMS": "100000"})

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    assert "Please submit at most" in response.content.decode()
    assert agreement.revisions.count() == 1

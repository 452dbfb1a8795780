"""Any template an editor can build from the block library can be personalised: its own parties,
blanks, editable blocks and signatures, through fork, edit, agreement, export and a template
update. Three templates of different shapes are built here, as an editor would build them:

- the ISF: areas with prompt columns for three declared parties, the person's-name blank, and
  a text section the editor lets practitioners change;
- the Suffolk partnering agreement: its own eight signatory organisations as parties, clauses
  with restored numbers, and a clause practitioners may change;
- a council's direct payment agreement: the council and two individuals (the person and an
  appointed person) who sign for themselves, no provider, typed blanks, and responsibilities
  numbered on from one list to the next.

Every step goes through the site's own forms, as a practitioner's browser would post them.
"""

import copy
import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from personalised.models import AgreementStatus, PersonalisedAgreement
from personalised.tests.editing import form_data
from personalised.tests.exporting import docx_text
from tests.template_shapes import SHAPES, Shape, direct_payment_shape

pytestmark = pytest.mark.django_db

PERSON = "Samira Khan"
KNOWN_AS = "Samira"


@pytest.fixture(params=list(SHAPES))
def shape(request) -> Shape:
    return SHAPES[request.param]()


@pytest.fixture
def practitioner_client(client):
    practitioner = PractitionerFactory()
    client.force_login(practitioner)
    client.practitioner = practitioner
    return client


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _text(response) -> str:
    return " ".join(_soup(response).get_text(" ").split())


def _fork(client, shape: Shape) -> PersonalisedAgreement:
    url = reverse("agreements:fork", kwargs={"template_id": shape.template.pk})
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "main form")
    names = {field["name"] for field in _soup(page).select("main form [name]")}
    asked_parties = sorted(name for name in names if name.startswith("party-"))
    asked_blanks = sorted(name for name in names if name.startswith("blank__"))
    # Exactly the template's parties (a person-only party need not be asked for) and blanks.
    declared = [child.value for child in shape.template.parties]
    expected_parties = sorted(
        f"party-{party['key']}"
        for party in declared
        if not party["includes_the_person"] or party["kind"] == "people"
    )
    assert asked_parties == expected_parties
    assert asked_blanks == sorted(
        f"blank__{child.value['key']}"
        for child in shape.template.blanks
        if child.value["kind"] != "person_name"
    )
    data.update(person_name=PERSON, known_as=KNOWN_AS, pronouns="she")
    for key, names in shape.party_names.items():
        data[f"party-{key}"] = names
    for key, value in shape.blank_values.items():
        data[f"blank__{key}"] = value

    response = client.post(url, data)

    assert response.status_code == 302, _text(response)[:2000]
    agreement = PersonalisedAgreement.objects.get(owner=client.practitioner)
    assert response.url == agreement.get_absolute_url()
    return agreement


def _personalise_editable_block(client, shape: Shape, agreement: PersonalisedAgreement) -> None:
    block = next(
        child
        for child in agreement.body
        if child.block_type != "area" and child.value.get("heading") == shape.editable_heading
    )
    url = reverse("agreements:edit_block", kwargs={"uuid": agreement.uuid, "block_id": block.id})
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "main form")
    field_name = next(
        name
        for name, value in data.items()
        if shape.editable_words in value or shape.editable_words.replace(KNOWN_AS, "_____") in value
    )
    data[field_name] = data[field_name].replace(shape.editable_words, shape.personalised_words)
    if shape.editable_words not in page.content.decode() and "_____" in data[field_name]:
        data[field_name] = shape.personalised_words
    data["save"] = "1"

    response = client.post(url, data)

    assert response.status_code in (302, 303), _text(response)[:2000]


def _record_every_consent(client, agreement: PersonalisedAgreement) -> None:
    url = reverse("agreements:agree", kwargs={"uuid": agreement.uuid})
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "main form")
    # An organisation with no one in it yet is asked who agreed for it; each person in a
    # party of people agrees for themselves.
    for party in agreement.party_list():
        data[f"{party.key}-agreed_by"] = f"Signer for {party.key}"
        data[f"{party.key}-agreed_on"] = timezone.localdate().isoformat()
    for name in [name for name in data if name.startswith("member-")]:
        if name.endswith("-agreed_by"):
            data[name.removesuffix("_by")] = "on"

    response = client.post(url, data)

    assert response.status_code in (302, 303), _text(response)[:2000]


def _publish_update(shape: Shape) -> None:
    page = shape.template.get_latest_revision_as_object()
    raw = repr(list(page.body.raw_data))
    assert shape.updated_from in raw, shape.updated_from
    body = []
    for block in page.body.raw_data:
        body.append(_replaced(copy.deepcopy(block), shape.updated_from, shape.updated_to))
    page.body = body
    page.change_note = "Reworded one sentence."
    page.save_revision().publish()


def _replaced(value, old: str, new: str):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    return value


def _take_every_update(client, agreement: PersonalisedAgreement) -> None:
    url = reverse("agreements:updates", kwargs={"uuid": agreement.uuid})
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form[method=post]:has(input[name^=change-])")
    changes = [name for name in data if name.startswith("change-")]
    assert changes, "the template's new version offers no change"
    for name in changes:
        data[name] = "accept"
    # Every party has agreed: the review asks to confirm that they will be asked again.
    assert "have agreed to this version" in _text(page)
    data["confirm_reopen"] = "on"

    response = client.post(url, data)

    assert response.status_code in (302, 303), _text(response)[:2000]


def test_any_template_goes_through_fork_edit_agreement_export_and_update(
    shape, practitioner_client
):
    client = practitioner_client

    # Fork: the form asks for exactly the template's parties and blanks.
    agreement = _fork(client, shape)
    assert [party.key for party in agreement.party_list()] == [
        child.value["key"] for child in shape.template.parties
    ]
    soup = _soup(client.get(agreement.get_absolute_url()))
    page = " ".join(soup.get_text(" ").split())
    for reading in shape.blank_readings:
        assert reading in page
    # Every blank is filled: no gap for the person's name or any other blank.
    assert soup.select(".document-body .person-blank, .document-body .blank-gap") == []
    assert "not filled in" not in page
    assert "None" not in page

    # Edit: the practitioner personalises a block other than an area.
    _personalise_editable_block(client, shape, agreement)
    page = _text(client.get(agreement.get_absolute_url()))
    assert shape.personalised_words in page

    # Agreement: each of the template's own parties agrees.
    _record_every_consent(client, agreement)
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert sorted(agreement.current_consents()) == sorted(agreement.party_keys())
    assert agreement.status() == AgreementStatus.AGREED

    # Export: the print view and the DOCX hold the personalised words, the blanks filled in,
    # the template's signatures and the parties' names.
    printed = _text(client.get(reverse("agreements:print", kwargs={"uuid": agreement.uuid})))
    response = client.get(reverse("agreements:docx", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    word = " ".join(docx_text(response.content).split())
    for copy_text in (printed, word):
        assert shape.personalised_words in copy_text
        for reading in [*shape.blank_readings, *shape.signature_words]:
            assert reading in copy_text, reading
        assert "None" not in copy_text

    # Template update: the next version's change is taken; the personalised block is kept.
    _publish_update(shape)
    _take_every_update(client, agreement)
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    page = _text(client.get(agreement.get_absolute_url()))
    assert shape.personalised_words in page
    updated = shape.updated_to.replace("_____", KNOWN_AS)
    assert updated in page
    assert agreement.source_version == 2
    # A change reopens agreement: every party is asked again.
    assert agreement.status() == AgreementStatus.DRAFT


def test_the_direct_payment_agreement_numbers_responsibilities_on_and_has_no_provider(
    practitioner_client,
):
    shape = direct_payment_shape()
    agreement = _fork(practitioner_client, shape)

    soup = _soup(practitioner_client.get(agreement.get_absolute_url()))

    lists = soup.select(".document-body ol")
    starts = [ol.get("start") for ol in lists]
    assert "7" in starts
    assert "Provider" not in soup.get_text()
    assert datetime.date(2027, 3, 1).strftime("%-d %B %Y") in soup.get_text()

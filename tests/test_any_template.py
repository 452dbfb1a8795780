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
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from agreements.block_ids import with_block_ids
from agreements.blocks import BlanksBlock, DeclaredPartiesBlock, TemplateBodyBlock
from agreements.factories import (
    blank,
    clause,
    declared_party,
    item_list,
    paragraph,
    published_template,
    signatories,
    signatory,
    text_section,
)
from agreements.models import TemplatePage
from agreements.party_declarations import declarations_for
from agreements.seed_content import isf, partnering
from personalised.models import AgreementStatus, PersonalisedAgreement
from personalised.tests.editing import form_data
from personalised.tests.exporting import docx_text

pytestmark = pytest.mark.django_db

PERSON = "Samira Khan"
KNOWN_AS = "Samira"


@dataclass
class Shape:
    """A template, and what a practitioner types into its forms."""

    template: TemplatePage
    #: The "Use this template" form's party fields, by party key.
    party_names: dict[str, str]
    #: The form's blank fields, by blank key, and how each reads in the agreement.
    blank_values: dict[str, str] = field(default_factory=dict)
    blank_readings: list[str] = field(default_factory=list)
    #: Words in the editable non-area block, and what the practitioner writes instead.
    editable_heading: str = ""
    editable_words: str = ""
    personalised_words: str = ""
    #: Words every copy of the agreement shows from the template's signatures.
    signature_words: list[str] = field(default_factory=list)
    #: Words the template's next version changes, in a block the practitioner left alone.
    updated_from: str = ""
    updated_to: str = ""


def _editable(block: dict) -> dict:
    block = copy.deepcopy(block)
    block["value"]["practitioners_may_edit"] = True
    return block


def _publish(slug: str, title: str, body: list, parties: list, blanks: list) -> TemplatePage:
    return published_template(
        slug=slug,
        title=title,
        body=with_block_ids(slug, TemplateBodyBlock(), body),
        parties=with_block_ids(f"{slug}-parties", DeclaredPartiesBlock(), parties),
        blanks=with_block_ids(f"{slug}-blanks", BlanksBlock(), blanks),
    )


def isf_shape() -> Shape:
    body = [
        *isf.body(),
        _editable(
            text_section(
                "<p>Contacts for _____ are listed in the care plan.</p>", heading="Contacts"
            )
        ),
    ]
    template = _publish(
        "isf-shape",
        "ISF Partnership Agreement",
        body,
        isf.declared_parties(),
        [blank("name", "The person's name", "person_name", required=True)],
    )
    return Shape(
        template=template,
        party_names={
            "local-authority": "Rochdale Borough Council",
            "provider": "Good Support Ltd",
            "person": "Amira Khan\nYusuf Khan",
        },
        editable_heading="Contacts",
        editable_words="Contacts for Samira are listed in the care plan.",
        personalised_words="Amira is the first person to call, on 01632 960 001.",
        signature_words=["Rochdale Borough Council", "Good Support Ltd", "Amira Khan"],
        updated_from="Help identify the outcomes",
        updated_to="Help identify the outcomes with _____ and the family",
    )


def suffolk_shape() -> Shape:
    body = partnering.body()
    confidentiality = next(
        index
        for index, block in enumerate(body)
        if block["type"] == "clause" and block["value"]["heading"] == "Confidentiality"
    )
    body[confidentiality] = _editable(body[confidentiality])
    parties = declarations_for(body)
    template = _publish("suffolk-shape", "Suffolk Partnering Agreement", body, parties, [])
    return Shape(
        template=template,
        party_names={
            party["value"]["key"]: f"{party['value']['name']} (signing)" for party in parties
        },
        editable_heading="Confidentiality",
        editable_words="All Partners agree to respect the confidentiality of information",
        personalised_words="All Partners keep the scheme's records under lock and key.",
        signature_words=["Signed on behalf of", "Duly Authorised Signatory", "Clare Smith"],
        updated_from="The Partners agree that no major variations",
        updated_to="The Partners agree that no variations",
    )


DIRECT_PAYMENT_BLANKS = [
    blank("name", "The person's name", "person_name", required=True),
    blank("address", "Address", "address", required=True),
    blank("date-of-birth", "Date of birth", "date", required=True),
    blank("appointed-person", "Appointed person", "other_name", required=True),
    blank("weekly-amount", "Weekly amount", "money", required=True),
    blank("review-date", "Review date", "date"),
    blank("paid-to", "Paid to", "choice", required=True, choices=["bank account", "prepaid card"]),
]


def direct_payment_shape() -> Shape:
    body = [
        text_section(
            "<p>This agreement is between the council, [[name]] of [[address]] (born "
            "[[date-of-birth]]) and [[appointed-person]], who manages the payments for {them}."
            "</p>",
            heading="About this agreement",
        ),
        clause(
            "Payments",
            paragraph("The council will pay [[weekly-amount]] a week into a [[paid-to]]."),
            paragraph("We will review the payments on [[review-date]]."),
            key="payments",
        ),
        _editable(
            clause(
                "Responsibilities",
                paragraph("The appointed person will:"),
                item_list(
                    "open a separate account for the payments",
                    "keep every receipt",
                    "pay the support workers on time",
                    "tell the council about any change",
                    "keep records for six years",
                    "return money not spent",
                ),
                paragraph("_____ will:"),
                item_list(
                    "choose the support {they} {want|wants}",
                    "tell the appointed person about changes in {their} needs",
                    "take part in the review",
                    continue_numbering=True,
                ),
                key="responsibilities",
            )
        ),
        signatories(
            signatory(
                "Northshire County Council",
                "",
                "Direct Payments Officer",
                party="council",
            ),
            signatory(signs_as="person", wording="Signed by", party="person"),
            signatory(signs_as="person", wording="Signed by", party="appointed-person"),
            heading="Signatures",
        ),
    ]
    parties = [
        declared_party("council", "The council"),
        declared_party("person", "The person", "people", True),
        declared_party("appointed-person", "The appointed person", "people"),
    ]
    template = _publish(
        "direct-payment-shape", "Direct payment agreement", body, parties, DIRECT_PAYMENT_BLANKS
    )
    return Shape(
        template=template,
        party_names={"council": "Northshire County Council", "appointed-person": "Jo Bloggs"},
        blank_values={
            "address": "1 High Street\nNorthtown",
            "date-of-birth": "1990-04-02",
            "appointed-person": "Jo Bloggs",
            "weekly-amount": "1234.5",
            "review-date": "2027-03-01",
            "paid-to": "prepaid card",
        },
        blank_readings=[
            "1 High Street",
            "2 April 1990",
            "Jo Bloggs",
            "£1,234.50",
            "1 March 2027",
            "prepaid card",
        ],
        editable_heading="Responsibilities",
        editable_words="keep every receipt",
        personalised_words="keep every receipt in the blue folder",
        signature_words=["Signed by", "Northshire County Council", "Jo Bloggs"],
        updated_from="This agreement is between the council",
        updated_to="This agreement is made between the council",
    )


SHAPES = {"isf": isf_shape, "suffolk": suffolk_shape, "direct_payment": direct_payment_shape}


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
    for party in agreement.party_list():
        data[f"{party.key}-agreed_by"] = f"Signer for {party.key}"
        data[f"{party.key}-agreed_on"] = timezone.localdate().isoformat()

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

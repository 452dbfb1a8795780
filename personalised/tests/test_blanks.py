"""A personalised agreement's blanks: asked for by the "Use this template" form as typed fields,
kept as strings, filled in on the agreement's page, the print view and the DOCX, edited later
with the person's details (the same concurrency), and agreed to with the rest."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.factories import PractitionerFactory
from agreements.factories import direct_payment_template
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from personalised.changes import compare_agreements
from personalised.consent.services import record_consents
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import AgreementStatus, PersonalisedAgreement
from personalised.tests.editing import details_url, form_data
from personalised.tests.exporting import docx_text

pytestmark = pytest.mark.django_db

PERSON = {
    "person_name": "Sam Person",
    "known_as": "Sam",
    "pronouns": "she",
    "party-local-authority": "Suffolk County Council",
    "party-provider": "Good Support Ltd",
    "party-person": "",
}
BLANKS = {
    "blank__address": "1 High Street\nIpswich\nIP1 1AA",
    "blank__date-of-birth": "1990-05-02",
    "blank__appointed-person": "Jo Bloggs",
    "blank__weekly-amount": "1234.5",
    "blank__start-date": "2027-03-01",
    "blank__paid-to": "bank account",
}


@pytest.fixture
def owner(client):
    user = PractitionerFactory(username="owner")
    client.force_login(user)
    return user


def fork_url(template: TemplatePage) -> str:
    return reverse("agreements:fork", args=[template.pk])


def fork(client, template, **blanks) -> PersonalisedAgreement:
    # Whatever parties the template declares, each is named (the ISF's by PERSON).
    asked = form_data(client.get(fork_url(template)).content.decode(), "main form")
    parties = {name: f"{name} Ltd" for name in asked if name.startswith("party-")}
    response = client.post(fork_url(template), {**parties, **PERSON, **BLANKS, **blanks})
    assert response.status_code == 302, response.context["form"].errors
    return PersonalisedAgreement.objects.latest("pk")


def url(agreement, name: str) -> str:
    return reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid})


# --------------------------------------------------------------------------- the fork form


def test_the_fork_form_asks_for_exactly_the_templates_other_blanks_as_typed_fields(client, owner):
    template = direct_payment_template()

    page = BeautifulSoup(client.get(fork_url(template)).content.decode(), "html.parser")

    form = page.select_one("form.form")
    names = [field["name"] for field in form.select("[name^=blank__]")]
    assert list(dict.fromkeys(names)) == [
        "blank__address",
        "blank__date-of-birth",
        "blank__appointed-person",
        "blank__weekly-amount",
        "blank__start-date",
        "blank__review-date",
        "blank__paid-to",
        "blank__notes",
    ]  # not the person's name: the form asks for it as the person's name
    assert form.select_one("textarea[name=blank__address]") is not None
    assert form.select_one("input[name=blank__date-of-birth]")["type"] == "date"
    assert form.select_one("input[name=blank__date-of-birth]").has_attr("required")
    assert not form.select_one("input[name=blank__review-date]").has_attr("required")
    assert [radio["value"] for radio in form.select("input[name=blank__paid-to]")] == [
        "bank account",
        "prepaid card",
    ]
    assert form.find("label", string="Weekly amount") is not None
    assert "One line per line." in form.get_text()
    # The person, their pronouns and the parties are still asked for.
    assert form.select_one("input[name=known_as]") is not None


def test_forking_keeps_each_value_as_a_string_of_its_kind(client, owner):
    template = direct_payment_template()

    agreement = fork(client, template, **{"blank__notes": "  Likes gardening  "})

    assert agreement.blanks == {
        "address": "1 High Street\nIpswich\nIP1 1AA",
        "date-of-birth": "1990-05-02",
        "appointed-person": "Jo Bloggs",
        "weekly-amount": "1234.50",
        "start-date": "2027-03-01",
        "paid-to": "bank account",
        "notes": "Likes gardening",
    }  # the review date was not given, so it is not there
    assert [item["key"] for item in agreement.blank_declarations][:3] == [
        "name",
        "address",
        "date-of-birth",
    ]
    assert agreement.latest_revision.content["blanks"] == agreement.blanks


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("blank__weekly-amount", "", "This field is required."),
        ("blank__weekly-amount", "-5", "greater than or equal to 0"),
        ("blank__weekly-amount", "12.345", "no more than 2 decimal places"),
        ("blank__weekly-amount", "lots", "Enter a number."),
        ("blank__date-of-birth", "1800-01-01", "Enter a date between 1900 and 2100."),
        ("blank__date-of-birth", "2027-02-30", "Enter a valid date."),
        ("blank__paid-to", "cash", "Select a valid choice."),
        ("blank__appointed-person", "Jo\x1bBloggs", "hidden character"),
        ("blank__appointed-person", "J" * 256, "at most 255 characters"),
    ],
)
def test_a_missing_or_bad_blank_is_refused_at_its_field(client, owner, field, value, message):
    template = direct_payment_template()

    response = client.post(fork_url(template), {**PERSON, **BLANKS, field: value})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert message in page.select_one(f"#id_{field}_error").get_text()
    assert not PersonalisedAgreement.objects.exists()


def test_the_isf_asks_for_no_other_blank_and_its_name_blank_reads_as_before(
    client, owner, seeded_site
):
    template = TemplatePage.objects.get(slug=isf.SLUG)

    page = BeautifulSoup(client.get(fork_url(template)).content.decode(), "html.parser")
    assert page.select("[name^=blank__]") == []

    agreement = fork(client, template)
    assert agreement.blanks == {}
    text = BeautifulSoup(client.get(url(agreement, "detail")).content, "html.parser").get_text()
    assert "Sam" in text and "_____" not in text and "not filled in" not in text


def test_the_suffolk_agreement_forks_with_no_blank_fields(client, owner, seeded_site):
    template = TemplatePage.objects.get(slug=partnering.SLUG)
    agreement = fork(client, template)
    assert agreement.blanks == {}
    assert client.get(url(agreement, "detail")).status_code == 200


# --------------------------------------------------------------------------- filled in everywhere


FILLED = [
    "Sam lives at 1 High Street, Ipswich, IP1 1AA and was born on 2 May 1990.",
    "Jo Bloggs manages the payments for her.",
    "The council will pay £1,234.50 a week from 1 March 2027.",
    "The money is paid to a bank account.",
    "Jo Bloggs will keep records of how Sam’s money is spent.",
    "We will review this agreement on [Review date: not filled in], under clause",
    "Notes: [Anything else: not filled in]",
]


@pytest.mark.parametrize("copy", ["detail", "print", "docx"])
def test_every_blank_is_filled_in_on_the_page_the_print_view_and_the_docx(client, owner, copy):
    agreement = fork(client, direct_payment_template())

    response = client.get(url(agreement, copy))

    assert response.status_code == 200
    if copy == "docx":
        text = docx_text(response.content)
    else:
        page = BeautifulSoup(response.content.decode(), "html.parser")
        text = page.get_text()
        gaps = [gap.get_text() for gap in page.select(".blank-gap")]
        assert gaps == ["[Anything else: not filled in]", "[Review date: not filled in]"]
    text = " ".join(text.split())
    for sentence in FILLED:
        assert sentence in text, sentence
    assert "[[" not in text, text[text.index("[[") - 200 : text.index("[[") + 100]
    assert "None" not in text


def test_a_value_is_shown_as_typed_never_as_markup(client, owner):
    agreement = fork(
        client, direct_payment_template(), **{"blank__notes": '<img src=x onerror="alert(1)">'}
    )

    html = client.get(url(agreement, "detail")).content.decode()

    assert "<img src=x" not in html
    assert "Notes: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


# --------------------------------------------------------------------------- editing later


def test_the_details_form_edits_the_blanks_and_saves_a_revision(client, owner):
    agreement = fork(client, direct_payment_template())
    revisions = agreement.revisions.count()
    data = form_data(client.get(details_url(agreement)).content.decode())
    assert data["blank__weekly-amount"] == "1234.50"
    assert data["blank__date-of-birth"] == "1990-05-02"

    data.update({"blank__weekly-amount": "99", "blank__review-date": "2027-09-01"})
    response = client.post(details_url(agreement), data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.blanks["weekly-amount"] == "99.00"
    assert agreement.blanks["review-date"] == "2027-09-01"
    assert agreement.blanks["address"] == "1 High Street\nIpswich\nIP1 1AA"
    assert agreement.revisions.count() == revisions + 1
    text = " ".join(
        BeautifulSoup(client.get(url(agreement, "detail")).content, "html.parser")
        .get_text()
        .split()
    )
    assert "The council will pay £99.00 a week" in text
    assert "review this agreement on 1 September 2027" in text


def test_a_blank_emptied_in_the_details_form_is_a_gap_again(client, owner):
    agreement = fork(client, direct_payment_template(), **{"blank__notes": "Gardening"})
    data = form_data(client.get(details_url(agreement)).content.decode())

    client.post(details_url(agreement), {**data, "blank__notes": ""})

    agreement.refresh_from_db()
    assert "notes" not in agreement.blanks
    assert "[Anything else: not filled in]" in client.get(url(agreement, "detail")).content.decode()


def test_saving_blanks_on_an_out_of_date_form_is_refused_and_keeps_both(client, owner):
    agreement = fork(client, direct_payment_template())
    stale = form_data(client.get(details_url(agreement)).content.decode())
    fresh = dict(stale, **{"blank__weekly-amount": "200"})
    assert client.post(details_url(agreement), fresh).status_code == 302

    response = client.post(details_url(agreement), {**stale, "blank__weekly-amount": "300"})

    assert response.status_code == 409
    agreement.refresh_from_db()
    assert agreement.blanks["weekly-amount"] == "200.00"
    page = BeautifulSoup(response.content.decode(), "html.parser")
    conflict = " ".join(page.select_one(".conflict").get_text().split())
    assert "Weekly amount£200.00" in conflict
    assert page.select_one("input[name=blank__weekly-amount]")["value"] == "300"


def test_a_changed_blank_reopens_an_agreed_agreement_and_shows_as_a_change(client, owner):
    agreement = fork(client, direct_payment_template())
    record_consents(
        agreement,
        agreement.latest_revision_id,
        owner,
        [(key, "Someone", datetime.date.today()) for key in agreement.party_keys()],
    )
    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED
    before = PersonalisedAgreement.objects.get(pk=agreement.pk)
    data = form_data(client.get(details_url(agreement)).content.decode())

    client.post(
        details_url(agreement), {**data, "blank__weekly-amount": "10", "confirm_reopen": "on"}
    )

    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert agreement.status() == AgreementStatus.DRAFT
    assert agreement.changed_since_agreed()
    details = compare_agreements(before, agreement)[0]
    changed = json.dumps([str(part) for part in details.parts], ensure_ascii=False)
    assert "£1,234.50" in changed and "£10.00" in changed


def test_a_revision_restores_the_blanks_as_they_were(client, owner):
    agreement = fork(client, direct_payment_template())
    first = agreement.latest_revision
    data = form_data(client.get(details_url(agreement)).content.decode())
    client.post(
        details_url(agreement), {**data, "blank__weekly-amount": "10", "confirm_reopen": "on"}
    )

    assert first.as_object().blanks["weekly-amount"] == "1234.50"
    assert first.as_object().filled_blanks().text("weekly-amount") == "£1,234.50"


def test_person_details_factory_forks_without_blanks():
    agreement = PersonalisedAgreementFactory(
        template=direct_payment_template(), details=PersonDetailsFactory()
    )
    assert agreement.blanks == {}
    assert agreement.filled_blanks().plain("weekly-amount") == "[Weekly amount: not filled in]"


# --------------------------------------------------------------------------- template updates


def test_an_update_that_places_a_new_blank_brings_its_declaration(client, owner):
    from agreements.factories import blank
    from personalised.updates.services import take_updates, updates_for

    template = direct_payment_template()
    agreement = fork(client, template)
    page = template.get_latest_revision_as_object()
    body = list(page.body.raw_data)
    payments = next(item for item in body if item["value"].get("heading") == "Payments")
    payments["value"]["content"].append(
        {"type": "paragraph", "value": "Call [[contact-phone]] with questions.", "id": None}
    )
    page.body = body
    page.blanks = [
        *page.blanks.raw_data,
        {**blank("contact-phone", "Contact phone number"), "id": None},
    ]
    page.save_revision().publish()
    updates = updates_for(agreement)
    assert updates is not None and updates.changes

    take_updates(
        agreement,
        user=owner,
        based_on=agreement.latest_revision_id,
        live_revision=updates.live_revision_id,
        accepted=[change.token for change in updates.changes],
        declined=[],
    )

    agreement.refresh_from_db()
    assert [item["key"] for item in agreement.blank_declarations][-1] == "contact-phone"
    text = " ".join(
        BeautifulSoup(client.get(url(agreement, "detail")).content, "html.parser")
        .get_text()
        .split()
    )
    assert "Call [Contact phone number: not filled in] with questions." in text
    assert "The council will pay £1,234.50 a week" in text
    data = form_data(client.get(details_url(agreement)).content.decode())
    data["blank__contact-phone"] = "01473 000000"
    assert client.post(details_url(agreement), data).status_code == 302
    page_text = client.get(url(agreement, "detail")).content.decode()
    assert "Call 01473 000000 with questions." in page_text


def test_blanks_in_an_isf_shaped_template_fill_areas_prompts_and_the_area_editor(client, owner):
    from agreements.block_ids import with_block_ids
    from agreements.blocks import BlanksBlock, TemplateBodyBlock
    from agreements.factories import area, blank, published_template

    template = published_template(
        slug="isf-shaped",
        body=with_block_ids(
            "isf-shaped",
            TemplateBodyBlock(),
            [
                area(
                    "Agreeing outcomes",
                    commitments=["We will agree _____ goals by [[first-review]]."],
                    prompts={"Provider": ["Meet [[key-worker]] and _____ every week"]},
                )
            ],
        ),
        blanks=with_block_ids(
            "isf-shaped-blanks",
            BlanksBlock(),
            [
                blank("first-review", "First review", "date", required=True),
                blank("key-worker", "Key worker", "other_name"),
            ],
        ),
    )
    response = client.post(
        fork_url(template), {**PERSON, "blank__first-review": "2027-01-15", "blank__key-worker": ""}
    )
    assert response.status_code == 302
    agreement = PersonalisedAgreement.objects.latest("pk")

    for name in ("detail", "print"):
        text = " ".join(
            BeautifulSoup(client.get(url(agreement, name)).content, "html.parser")
            .get_text()
            .split()
        )
        assert "We will agree Sam’s goals by 15 January 2027." in text
        assert "Meet [Key worker: not filled in] and Sam every week" in text
    docx = " ".join(docx_text(client.get(url(agreement, "docx")).content).split())
    assert "We will agree Sam’s goals by 15 January 2027." in docx
    editor = client.get(
        reverse(
            "agreements:edit_area",
            kwargs={"uuid": agreement.uuid, "block_id": agreement.areas()[0].id},
        )
    ).content.decode()
    assert "by 15 January 2027" in editor

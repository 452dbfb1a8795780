"""Each agreement's parties are its template's declared parties: any number, any names.

Three template shapes: the ISF (three columns: local authority, provider, the person and
family), the Suffolk partnering agreement (its eight signatory organisations) and a direct
payment agreement built here (a council, the person and an "appointed person" who manages the
money; no provider). Each is forked, its parties named, each party's agreement recorded, and
exported; the status in the listing (counted in SQL) follows the agreement's own parties.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import declared_party, published_template
from agreements.models import TemplatePage
from agreements.seed_content import partnering
from personalised.models import AgreementStatus, PersonalisedAgreement
from personalised.tests.editing import agree_url, details_url, form_data
from personalised.tests.exporting import docx_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def direct_payment_template() -> TemplatePage:
    """A council and two individuals (the person, and the appointed person who manages the
    money), and no provider; its own signatories block."""
    body = [
        {
            "type": "text",
            "value": {
                "heading": "About this agreement",
                "text": "<p>This agreement is about _____’s direct payment.</p>",
            },
        },
        {
            "type": "clause",
            "value": {
                "heading": "Responsibilities of the appointed person",
                "reference_key": "",
                "content": [{"type": "paragraph", "value": "Keep records of spending."}],
            },
        },
        {
            "type": "signatories",
            "value": {
                "heading": "Signatures",
                "signatories": [
                    {"organisation": "The council", "name": "", "designation": ""},
                ],
            },
        },
    ]
    return published_template(
        slug="direct-payment",
        title="Direct payment agreement",
        parties=[
            declared_party(
                "council", "The council", help_text="The council that makes the payments."
            ),
            declared_party("person", "The person", "people", includes_the_person=True),
            declared_party(
                "appointed-person",
                "The appointed person",
                "people",
                help_text="Who manages the money for the person.",
            ),
        ],
        body=with_block_ids("direct-payment", TemplateBodyBlock(), body),
    )


def fork(client, template: TemplatePage, **fields) -> PersonalisedAgreement:
    data = {"person_name": "Jo Bloggs", "known_as": "Jo", "pronouns": "they", **fields}
    response = client.post(reverse("agreements:fork", args=[template.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return PersonalisedAgreement.objects.latest("pk")


def agree_every_party(client, agreement: PersonalisedAgreement) -> None:
    data = form_data(client.get(agree_url(agreement)).content.decode())
    for name in [name for name in data if name.endswith("-agreed_by")]:
        if name.startswith("member-"):
            # Each person in a party of people agrees for themselves, as they sign.
            data[name.removesuffix("_by")] = "on"
        else:
            data[name] = f"Signed for {name.removesuffix('-agreed_by')}"
    response = client.post(agree_url(agreement), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def listed_status(client, agreement: PersonalisedAgreement) -> str:
    page = soup(client.get(reverse("agreements:list")))
    row = next(row for row in page.select("tr, li") if agreement.known_as in row.get_text())
    return row.get_text(" ", strip=True)


# --------------------------------------------------------------------------- the fork form


def test_the_fork_form_asks_for_exactly_the_templates_parties_and_no_provider(
    signed_in, template_index
):
    template = direct_payment_template()

    page = soup(signed_in.get(reverse("agreements:fork", args=[template.pk])))

    labels = [label.get_text(" ", strip=True) for label in page.select("form.form label")]
    assert any("The council" in label for label in labels)
    assert any("The appointed person" in label for label in labels)
    assert not any("Provider" in label for label in labels)
    assert page.select_one("#id_party-council")
    assert page.select_one("textarea#id_party-appointed-person")
    # The template's own help text says what each party is.
    assert "Who manages the money for the person." in page.get_text()


def test_forking_names_each_party_the_person_first_in_their_own_party(signed_in, template_index):
    template = direct_payment_template()

    agreement = fork(
        signed_in,
        template,
        **{
            "party-council": "Suffolk County Council",
            "party-person": "",
            "party-appointed-person": "Ann Bloggs\n\n  Raj Patel  ",
        },
    )

    assert [party.key for party in agreement.party_list()] == [
        "council",
        "person",
        "appointed-person",
    ]
    assert agreement.party_count == 3
    assert agreement.party_name("council") == "Suffolk County Council"
    assert agreement.party("person").names == ("Jo Bloggs",)
    assert agreement.party("appointed-person").names == ("Ann Bloggs", "Raj Patel")
    assert agreement.party_label("appointed-person") == "The appointed person"


def test_a_party_of_people_without_the_person_needs_a_name(signed_in, template_index):
    template = direct_payment_template()
    data = {
        "person_name": "Jo Bloggs",
        "known_as": "Jo",
        "pronouns": "they",
        "party-council": "Suffolk County Council",
    }

    response = signed_in.post(reverse("agreements:fork", args=[template.pk]), data)

    assert response.status_code == 400
    assert soup(response).select_one("#id_party-appointed-person_error")
    assert not PersonalisedAgreement.objects.exists()


def test_the_suffolk_agreement_asks_for_each_of_its_eight_signatory_organisations(
    signed_in, seeded_site
):
    template = TemplatePage.objects.get(slug=partnering.SLUG)

    page = soup(signed_in.get(reverse("agreements:fork", args=[template.pk])))

    fields = page.select("input[name^='party-']")
    assert len(fields) == 8
    assert [party["name"] for party in template.declared_parties()][:2] == [
        "Suffolk Supporting People",
        "Social Care Services",
    ]
    # Each organisation's role (from the parties block) is what the form says about it.
    assert "Commissioning Partners" in page.get_text()
    assert "Provider Partner(s)" in page.get_text()


# --------------------------------------------------------------------------- agreeing


def test_each_declared_party_agrees_and_only_then_it_is_agreed_in_the_page_and_listing(
    signed_in, template_index
):
    agreement = fork(
        signed_in,
        direct_payment_template(),
        **{"party-council": "Suffolk County Council", "party-appointed-person": "Ann Bloggs"},
    )
    form = soup(signed_in.get(agree_url(agreement)))
    legends = [
        legend.get_text(" ", strip=True)
        for legend in form.select("fieldset.party-agreement > legend")
    ]
    assert legends == [
        "The council: Suffolk County Council",
        "The person: Jo Bloggs",
        "The appointed person: Ann Bloggs",
    ]

    data = form_data(signed_in.get(agree_url(agreement)).content.decode())
    data["council-agreed_by"] = "Lee Officer"
    assert signed_in.post(agree_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.DRAFT
    assert "Draft" in listed_status(signed_in, agreement)

    agree_every_party(signed_in, agreement)

    agreement.refresh_from_db()
    assert set(agreement.current_consents()) == {"council", "person", "appointed-person"}
    assert agreement.status() == AgreementStatus.AGREED
    assert "Agreed" in listed_status(signed_in, agreement)


def test_a_crafted_consent_for_a_party_the_agreement_lacks_is_not_recorded(
    signed_in, template_index
):
    agreement = fork(
        signed_in,
        direct_payment_template(),
        **{"party-council": "Suffolk County Council", "party-appointed-person": "Ann Bloggs"},
    )
    data = form_data(signed_in.get(agree_url(agreement)).content.decode())
    data.update({"provider-agreed_by": "Forged", "provider-agreed_on": TODAY.isoformat()})
    data["council-agreed_by"] = "Lee Officer"

    signed_in.post(agree_url(agreement), data)

    assert list(agreement.consents.values_list("party", flat=True)) == ["council"]


def test_the_details_form_edits_each_partys_names_and_keeps_the_person_first(
    signed_in, template_index
):
    agreement = fork(
        signed_in,
        direct_payment_template(),
        **{"party-council": "Suffolk County Council", "party-appointed-person": "Ann Bloggs"},
    )
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    assert data["party-appointed-person"] == "Ann Bloggs"
    data.update(
        {
            "person_name": "Joanne Bloggs",
            "party-council": "West Suffolk Council",
            "party-appointed-person": "Ann Bloggs\nKim Lee",
        }
    )

    assert signed_in.post(details_url(agreement), data).status_code == 302

    agreement.refresh_from_db()
    assert agreement.party_name("council") == "West Suffolk Council"
    assert agreement.party("person").names == ("Joanne Bloggs",)
    assert agreement.party("appointed-person").names == ("Ann Bloggs", "Kim Lee")
    # The change is a new revision the history compares by party.
    history = signed_in.get(reverse("agreements:history", args=[agreement.uuid]))
    assert "The council" in history.content.decode() or "person and the parties" in (
        history.content.decode()
    )


# --------------------------------------------------------------------------- exports


def test_exports_show_the_agreements_own_parties_and_no_fixed_signatures_beside_its_own(
    signed_in, template_index
):
    agreement = fork(
        signed_in,
        direct_payment_template(),
        **{"party-council": "Suffolk County Council", "party-appointed-person": "Ann Bloggs"},
    )
    agree_every_party(signed_in, agreement)

    printed = signed_in.get(reverse("agreements:print", args=[agreement.uuid]))
    page = soup(printed)
    parties = page.select_one(".agreement-parties").get_text(" ", strip=True)
    assert "The appointed person Ann Bloggs" in parties
    assert "Provider" not in parties and "Local authority" not in parties
    # The template signs in its own signatories block: the exports record each party's
    # agreement, with no signing lines of their own.
    signatures = page.select_one(".party-signatures")
    # Ann agreed for herself, by her own name; the council by whoever agreed for it.
    assert "Agreed on this site by Ann Bloggs" in signatures.get_text()
    assert "Agreed on this site by Signed for council" in signatures.get_text()
    assert not signatures.select(".writing-line")

    text = docx_text(signed_in.get(reverse("agreements:docx", args=[agreement.uuid])).content)
    assert "The appointed person" in text and "Ann Bloggs" in text
    assert "Signed for council" in text
    assert "Provider" not in text


def test_an_isf_agreements_exports_keep_their_signing_lines(signed_in, template_index):
    template = published_template()
    agreement = fork(
        signed_in,
        template,
        **{
            "party-local-authority": "Suffolk County Council",
            "party-provider": "Good Support Ltd",
            "party-person": "Alex Person",
        },
    )

    page = soup(signed_in.get(reverse("agreements:print", args=[agreement.uuid])))

    signatures = page.select(".party-signature")
    assert [s.select_one("h3").get_text(strip=True) for s in signatures] == [
        "Local Authority",
        "Provider",
        "Family & Person being supported",
    ]
    assert signatures[2].select_one(".party-signature__name").get_text() == (
        "Jo Bloggs, Alex Person"
    )
    assert len(page.select(".party-signatures .writing-line")) == 9


def test_the_suffolk_agreement_is_agreed_by_its_eight_organisations(signed_in, seeded_site):
    template = TemplatePage.objects.get(slug=partnering.SLUG)
    names = {
        f"party-{party['key']}": f"{party['name']} (as named)"
        for party in template.declared_parties()
    }
    agreement = fork(signed_in, template, **names)
    assert agreement.party_count == 8

    agree_every_party(signed_in, agreement)

    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED
    text = docx_text(signed_in.get(reverse("agreements:docx", args=[agreement.uuid])).content)
    assert "Age Concern (as named)" in text


# --------------------------------------------------------------------------- templates


def test_a_template_update_that_changes_the_declared_parties_keeps_the_agreements_own(
    signed_in, template_index
):
    template = direct_payment_template()
    agreement = fork(
        signed_in,
        template,
        **{"party-council": "Suffolk County Council", "party-appointed-person": "Ann Bloggs"},
    )
    template.parties = [
        declared_party("council", "The local authority"),
        declared_party("person", "The person", "people", includes_the_person=True),
    ]
    template.change_note = "Parties renamed."
    template.save_revision().publish()

    response = signed_in.get(reverse("agreements:updates", args=[agreement.uuid]))

    assert response.status_code == 200
    notes = soup(response).select_one("[aria-labelledby=party-changes-heading]").get_text()
    assert "The template now calls The council The local authority." in notes
    assert "no longer has the party The appointed person; this agreement keeps it." in notes
    agreement.refresh_from_db()
    assert agreement.party_keys() == ["council", "person", "appointed-person"]
    assert agreement.party_label("council") == "The council"

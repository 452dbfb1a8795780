"""Signatures in the words editors choose: for an organisation, or by a person signing for
themselves, numbered as a clause only when the editor says so."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agreements.blocks import TemplateBodyBlock
from agreements.factories import (
    TemplatePageFactory,
    clause,
    declared_party,
    item_list,
    paragraph,
    signatories,
    signatory,
)
from agreements.signatures import signatory_words
from agreements.tests.text import main_text

COUNCIL = signatory(
    "Anytown Council",
    "Pat Officer",
    "Direct payments officer",
    wording="Signed for and on behalf of",
    note="(Authorised officer)",
    party="council",
)
PERSON = signatory(signs_as="person", wording="Signed by", party="person")
APPOINTED = signatory(
    name="Jo Bloggs", designation="Appointed person", signs_as="person", party="appointed-person"
)

#: The parties the signatories above belong to.
DIRECT_PAYMENT_PARTIES = [
    declared_party("council", "The council"),
    declared_party("person", "The person", "people", True),
    declared_party("appointed-person", "The appointed person", "people"),
]


def direct_payment_body() -> list[dict]:
    """A small direct payment agreement: a council and two individuals, responsibilities
    numbered on from one group to the next, and individuals signing for themselves."""
    return [
        clause(
            "Responsibilities",
            {"type": "subheading", "value": "The person will"},
            item_list(*[f"Person duty {number}" for number in range(1, 7)]),
            {"type": "subheading", "value": "The appointed person will"},
            item_list(
                *[f"Appointed duty {number}" for number in range(7, 10)], continue_numbering=True
            ),
        ),
        clause("Ending the agreement", paragraph("Either side may end it with notice.")),
        signatories(COUNCIL, PERSON, APPOINTED, heading="Signatures"),
    ]


def test_the_words_follow_the_editor_and_the_kind_of_signatory():
    assert signatory_words(COUNCIL) == "Signed for and on behalf of Anytown Council:"
    assert signatory_words(APPOINTED) == "Signed by Jo Bloggs:"
    # A person the template does not name gets a line to write their name on.
    assert signatory_words(PERSON) == "Signed by _______________:"
    assert signatory_words(signatory("Age Concern")) == "Signed on behalf of Age Concern:"
    # "..." places the name, for languages (and styles) that do not put it last.
    assert (
        signatory_words(signatory("Age Concern", wording="... signs by its officer:"))
        == "Age Concern signs by its officer:"
    )


def test_blank_words_are_the_sites_own_in_the_readers_language():
    with translation.override("cy"):
        assert signatory_words(signatory("Age Concern")) == "Llofnodwyd ar ran Age Concern:"


def test_a_name_is_data_not_a_pattern():
    hostile = signatory(r"\1 & <b>Council</b> ...", wording="For ... only")

    assert signatory_words(hostile) == r"For \1 & <b>Council</b> ... only"


def test_signing_for_an_organisation_needs_the_organisation_at_that_field():
    body_block = TemplateBodyBlock()
    value = body_block.to_python([signatories(signatory(""), PERSON)])

    with pytest.raises(ValidationError) as refused:
        body_block.clean(value)

    errors = refused.value.as_json_data()["blockErrors"][0]["blockErrors"]["signatories"]
    assert list(errors["blockErrors"]) == [0]  # the person signing for themselves needs none
    assert errors["blockErrors"][0]["blockErrors"]["organisation"] == {
        "messages": ["Give the organisation this signature is on behalf of."]
    }


@pytest.mark.django_db
def test_a_direct_payment_agreement_renders_individuals_signing_for_themselves(
    template_index, client
):
    page = TemplatePageFactory(parent=template_index, slug="direct-payment", body=[])
    page.body = direct_payment_body()
    page.parties = DIRECT_PAYMENT_PARTIES
    page.save_revision().publish()

    html = client.get("/templates/direct-payment/").text
    text = main_text(html)

    assert '<ol class="clause-list" start="7">' in html
    assert "1 Responsibilities" in text
    assert "2 Ending the agreement" in text
    # Not numbered as a clause: no number, no sub-clause numbers.
    assert "Signatures Signed for and on behalf of Anytown Council:" in text
    assert "3 Signatures" not in text
    assert "(Authorised officer)" in text
    assert "Name: Pat Officer Designation: Direct payments officer" in text
    assert "Signed by _____:" in text
    assert "Signed by Jo Bloggs: _____ Designation: Appointed person Date: _____" in text
    assert "on behalf of Jo Bloggs" not in text
    # A person signing for themselves has no organisation, name or position lines of their own.
    assert text.count("Name:") == 1
    assert text.count("Designation:") == 2
    assert text.count("Date:") == 3
    assert "is not in this document" not in text

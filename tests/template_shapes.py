"""Three templates of different shapes, built from the block library as an editor would build
them, with what a practitioner types into their forms: the ISF, the Suffolk partnering agreement
and a council's direct payment agreement (see tests/test_any_template.py)."""

import copy
from dataclasses import dataclass, field

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

"""Factories for template pages and the blocks they are built from."""

import factory
import wagtail_factories
from wagtail import blocks

from agreements import blocks as agreement_blocks
from agreements.models import Maturity, TemplateIndexPage, TemplatePage
from agreements.party_declarations import declared_party_data


class TextBlockFactory(wagtail_factories.blocks.BlockFactory):
    class Meta:
        model = blocks.TextBlock


class PartyPromptsBlockFactory(wagtail_factories.StructBlockFactory):
    party = "Provider"
    prompts = wagtail_factories.ListBlockFactory(TextBlockFactory)

    class Meta:
        model = agreement_blocks.PartyPromptsBlock


class AreaBlockFactory(wagtail_factories.StructBlockFactory):
    title = factory.Sequence(lambda n: f"Area {n}")
    commitments = wagtail_factories.ListBlockFactory(TextBlockFactory)
    party_prompts = wagtail_factories.ListBlockFactory(PartyPromptsBlockFactory)
    this_means_label = "For _____ this means:"

    class Meta:
        model = agreement_blocks.AreaBlock


class TemplateBodyStreamFactory(wagtail_factories.StreamBlockFactory):
    area = AreaBlockFactory

    class Meta:
        model = agreement_blocks.TemplateBodyBlock


class TemplateIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agreement templates"
    slug = "templates"
    intro = "Templates to start a partnership agreement from."

    class Meta:
        model = TemplateIndexPage


class TemplatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partnership Agreement {n}")
    maturity = Maturity.WORKING_DRAFT
    change_note = "First version."
    provenance = "Written with a council to test the blocks."
    intro = "<p>How we will work together.</p>"
    body = wagtail_factories.StreamFieldFactory(TemplateBodyStreamFactory)

    class Meta:
        model = TemplatePage


def area(
    title: str,
    commitments: list[str] | None = None,
    prompts: dict[str, list[str]] | None = None,
) -> dict:
    """Raw StreamField data for one area block, for tests that need exact content."""
    prompts = prompts if prompts is not None else {"Provider": [f"A prompt about {title}"]}
    return {
        "type": "area",
        "value": {
            "title": title,
            "commitments": commitments or [f"We will work together on {title}."],
            "party_prompts": [
                {"party": party, "prompts": party_prompts}
                for party, party_prompts in prompts.items()
            ],
            "this_means_label": "For _____ this means:",
        },
    }


def declared_party(
    key: str,
    name: str,
    kind: str = "organisation",
    includes_the_person: bool = False,
    help_text: str = "",
) -> dict:
    """Raw StreamField data for one declared party (``TemplatePage.parties``)."""
    return declared_party_data(key, name, kind, includes_the_person, help_text)


def isf_parties() -> list[dict]:
    """The ISF's three parties, as its columns declare them."""
    return [
        declared_party("local-authority", "Local Authority"),
        declared_party("provider", "Provider"),
        declared_party("person", "Family & Person being supported", "people", True),
    ]


def clause(heading: str, *content: dict, key: str = "", number: int | None = None) -> dict:
    """Raw StreamField data for one clause block (``number``: its fixed number, if any)."""
    return {
        "type": "clause",
        "value": {
            "heading": heading,
            "reference_key": key,
            "number": number,
            "content": list(content),
        },
    }


def item_list(*items: str, numbered: bool = True, continue_numbering: bool = False) -> dict:
    """Raw StreamField data for a list inside a clause or sub-clause."""
    return {
        "type": "list",
        "value": {
            "items": list(items),
            "numbered": numbered,
            "continue_numbering": continue_numbering,
        },
    }


def signatory(
    organisation: str = "",
    name: str = "",
    designation: str = "",
    *,
    signs_as: str = "organisation",
    wording: str = "",
    note: str = "",
    party: str = "",
) -> dict:
    return {
        "signs_as": signs_as,
        "party": party,
        "organisation": organisation,
        "name": name,
        "designation": designation,
        "wording": wording,
        "note": note,
    }


def signatories(
    *people: dict, heading: str = "Signatories", numbered: bool = False, number=None
) -> dict:
    """Raw StreamField data for a signatories block."""
    return {
        "type": "signatories",
        "value": {
            "heading": heading,
            "numbered": numbered,
            "number": number,
            "signatories": list(people),
        },
    }


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": text}


def sub_clause(*content: dict) -> dict:
    return {"type": "sub_clause", "value": {"content": list(content)}}


def cross_reference(before: str, key: str, label: str = "", after: str = ".") -> dict:
    return {
        "type": "cross_reference",
        "value": {"text_before": before, "clause": key, "label": label, "text_after": after},
    }


def published_template(**kwargs) -> TemplatePage:
    """A published template with two areas (block ids as the admin gives them), under a fresh
    template index if none exists."""
    from agreements.block_ids import with_block_ids
    from agreements.blocks import TemplateBodyBlock
    from home.factories import HomePageFactory

    index = TemplateIndexPage.objects.first()
    if index is None:
        index = TemplateIndexPageFactory(parent=HomePageFactory.as_site_root())
    slug = kwargs.setdefault("slug", f"template-{TemplatePage.objects.count() + 1}")
    kwargs.setdefault(
        "body",
        with_block_ids(
            slug,
            TemplateBodyBlock(),
            [
                area(
                    "Agreeing outcomes",
                    commitments=["We will work together towards shared goals for _____."],
                    prompts={
                        "Local Authority": ["Help _____ find a home"],
                        "Provider": ["Get to know _____ well"],
                        "Family & Person being supported": ["Share what we know"],
                    },
                ),
                area("Resources"),
            ],
        ),
    )
    kwargs.setdefault("parties", isf_parties())
    template = TemplatePageFactory(parent=index, **kwargs)
    template.save_revision().publish()
    template.refresh_from_db()
    return template


def blank(
    key: str,
    label: str,
    kind: str = "text",
    *,
    required: bool = False,
    help_text: str = "",
    choices: list[str] | None = None,
) -> dict:
    """Raw StreamField data for one declared blank (``TemplatePage.blanks``)."""
    return {
        "type": "blank",
        "value": {
            "key": key,
            "label": label,
            "kind": kind,
            "help_text": help_text,
            "required": required,
            "choices": list(choices or []),
        },
    }


def list_items(*items: str, numbered: bool = True) -> dict:
    return {"type": "list", "value": {"items": list(items), "numbered": numbered}}


def text_section(html: str, heading: str = "") -> dict:
    return {"type": "text", "value": {"heading": heading, "text": html}}


#: The blanks of a council's direct payment agreement, as an editor would declare them.
DIRECT_PAYMENT_BLANKS = [
    blank("name", "The person's name", "person_name", required=True),
    blank("address", "Address", "address", required=True, help_text="One line per line."),
    blank("date-of-birth", "Date of birth", "date", required=True),
    blank("appointed-person", "Appointed person", "other_name", required=True),
    blank("weekly-amount", "Weekly amount", "money", required=True),
    blank("start-date", "Start date", "date", required=True),
    blank("review-date", "Review date", "date"),
    blank("paid-to", "Paid to", "choice", required=True, choices=["bank account", "prepaid card"]),
    blank("notes", "Anything else", "text"),
]


def direct_payment_body() -> list[dict]:
    """A direct payment agreement's body (a council, the person and an appointed person, no
    provider) with its blanks placed in text, clauses, lists and a cross-reference."""
    return [
        text_section(
            "<p>[[name]] lives at [[address]] and was born on [[date-of-birth]]. "
            "[[appointed-person]] manages the payments for {them}.</p>",
            heading="About this agreement",
        ),
        clause(
            "Payments",
            paragraph("The council will pay [[weekly-amount]] a week from [[start-date]]."),
            paragraph("The money is paid to a [[paid-to]]."),
            list_items(
                "[[appointed-person]] will keep records of how _____ money is spent.",
                "Notes: [[notes]]",
            ),
            key="payments",
        ),
        clause(
            "Review",
            cross_reference("We will review this agreement on [[review-date]], under", "payments"),
        ),
    ]


def direct_payment_template(**kwargs) -> TemplatePage:
    """A published direct payment template with typed blanks (built as an editor would)."""
    from agreements.block_ids import with_block_ids
    from agreements.blocks import BlanksBlock, TemplateBodyBlock

    slug = kwargs.setdefault("slug", f"direct-payment-{TemplatePage.objects.count() + 1}")
    kwargs.setdefault("title", "Direct payment agreement")
    kwargs.setdefault("body", with_block_ids(slug, TemplateBodyBlock(), direct_payment_body()))
    kwargs.setdefault(
        "blanks", with_block_ids(f"{slug}-blanks", BlanksBlock(), DIRECT_PAYMENT_BLANKS)
    )
    return published_template(**kwargs)

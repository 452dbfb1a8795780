"""Factories for template pages and the blocks they are built from."""

import factory
import wagtail_factories
from wagtail import blocks

from agreements import blocks as agreement_blocks
from agreements.models import Maturity, TemplateIndexPage, TemplatePage


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
    return {
        "type": "party",
        "value": {
            "key": key,
            "name": name,
            "kind": kind,
            "includes_the_person": includes_the_person,
            "help_text": help_text,
        },
    }


def isf_parties() -> list[dict]:
    """The ISF's three parties, as its columns declare them."""
    return [
        declared_party("local-authority", "Local Authority"),
        declared_party("provider", "Provider"),
        declared_party("person", "Family & Person being supported", "people", True),
    ]


def clause(heading: str, *content: dict, key: str = "") -> dict:
    """Raw StreamField data for one clause block."""
    return {
        "type": "clause",
        "value": {"heading": heading, "reference_key": key, "content": list(content)},
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

"""Templates with several published versions, and agreements forked from each, for the tests of
template updates."""

import copy
import json
from collections.abc import Callable

from agreements.block_ids import with_block_ids
from agreements.blocks import AgreementBodyBlock, TemplateBodyBlock
from agreements.factories import area, clause, cross_reference, paragraph, published_template
from agreements.models import TemplatePage
from personalised.factories import PersonDetailsFactory
from personalised.forking.services import copy_body, fork_template
from personalised.models import PersonalisedAgreement


def publish(template: TemplatePage, change: Callable[[list], list | None], note: str):
    """Publish a new version of ``template`` whose body is ``change`` applied to a copy of the
    latest one's raw data (ids kept), with the editor's change note."""
    page = template.get_latest_revision_as_object()
    body = copy.deepcopy(list(page.body.raw_data))
    changed = change(body)
    page.body = changed if changed is not None else body
    page.change_note = note
    page.save_revision().publish()
    return TemplatePage.objects.get(pk=template.pk)


def block(body: list, title: str) -> dict:
    return next(b for b in body if (b["value"].get("title") or b["value"].get("heading")) == title)


def column(area_block: dict, party: str) -> list:
    """The prompts list (raw items) of one party in an area."""
    for item in area_block["value"]["party_prompts"]:
        if item["value"]["party"] == party:
            return item["value"]["prompts"]
    raise LookupError(party)


def prompt_texts(area_block: dict, party: str) -> list[str]:
    return [item["value"] for item in column(area_block, party)]


def new_item(text, item_id: str) -> dict:
    return {"type": "item", "value": text, "id": item_id}


def three_area_template() -> TemplatePage:
    """Version 1: three areas, three parties in the first."""
    slug = f"updates-{TemplatePage.objects.count() + 1}"
    body = with_block_ids(
        slug,
        TemplateBodyBlock(),
        [
            area(
                "Agreeing outcomes",
                commitments=["We will work together towards shared goals for _____."],
                prompts={
                    "Local Authority": ["Help _____ find a home"],
                    "Provider": ["Get to know _____ well", "Listen to _____"],
                    "Family & Person being supported": ["Share what we know", "Say what matters"],
                },
            ),
            area("Resources"),
            area("Housing"),
        ],
    )
    return published_template(slug=slug, body=body, change_note="First version.")


def version_2(body: list) -> None:
    """Edits a prompt, adds a prompt, removes an area, adds an area."""
    outcomes = block(body, "Agreeing outcomes")
    column(outcomes, "Provider")[0]["value"] = "Get to know _____ and their family well"
    column(outcomes, "Local Authority").append(
        new_item("Agree a budget with _____", "a0000000-0000-4000-8000-000000000001")
    )
    body.remove(block(body, "Housing"))
    extra = with_block_ids("keeping-safe", TemplateBodyBlock(), [area("Keeping safe")])[0]
    body.append(extra)


def version_3(body: list) -> None:
    """Reorders areas, renames one, removes a prompt, adds a party's column."""
    outcomes = block(body, "Agreeing outcomes")
    resources = block(body, "Resources")
    body.remove(resources)
    body.insert(0, resources)
    outcomes["value"]["title"] = "Agreeing outcomes together"
    column(outcomes, "Family & Person being supported").pop(1)
    resources["value"]["party_prompts"].append(
        {
            "type": "item",
            "value": {
                "party": "Local Authority",
                "prompts": [new_item("Explain the budget", "a0000000-0000-4000-8000-000000000002")],
            },
            "id": "a0000000-0000-4000-8000-000000000003",
        }
    )


def clause_template() -> TemplatePage:
    slug = f"clauses-{TemplatePage.objects.count() + 1}"
    data = [
        {
            "type": "definitions",
            "value": {
                "heading": "Definitions",
                "definitions": [{"term": "Partners", "meaning": "the parties to this agreement"}],
            },
        },
        clause(
            "Purpose",
            paragraph("The purpose of this Agreement is to work together."),
            cross_reference("It lasts until ended under", "termination"),
        ),
        clause(
            "Termination",
            paragraph("Any Partner may leave with three months' notice."),
            key="termination",
        ),
        {
            "type": "schedule_table",
            "value": {
                "appendix_label": "Appendix",
                "heading": "Funding",
                "introduction": "",
                "columns": ["Service", "Funder"],
                "rows": [{"cells": ["Housing", "Council"]}],
                "footnotes": [],
            },
        },
        {
            "type": "signatories",
            "value": {
                "heading": "Signatories",
                "signatories": [{"organisation": "A council", "name": "", "designation": ""}],
            },
        },
    ]
    body = with_block_ids(slug, TemplateBodyBlock(), data)
    return published_template(slug=slug, body=body, change_note="First version.")


def fork(template: TemplatePage, owner) -> PersonalisedAgreement:
    return fork_template(template, owner=owner, details=PersonDetailsFactory())


def normalised(raw_body: list) -> str:
    """An agreement body as a fresh fork would store it, defaults filled in, for comparing."""
    stream_block = AgreementBodyBlock()
    value = stream_block.to_python(copy.deepcopy(list(raw_body)))
    list(value)  # read every child, so it serialises from the blocks, not the raw data
    return json.dumps(stream_block.get_prep_value(value), sort_keys=True)


def fresh_fork_body(template: TemplatePage) -> list:
    return copy_body(TemplatePage.objects.get(pk=template.pk))

import re
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from agreements.block_ids import BLOCK_ID_NAMESPACE
from agreements.models import Maturity, TemplatePage
from agreements.seed_content import isf, isf_guidance, partnering
from guidance.models import GuidancePage
from home.models import HomePage

# (local authority, provider, person and family) prompts per area, as the seed has them.
EXPECTED_PROMPT_COUNTS = [
    (3, 3, 3),
    (3, 3, 3),
    (3, 3, 3),
    (3, 3, 3),
    (3, 3, 3),
    (0, 3, 3),
    (1, 3, 2),
]

EXPECTED_AREAS = [
    "Agreeing Outcomes",
    "Resources",
    "Listening and communication",
    "Learning together and making progress",
    "Home, and community",
    "Support",
    "Doing things together",
]


def blocks_of(page: TemplatePage, block_type: str) -> list:
    return [child.value for child in page.body if child.block_type == block_type]


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


@pytest.fixture
def partnering_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=partnering.SLUG)


def test_isf_is_published_as_version_1_working_draft(isf_page):
    assert isf_page.live
    assert isf_page.maturity == Maturity.WORKING_DRAFT
    assert isf_page.version == 1
    assert isf_page.provenance.startswith("This working draft was produced by John Waters")
    assert "three rather than two parties" in isf_page.intro


def test_isf_has_the_seven_areas_in_order(isf_page):
    assert [area["title"] for area in blocks_of(isf_page, "area")] == EXPECTED_AREAS


def test_isf_prompt_counts_per_party_match_the_seed(isf_page):
    counts = [
        tuple(len(column["prompts"]) for column in area["party_prompts"])
        for area in blocks_of(isf_page, "area")
    ]

    assert counts == EXPECTED_PROMPT_COUNTS


def test_isf_parties_are_the_three_columns_of_the_seed(isf_page):
    for area in blocks_of(isf_page, "area"):
        assert [column["party"] for column in area["party_prompts"]] == [
            "Local Authority",
            "Provider",
            "Family & Person being supported",
        ]


def test_isf_every_commitment_is_loaded(isf_page):
    loaded = [list(area["commitments"]) for area in blocks_of(isf_page, "area")]

    assert loaded == [commitments for _, commitments, _ in isf.AREAS]
    assert loaded[2] == [
        "We will make sure everyone's views are heard when we plan or change the support that "
        "_____ gets.",
        "We will talk positively together regularly so everyone involved in supporting _____ "
        "knows what they need to and is kept informed.",
    ]


def test_isf_how_to_use_has_the_four_points(isf_page):
    (how_to_use,) = blocks_of(isf_page, "how_to_use")

    assert how_to_use["heading"] == "How to use this Document"
    assert len(how_to_use["points"]) == 4
    assert how_to_use["points"][2].startswith("The bullet points are there as a guide")


def test_partnering_agreement_structure(partnering_page):
    (parties,) = blocks_of(partnering_page, "parties")
    (definitions,) = blocks_of(partnering_page, "definitions")
    (signatories,) = blocks_of(partnering_page, "signatories")
    (schedule,) = blocks_of(partnering_page, "schedule_table")
    clauses = blocks_of(partnering_page, "clause")

    assert [party["role"] for party in parties["parties"]] == [
        "Commissioning Partners",
        "Provider Partner(s)",
        "Other Partner(s)",
    ]
    assert [len(party["organisations"]) for party in parties["parties"]] == [4, 1, 3]
    assert len(definitions["definitions"]) == 7
    assert len(clauses) == 15
    assert [clause["reference_key"] for clause in clauses if clause["reference_key"]] == [
        "termination"
    ]
    assert len(signatories["signatories"]) == 8
    assert [row["cells"][0] for row in schedule["rows"]] == [
        "Housing",
        "Support",
        "Personal Care",
        "Local Authority",
        "Health",
        "Day Care\n(Including enhanced day care)",
        "Other services",
    ]
    assert [footnote["marker"] for footnote in schedule["footnotes"]] == ["*", "**"]


def test_partnering_agreement_lists(partnering_page):
    clauses = {clause["heading"]: clause for clause in blocks_of(partnering_page, "clause")}

    def lists(clause):
        found = []
        for item in clause["content"]:
            if item.block_type == "list":
                found.append(item.value)
            elif item.block_type == "sub_clause":
                found.extend(sub.value for sub in item.value["content"] if sub.block_type == "list")
        return found

    (jag_membership,) = lists(clauses["Communication"])
    (documentation,) = lists(clauses["Documentation"])

    assert len(jag_membership["items"]) == 8
    assert jag_membership["items"][0] == (
        "A tenant and/or nominated relative or friend of the tenants"
    )
    assert len(documentation["items"]) == 10
    assert documentation["items"][-1] == "CSCI domiciliary care registration information"


def test_home_page_is_the_site_root(seeded_site):
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_guidance_for_the_isf_is_published(seeded_site, isf_page):
    guidance = GuidancePage.objects.get()

    assert guidance.live
    assert guidance.about_template == isf_page


def test_seeded_guidance_has_guidance_for_each_isf_area_in_order(isf_page):
    guidance = GuidancePage.objects.get()

    kinds = [child.block_type for child in guidance.body]
    areas = [child.value["area"] for child in guidance.body if child.block_type == "area_guidance"]

    assert kinds == ["how_to_use"] + ["area_guidance"] * 7
    assert areas == [
        f"{isf_page.pk}:{child.id}" for child in isf_page.body if child.block_type == "area"
    ]


def test_seeded_area_guidance_quotes_the_seed_word_for_word_and_the_rest_is_the_editors(
    isf_page,
):
    guidance = GuidancePage.objects.get()
    texts = [
        child.value["guidance"].source
        for child in guidance.body
        if child.block_type == "area_guidance"
    ]

    for text in texts:
        quotes = [
            quote for quote in re.findall(r"“([^”]*)”", text) if quote != "For _____ this means:"
        ]
        assert len(quotes) == 3
        assert all(any(quote in point for point in isf.HOW_TO_USE_POINTS) for quote in quotes)
        assert "The agreement’s own guidance says:" in text  # a quotation says whose it is
        assert "We suggest" in text  # the editors' words say they are the editors'
    assert "Local Authority has no prompts in this area" in texts[5]
    assert all("Local Authority has no prompts" not in text for text in texts[:5] + texts[6:])


def test_seeded_guidance_block_ids_come_from_the_seed_not_the_database(seeded_site):
    guidance = GuidancePage.objects.get()

    assert [child.id for child in guidance.body] == [
        str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{isf_guidance.SLUG}:{index}")) for index in range(8)
    ]


def test_every_block_and_list_item_has_a_stable_id(isf_page):
    raw = isf_page.body.raw_data
    area = raw[1]

    assert area["id"]
    assert all(item["id"] for item in area["value"]["party_prompts"])
    assert all(
        prompt["id"]
        for column in area["value"]["party_prompts"]
        for prompt in column["value"]["prompts"]
    )


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    call_command("load_seed_content", verbosity=0)
    pages = list(Page.objects.values_list("id", "path", "title", "latest_revision_id"))
    revisions = Revision.objects.count()

    call_command("load_seed_content", verbosity=0)

    assert list(Page.objects.values_list("id", "path", "title", "latest_revision_id")) == pages
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_loading_again_keeps_an_editors_changes(isf_page):
    isf_page.title = "ISF Partnership Agreement (revised)"
    isf_page.save_revision().publish()

    call_command("load_seed_content", verbosity=0)

    isf_page.refresh_from_db()
    assert isf_page.title == "ISF Partnership Agreement (revised)"
    assert TemplatePage.objects.filter(slug=isf.SLUG).count() == 1

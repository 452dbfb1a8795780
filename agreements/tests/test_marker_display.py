"""Pronoun markers (``{their}``, ``{want|wants}``) are for editors: no reader ever sees one.

Walks every place template text reaches a reader for the seeded ISF, whose text is marked: the
public pages in every language tree (templates, past versions, the comparison of two versions
where a marked sentence changed, guidance), the search results for a word of a marked sentence,
the read-only API, and an agreement's template-update review and history comparison.
"""

import copy

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from agreements.markers import MARKER_RE
from agreements.models import TemplatePage
from agreements.personalising import Pronouns
from agreements.seed_content import isf
from agreements.translation import ensure_locale_trees
from personalised.concurrency import save_change
from personalised.forking.services import PersonDetails, fork_template
from personalised.models import PersonalisedAgreement
from personalised.tests.editing import area_url, form_data
from personalised.tests.updating_helpers import block, column, publish
from tests.pages import public_pages

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ("/cy", "/pl", "/ur")
# A marked sentence of the first area, and the words version 2 gives it.
MARKED_PROMPT = (
    "Help {them} understand the choices {they} have and explore different options and "
    "the outcomes {they} might want to achieve"
)
REWORDED_PROMPT = MARKED_PROMPT.replace("explore different options", "explore every option")
AGREEMENT_PROMPT = MARKED_PROMPT.replace("Help {them}", "Help {them} each week to")


def markers_in(text: str) -> list[str]:
    return [match.group(0) for match in MARKER_RE.finditer(text)]


@pytest.fixture
def isf_template(seeded_site) -> TemplatePage:
    ensure_locale_trees()
    return TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")


@pytest.fixture
def agreement(isf_template, practitioner) -> PersonalisedAgreement:
    """Sam's agreement (she/her), forked from version 1, with a marked prompt reworded by the
    practitioner in a second revision; then version 2 of the ISF rewords another."""
    agreement = fork_template(
        isf_template,
        owner=practitioner,
        details=PersonDetails(
            person_name="Sam Marked",
            known_as="Sam",
            parties={
                "local-authority": ["Suffolk County Council"],
                "provider": ["Good Support Ltd"],
            },
            pronouns=Pronouns.SHE,
        ),
    )
    agreement.save_revision(user=practitioner)

    def reword(current):
        body = copy.deepcopy(list(current.body.raw_data))
        prompts = column(block(body, "Agreeing Outcomes"), isf.PROVIDER)
        assert prompts[1]["value"] == MARKED_PROMPT
        prompts[1]["value"] = AGREEMENT_PROMPT
        current.body = body

    agreement = save_change(agreement, agreement.latest_revision_id, practitioner, reword)

    def reword_template(body):
        prompts = column(block(body, "Agreeing Outcomes"), isf.PROVIDER)
        prompts[1]["value"] = REWORDED_PROMPT

    publish(isf_template, reword_template, "Reworded a prompt of Agreeing Outcomes.")
    return agreement


def test_no_public_page_in_any_language_shows_a_marker(agreement):
    client = Client()
    pages = public_pages(client)
    wagtail_paths = [page.path for page in pages if page.status == 200 and "/api/" not in page.path]
    translated = [
        prefix + path
        for prefix in LANGUAGE_PREFIXES
        for path in wagtail_paths
        if not path.startswith(("/accounts/", "/search/", "/feedback/"))
    ]
    shown = {}
    for path in [*(page.path for page in pages), *translated]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        shown[path] = markers_in(response.content.decode())

    assert {path: found for path, found in shown.items() if found} == {}
    # The walk reached the pages that show the marked text, written out.
    isf_page = client.get(f"/templates/{isf.SLUG}/").content.decode()
    assert "Help them understand the choices they have" in isf_page


def test_the_comparison_of_two_versions_shows_a_reworded_marked_sentence_as_written(
    agreement, client
):
    response = client.get(f"/templates/{isf.SLUG}/versions/1/compare/2/")

    text = " ".join(strip_tags(response.content.decode()).split())
    assert markers_in(text) == []
    assert "Removed: different options Added: every option" in text
    assert "them understand the choices they have and explore Removed" in text


def test_search_for_a_word_of_a_marked_sentence_quotes_it_as_written(agreement, client):
    for prefix in ("", *LANGUAGE_PREFIXES):
        response = client.get(f"{prefix}/search/", {"q": "things like wants"})

        html = response.content.decode()
        assert response.status_code == 200
        assert markers_in(html) == [], prefix
        text = " ".join(strip_tags(html).split())
        assert "the things they like to do and want" in text


def test_the_api_gives_marked_text_as_written(agreement, client):
    isf_page = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    for path in (
        f"/api/v2/pages/{isf_page.pk}/",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/?type=agreements.TemplatePage&fields=*&slug={isf.SLUG}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert markers_in(response.content.decode()) == [], path
    body = client.get(f"/api/v2/pages/{isf_page.pk}/").json()["body"]
    first_area = next(item for item in body if item["type"] == "area")
    provider = next(column for column in first_area["prompts"] if column["party"] == isf.PROVIDER)
    assert provider["prompts"][1] == REWORDED_PROMPT.replace("{them}", "them").replace(
        "{they}", "they"
    )


def test_an_agreements_update_review_gives_marked_text_in_the_persons_pronouns(
    agreement, client, practitioner
):
    client.force_login(practitioner)

    response = client.get(reverse("agreements:updates", args=[agreement.uuid]))

    html = response.content.decode()
    assert response.status_code == 200
    assert markers_in(html) == []
    text = " ".join(strip_tags(html).split())
    assert "Help her understand the choices she has and explore every option" in text


def test_an_agreements_history_comparison_gives_marked_text_in_the_persons_pronouns(
    agreement, client, practitioner
):
    client.force_login(practitioner)
    revisions = list(agreement.revisions.order_by("created_at", "pk"))
    first, last = revisions[0], revisions[-1]
    compare = reverse("agreements:compare", args=[agreement.uuid])

    for path in (
        f"{compare}?old={first.pk}&new={last.pk}",
        reverse("agreements:history", args=[agreement.uuid]),
        reverse("agreements:revision", args=[agreement.uuid, last.pk]),
        agreement.get_absolute_url(),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert markers_in(response.content.decode()) == [], path
    text = " ".join(
        strip_tags(client.get(f"{compare}?old={first.pk}&new={last.pk}").content.decode()).split()
    )
    assert "Help her Added: each week to understand the choices she has" in text


def test_the_area_editor_gives_marked_prompts_in_the_persons_pronouns_and_keeps_them_unchanged(
    isf_template, client, practitioner
):
    agreement = fork_template(
        isf_template,
        owner=practitioner,
        details=PersonDetails(
            person_name="Sam Marked",
            known_as="Sam",
            parties={
                "local-authority": ["Suffolk County Council"],
                "provider": ["Good Support Ltd"],
            },
            pronouns=Pronouns.HE,
        ),
    )
    agreement.save_revision(user=practitioner)
    first_area = agreement.areas()[0]
    client.force_login(practitioner)

    response = client.get(area_url(agreement, first_area.id))

    html = response.content.decode()
    assert markers_in(html) == []
    assert "Help him understand the choices he has and explore" in html
    saved = client.post(area_url(agreement, first_area.id), form_data(html))
    assert saved.status_code == 302
    agreement.refresh_from_db()
    # Saved unchanged, the template's marked words stay, so template updates still match them.
    prompts = column(block(list(agreement.body.raw_data), "Agreeing Outcomes"), isf.PROVIDER)
    assert prompts[1]["value"] == MARKED_PROMPT

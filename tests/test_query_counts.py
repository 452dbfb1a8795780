"""The public template page costs the same number of SQL queries whatever its size or history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.factories import TemplatePageFactory, area, isf_parties


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Count the queries of rendering the page, not of fetching it from the page cache."""
    settings.PAGE_CACHE_SECONDS = 0


def queries_to_render(client, url: str) -> int:
    client.get(url)  # warm caches that are per-process, such as content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def publish_template(template_index, slug: str, areas: int, versions: int = 1):
    page = TemplatePageFactory(
        parent=template_index,
        slug=slug,
        parties=isf_parties(),
        body=[area(f"Area {number}") for number in range(areas)],
    )
    for version in range(versions):
        page.change_note = f"Version {version + 1}."
        page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_areas(client, template_index):
    publish_template(template_index, "seven", areas=7)
    publish_template(template_index, "seventy", areas=70)

    assert queries_to_render(client, "/templates/seven/") == queries_to_render(
        client, "/templates/seventy/"
    )


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_versions(client, template_index):
    publish_template(template_index, "one-version", areas=7, versions=1)
    publish_template(template_index, "fifty-versions", areas=7, versions=50)

    assert queries_to_render(client, "/templates/one-version/") == queries_to_render(
        client, "/templates/fifty-versions/"
    )


def publish_guidance(guidance_index, template, slug: str) -> None:
    """A guidance page with guidance for every area of the template."""
    from guidance.factories import GuidancePageFactory

    GuidancePageFactory(
        parent=guidance_index,
        slug=slug,
        body=[
            {
                "type": "area_guidance",
                "value": {
                    "area": f"{template.pk}:{child.id}",
                    "heading": "",
                    "guidance": "<p>Talk it through.</p>",
                },
            }
            for child in template.body
        ],
    ).save_revision().publish()


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_guidance_shown_with_the_areas(client, template_index):
    from guidance.factories import GuidanceIndexPageFactory

    guidance_index = GuidanceIndexPageFactory(parent=template_index.get_parent())
    few = publish_template(template_index, "few", areas=7)
    many = publish_template(template_index, "many", areas=7)
    publish_guidance(guidance_index, few, "one")
    for number in range(10):
        publish_guidance(guidance_index, many, f"many-{number}")

    assert client.get("/templates/many/").text.count('class="area-guidance__item"') == 70
    assert queries_to_render(client, "/templates/few/") == queries_to_render(
        client, "/templates/many/"
    )


# ------------------------------------------------------------------ a personalised agreement


def fork(template, owner):
    from personalised.factories import PersonDetailsFactory
    from personalised.forking.services import fork_template

    template.refresh_from_db()  # publishing updated the database's copy, not this one
    return fork_template(template, owner=owner, details=PersonDetailsFactory.build())


def agreement_url(agreement) -> str:
    from django.urls import reverse

    return reverse("agreements:detail", args=[agreement.uuid])


def save_changes(agreement, owner, count: int):
    """Save ``count`` new revisions of the agreement, each with a different known-as name."""
    from personalised.concurrency import save_change

    for number in range(count):
        agreement = save_change(
            agreement,
            agreement.latest_revision_id,
            owner,
            lambda current, number=number: setattr(current, "known_as", f"Sam {number}"),
        )
    return agreement


def agree_all(agreement, owner):
    import datetime

    from personalised.consent.services import record_consents

    return record_consents(
        agreement,
        agreement.latest_revision_id,
        owner,
        [(key, "Someone", datetime.date(2026, 1, 5)) for key in agreement.party_keys()],
    )


@pytest.mark.django_db
def test_agreement_page_query_count_does_not_grow_with_the_number_of_areas(
    client, template_index, practitioner
):
    seven = fork(publish_template(template_index, "seven", areas=7), practitioner)
    seventy = fork(publish_template(template_index, "seventy", areas=70), practitioner)
    client.force_login(practitioner)

    assert queries_to_render(client, agreement_url(seven)) == queries_to_render(
        client, agreement_url(seventy)
    )


@pytest.mark.django_db
def test_agreement_page_query_count_does_not_grow_with_its_revisions_or_the_parties_agreements(
    client, template_index, practitioner
):
    template = publish_template(template_index, "template", areas=7)
    few = agree_all(save_changes(fork(template, practitioner), practitioner, 1), practitioner)
    few = save_changes(few, practitioner, 1)  # changed since every party agreed
    many = fork(template, practitioner)
    for _round in range(3):
        many = agree_all(save_changes(many, practitioner, 5), practitioner)
    many = save_changes(many, practitioner, 10)
    client.force_login(practitioner)

    assert "Changed since every party agreed" in client.get(agreement_url(many)).text
    assert queries_to_render(client, agreement_url(few)) == queries_to_render(
        client, agreement_url(many)
    )


@pytest.mark.django_db
def test_agreement_page_query_count_does_not_grow_with_template_versions_or_other_agreements(
    client, template_index, practitioner
):
    one_version = publish_template(template_index, "one-version", areas=7, versions=1)
    still_current = fork(one_version, practitioner)
    changing = publish_template(template_index, "changing", areas=7, versions=1)
    left_behind = fork(changing, practitioner)
    for version in range(20):
        changing.body[0].value["title"] = f"Area 0, as worded in version {version + 2}"
        changing.change_note = f"Version {version + 2}."
        changing.save_revision().publish()
    for _number in range(20):
        fork(changing, practitioner)
    client.force_login(practitioner)

    assert "The template has changed" in client.get(agreement_url(left_behind)).text
    assert queries_to_render(client, agreement_url(still_current)) == queries_to_render(
        client, agreement_url(left_behind)
    )

"""Templates declare their parties as data: checked in the admin, seeded, and declared on
existing pages (and their revisions) by a data migration that leaves every page reading the
same; existing agreements (rows and revisions) take their three parties from their old fields."""

import copy
import importlib
import json

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import (
    area,
    declared_party,
    published_template,
    signatories,
    signatory,
)
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from agreements.tests.test_admin import editor, new_template_form  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

template_migration = importlib.import_module(
    "agreements.migrations.0015_declare_seed_template_parties"
)
agreement_migration = importlib.import_module("personalised.migrations.0003_agreement_parties")


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("agreements", "templatepage", index.pk))


# --------------------------------------------------------------------------- the admin


def test_a_template_with_blocks_and_no_parties_cannot_be_published(
    client,
    editor,  # noqa: F811
    template_index,
):
    editor.groups.add(*type(editor.groups.first()).objects.filter(name="Moderators"))
    client.force_login(editor)
    form = new_template_form("No parties", **nested_form_data({"parties": streamfield([])}))
    form.update({"action-publish": "action-publish", "change_note": "First version."})

    response = client.post(add_url(template_index), form)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Add at least one party before publishing" in str(errors["parties"])
    assert not TemplatePage.objects.filter(slug="third-agreement", live=True).exists()


def test_a_draft_without_parties_can_be_saved(client, editor, template_index):  # noqa: F811
    client.force_login(editor)
    form = new_template_form("Draft", **nested_form_data({"parties": streamfield([])}))

    response = client.post(add_url(template_index), form)

    assert response.status_code == 302
    assert TemplatePage.objects.filter(slug="third-agreement", live=False).exists()


def test_two_parties_with_one_key_are_refused_at_the_key(
    client,
    editor,  # noqa: F811
    template_index,
):
    client.force_login(editor)
    party = {"key": "council", "name": "Council", "kind": "organisation", "help_text": ""}
    form = new_template_form(
        "Twice", **nested_form_data({"parties": streamfield([("party", party)] * 2)})
    )

    response = client.post(add_url(template_index), form)

    assert response.status_code == 200
    assert "Another party already has the key" in response.content.decode()
    assert not TemplatePage.objects.filter(slug="third-agreement").exists()


def test_only_a_party_of_people_can_include_the_person(
    client,
    editor,  # noqa: F811
    template_index,
):
    client.force_login(editor)
    party = {
        "key": "council",
        "name": "Council",
        "kind": "organisation",
        "includes_the_person": "on",
        "help_text": "",
    }
    form = new_template_form(
        "Person", **nested_form_data({"parties": streamfield([("party", party)])})
    )

    response = client.post(add_url(template_index), form)

    assert response.status_code == 200
    assert "Only a party of people can include the person." in response.content.decode()


def test_a_prompt_column_linked_to_an_undeclared_party_is_refused_at_its_field(template_index):
    template = published_template()
    body = copy.deepcopy(list(template.body.raw_data))
    body[0]["value"]["party_prompts"][1]["value"]["party_key"] = "provider"
    body[0]["value"]["party_prompts"][2]["value"]["party_key"] = "family"
    template.body = body

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    error = refused.value.error_dict["body"][0]
    data = error.as_json_data()
    column = data["blockErrors"][0]["blockErrors"]["party_prompts"]["blockErrors"]
    assert list(column) == [2]
    assert "No party of this template has the key 'family'." in json.dumps(data)


def test_a_signatory_linked_to_an_undeclared_party_is_refused_at_its_field(template_index):
    template = published_template()
    body = copy.deepcopy(list(template.body.raw_data))
    body.append(
        signatories(
            signatory("A council", party="local-authority"),
            signatory(signs_as="person", party="appointed-person"),
        )
    )
    template.body = with_block_ids("signatory-keys", TemplateBodyBlock(), body)

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    data = refused.value.error_dict["body"][0].as_json_data()
    signatory_errors = data["blockErrors"][len(body) - 1]["blockErrors"]["signatories"]
    assert list(signatory_errors["blockErrors"]) == [1]
    assert "No party of this template has the key 'appointed-person'." in json.dumps(data)


# --------------------------------------------------------------------------- the seeds


def test_the_seeded_isf_declares_its_three_columns_as_parties_and_links_them(seeded_site):
    page = TemplatePage.objects.get(slug=isf.SLUG)

    assert [
        (p["key"], p["name"], p["kind"], p["includes_the_person"]) for p in page.declared_parties()
    ] == [
        ("local-authority", "Local Authority", "organisation", False),
        ("provider", "Provider", "organisation", False),
        ("person", "Family & Person being supported", "people", True),
    ]
    for child in page.body:
        if child.block_type == "area":
            assert [column["party_key"] for column in child.value["party_prompts"]] == [
                "local-authority",
                "provider",
                "person",
            ]


def test_the_seeded_suffolk_agreement_declares_each_signatory_organisation(seeded_site):
    page = TemplatePage.objects.get(slug=partnering.SLUG)
    parties = page.declared_parties()

    assert len(parties) == 8
    assert parties[0]["key"] == "suffolk-supporting-people"
    assert {party["kind"] for party in parties} == {"organisation"}
    roles = {party["name"]: party["help_text"] for party in parties}
    assert roles["Orwell Housing Association Ltd"] == "Provider Partner(s)"
    assert roles["Age Concern"] == "Other Partner(s)"
    assert roles["Social Care Services"] == "Commissioning Partners"


# --------------------------------------------------------------------------- the migrations


def _without_party_keys(body: list) -> list:
    body = copy.deepcopy(body)
    for block in body:
        if block["type"] == "area":
            for column in block["value"]["party_prompts"]:
                column["value"].pop("party_key", None)
    return body


def rendered(client, page: TemplatePage) -> str:
    for cache in caches.all():
        cache.clear()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def as_before_the_migration(page: TemplatePage) -> None:
    """The page and its revisions as they were stored before parties were declared."""
    body = copy.deepcopy(list(page.body.raw_data))
    for block in body:
        if block["type"] == "area":
            for column in block["value"]["party_prompts"]:
                column["value"].pop("party_key", None)
    TemplatePage.objects.filter(pk=page.pk).update(parties=[], body=body)
    for revision in page.revisions.all():
        content = revision.content
        content["parties"] = "[]"
        content["body"] = json.dumps(body)
        type(revision).objects.filter(pk=revision.pk).update(content=content)


def test_the_migration_declares_the_seed_pages_parties_and_they_read_exactly_as_before(
    client, every_language
):
    pages = list(TemplatePage.objects.filter(slug__in=[isf.SLUG, partnering.SLUG]))
    assert {page.locale.language_code for page in pages} >= {"en-gb", "cy", "pl", "ur"}
    expected = {page.pk: page.declared_parties() for page in pages}
    before = {page.pk: rendered(client, page) for page in pages}
    for page in pages:
        as_before_the_migration(page)
    assert not TemplatePage.objects.get(pk=pages[0].pk).declared_parties()
    # Stored as before this issue, each page reads as it does with its parties declared.
    assert {page.pk: rendered(client, page) for page in pages} == before

    template_migration.forwards(apps, None)

    for page in pages:
        page = TemplatePage.objects.get(pk=page.pk)
        declared = page.declared_parties()
        # The same parties as the seed declares, keys shared by every language.
        assert [(p["key"], p["name"], p["kind"]) for p in declared] == [
            (p["key"], p["name"], p["kind"]) for p in expected[page.pk]
        ]
        assert rendered(client, page) == before[page.pk]
        if page.latest_revision is None:  # an alias of the English page: no revisions
            continue
        revision = page.latest_revision.as_object()
        assert [party["key"] for party in revision.declared_parties()] == [
            party["key"] for party in declared
        ]
        if page.slug == isf.SLUG:
            columns = [
                column["party_key"]
                for child in revision.body
                if child.block_type == "area"
                for column in child.value["party_prompts"]
            ]
            assert set(columns) == {"local-authority", "provider", "person"}
    assert sum(1 for page in pages if page.latest_revision_id) >= 2


def test_the_migration_leaves_pages_of_other_shapes_and_declared_pages_alone(template_index):
    other = published_template(
        slug="other", parties=[], body=[area("Two columns", prompts={"A": [], "B": []})]
    )
    declared = published_template(slug="declared", parties=[declared_party("us", "Us")])

    template_migration.forwards(apps, None)

    assert TemplatePage.objects.get(pk=other.pk).declared_parties() == []
    assert [p["key"] for p in TemplatePage.objects.get(pk=declared.pk).declared_parties()] == ["us"]


def test_the_migration_runs_on_a_database_without_the_seed_pages(db):
    template_migration.forwards(apps, None)
    agreement_migration.forwards(apps, None)


def test_an_existing_agreements_old_fields_become_its_three_parties_word_for_word():
    parties = agreement_migration.parties_from_old_fields(
        {
            "person_name": "Sam Person",
            "local_authority": "Suffolk County Council ",
            "provider": "",
            "family_members": "Alex Person\n\n Jo Person \n",
        },
        {"local-authority": "Local Authority"},
    )

    assert parties == [
        {
            "key": "local-authority",
            "name": "Local Authority",
            "kind": "organisation",
            "includes_the_person": False,
            "names": ["Suffolk County Council "],
        },
        {
            "key": "provider",
            "name": "Provider",
            "kind": "organisation",
            "includes_the_person": False,
            "names": [],
        },
        {
            "key": "person",
            "name": "Person and family",
            "kind": "people",
            "includes_the_person": True,
            "names": ["Sam Person", "Alex Person", "Jo Person"],
        },
    ]


def test_an_existing_agreements_revisions_read_back_with_their_parties(client, seeded_site):
    from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
    from personalised.models import PartyConsent

    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(person_name="Sam Person", known_as="Sam"),
    )
    revision = agreement.latest_revision
    content = revision.content
    # As the revision was saved before this issue.
    del content["parties"], content["party_count"]
    content.update(
        {
            "local_authority": "Suffolk County Council",
            "provider": "Good Support Ltd",
            "family_members": "Alex Person\nJo Person",
        }
    )
    # Its areas as copied before the columns were linked to declared parties.
    old_body = _without_party_keys(list(agreement.body.raw_data))
    content["body"] = json.dumps(old_body)
    type(revision).objects.filter(pk=revision.pk).update(content=content)
    type(agreement).objects.filter(pk=agreement.pk).update(body=old_body)
    PartyConsent.objects.create(
        agreement=agreement,
        party="provider",
        agreed_by="Pri",
        agreed_on=agreement.created_at.date(),
        revision=revision,
    )

    agreement_migration.forwards(apps, None)

    revision.refresh_from_db()
    assert "provider" not in revision.content and "local_authority" not in revision.content
    earlier = revision.as_object()
    assert earlier.party_name("local-authority") == "Suffolk County Council"
    assert earlier.party_name("person") == "Sam Person, Alex Person, Jo Person"
    assert earlier.party_label("person") == "Family & Person being supported"
    # Its areas are linked as its template's are, so they still match the template's exactly
    # (an untouched area stays untouched for template updates).
    source = agreement.source_revision.as_object()
    for body in (earlier.body, type(agreement).objects.get(pk=agreement.pk).body):
        linked = [
            column["party_key"]
            for child in body
            if child.block_type == "area"
            for column in child.value["party_prompts"]
        ]
        assert set(linked) == {"local-authority", "provider", "person"}
    agreement.refresh_from_db()
    first_area = next(block for block in agreement.body.raw_data if block["type"] == "area")
    source_area = next(block for block in source.body.raw_data if block["id"] == first_area["id"])
    columns = [column["value"] for column in first_area["value"]["party_prompts"]]
    source_columns = [column["value"] for column in source_area["value"]["party_prompts"]]
    assert columns == source_columns
    # The recorded consent keeps its key and reads as the party.
    assert agreement.consents.get().party_label == "Provider"
    client.force_login(agreement.owner)
    page = client.get(reverse("agreements:revision", args=[agreement.uuid, revision.pk]))
    assert "Alex Person" in page.content.decode()

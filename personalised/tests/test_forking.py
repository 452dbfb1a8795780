"""Forking a template into a personalised agreement."""

from unittest import mock

import pytest
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised import audit
from personalised.factories import PersonDetailsFactory
from personalised.forking.services import NotForkable, fork_template
from personalised.models import PersonalisedAgreement

pytestmark = pytest.mark.django_db


def _ids(stream_data) -> list[str]:
    """Every block and list item id in raw stream data, in document order."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "id" in node and "type" in node:
                found.append(node["id"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(stream_data)
    return found


def test_forking_copies_every_block_of_the_live_version_with_its_ids(seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    owner = PractitionerFactory()

    agreement = fork_template(template, owner=owner, details=PersonDetailsFactory())

    live = template.body.stream_block.get_prep_value(template.body)
    copied = agreement.body.stream_block.get_prep_value(agreement.body)
    assert _ids(copied) == _ids(live)
    assert [block["type"] for block in copied] == [block["type"] for block in live]
    for source, copy in zip(live, copied, strict=True):
        for key, value in source["value"].items() if isinstance(source["value"], dict) else []:
            assert copy["value"][key] == value
    assert len(agreement.areas()) == 7
    assert all(area.value["relevant"] for area in agreement.areas())


def test_forking_records_the_source_page_revision_and_version(seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    agreement = fork_template(template, owner=PractitionerFactory(), details=PersonDetailsFactory())

    agreement.refresh_from_db()
    assert agreement.source_page == template
    assert agreement.source_revision_id == template.live_revision_id
    assert agreement.source_version == template.version == 1
    assert agreement.language == "en-gb"
    assert agreement.revisions.count() == 1
    assert agreement.latest_revision is not None


def test_forking_takes_the_live_version_not_a_newer_draft(seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    draft = template.get_latest_revision_as_object()
    draft.body[1].value["title"] = "An unpublished title"
    draft.save_revision()
    template = TemplatePage.objects.get(pk=template.pk)  # as the fork view would load it

    agreement = fork_template(template, owner=PractitionerFactory(), details=PersonDetailsFactory())

    assert "An unpublished title" not in [area.value["title"] for area in agreement.areas()]


def test_a_failed_fork_leaves_nothing_half_made(seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    owner = PractitionerFactory()

    with (
        mock.patch.object(
            PersonalisedAgreement, "save_revision", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        fork_template(template, owner=owner, details=PersonDetailsFactory())

    assert not PersonalisedAgreement.objects.exists()
    assert not ModelLogEntry.objects.filter(action=audit.FORK).exists()


def test_a_template_that_is_not_live_cannot_be_forked():
    template = published_template()
    template.unpublish()

    with pytest.raises(NotForkable):
        fork_template(template, owner=PractitionerFactory(), details=PersonDetailsFactory())
    assert not PersonalisedAgreement.objects.exists()


def test_forking_is_in_the_audit_log_without_the_persons_name():
    agreement = fork_template(
        published_template(),
        owner=PractitionerFactory(),
        details=PersonDetailsFactory(person_name="Samira Example", known_as="Samira"),
    )

    entry = ModelLogEntry.objects.get(action=audit.FORK)
    assert entry.object_id == str(agreement.pk)
    assert "Samira" not in entry.label
    assert "Samira" not in str(entry.data)

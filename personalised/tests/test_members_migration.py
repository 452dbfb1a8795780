"""The data migration that gives every existing agreement its party members: each name in a
party of people becomes a member (the person's marked), an organisation that agreed gets the
person who agreed for it, and each consent recorded for a whole party becomes each of its
members' own, so that no agreement's status changes."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from personalised.models import AgreementStatus, ConsentMethod, PersonalisedAgreement

BEFORE = [("personalised", "0010_party_members_invitations_comments")]
AFTER = [("personalised", "0011_members_from_party_names")]

PARTIES = [
    {"key": "local-authority", "name": "Local Authority", "kind": "organisation",
     "includes_the_person": False, "names": ["Suffolk County Council"]},
    {"key": "provider", "name": "Provider", "kind": "organisation",
     "includes_the_person": False, "names": ["Good Support Ltd"]},
    {"key": "person", "name": "Person and family", "kind": "people",
     "includes_the_person": True, "names": ["Sam Person", "Jo Person"]},
]  # fmt: skip


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _agreement(apps, owner, content_type, person: str):
    Agreement = apps.get_model("personalised", "PersonalisedAgreement")
    Revision = apps.get_model("wagtailcore", "Revision")
    agreement = Agreement.objects.create(
        owner_id=owner.pk,
        title="Partnership Agreement",
        person_name=person,
        known_as="Sam",
        parties=PARTIES,
        party_count=3,
    )
    revision = Revision.objects.create(
        content_type_id=content_type.pk,
        base_content_type_id=content_type.pk,
        object_id=str(agreement.pk),
        object_str="agreement",
        created_at=timezone.now(),
        content={"pk": agreement.pk, "person_name": person, "parties": PARTIES},
    )
    agreement.latest_revision_id = revision.pk
    agreement.save(update_fields=["latest_revision"])
    return agreement, revision


# Migrations run outside a test's transaction. serialized_rollback, as in every other
# transactional test: the flush after a test without it recreates the content types under new
# ids, which the next serialized test's restore then collides with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_agreements_get_their_members_and_keep_their_status(practitioner):
    content_type = ContentType.objects.get_for_model(PersonalisedAgreement)
    apps = _migrate(BEFORE)
    try:
        Consent = apps.get_model("personalised", "PartyConsent")
        agreed, revision = _agreement(apps, practitioner, content_type, "Sam Person")
        for party, who in [
            ("local-authority", "Lee Council"),
            ("provider", "Pri Provider"),
            ("person", "Sam Person"),
        ]:
            Consent.objects.create(
                agreement=agreed,
                party=party,
                agreed_by=who,
                agreed_on=datetime.date(2026, 3, 1),
                revision_id=revision.pk,
                recorded_by_id=practitioner.pk,
            )
        draft, _revision = _agreement(apps, practitioner, content_type, "Kim Person")

        _migrate(AFTER)

        agreed = PersonalisedAgreement.objects.get(pk=agreed.pk)
        members = list(agreed.members.active())
        assert [(m.party, m.name, m.is_the_person) for m in members] == [
            ("local-authority", "Lee Council", False),
            ("provider", "Pri Provider", False),
            ("person", "Sam Person", True),
            ("person", "Jo Person", False),
        ]
        # The family's one consent is now Sam's and Jo's, as it was recorded; still agreed.
        consents = list(agreed.consents.order_by("member__party", "member__position"))
        assert all(record.member is not None for record in consents)
        assert {record.method for record in consents} == {ConsentMethod.RECORDED}
        by_member = {record.member.name: record.agreed_by for record in consents}
        assert by_member == {
            "Lee Council": "Lee Council",
            "Pri Provider": "Pri Provider",
            "Sam Person": "Sam Person",
            "Jo Person": "Sam Person",
        }
        assert len({record.recorded_at for record in consents if record.party == "person"}) == 1
        assert agreed.status() == AgreementStatus.AGREED
        # An agreement no one agreed to: the family are members; the organisations have no one.
        draft = PersonalisedAgreement.objects.get(pk=draft.pk)
        assert [m.name for m in draft.members.active()] == ["Kim Person", "Jo Person"]
        assert draft.status() == AgreementStatus.DRAFT
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

"""Everyone in a party agrees for themselves: the person, each family member, whoever agrees
for an organisation. A party has agreed when everyone in it has; a change afterwards reopens
agreement for everyone, tells them what changed, and keeps the record of what they agreed to.
"""

import datetime
import hashlib

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from personalised import audit
from personalised.comments import add_comment
from personalised.concurrency import ChangedSinceOpened, save_change
from personalised.consent.services import (
    content_fingerprint,
    member_consent,
    record_member_consent,
)
from personalised.factories import PersonalisedAgreementFactory
from personalised.listing.services import listed_agreements
from personalised.models import AgreementStatus, ConsentMethod, PartyMember
from personalised.people.changes import what_changed
from personalised.people.members import sync_members
from personalised.people.signals import agreement_reopened
from personalised.tests.editing import details_url, form_data
from personalised.tests.hostile import PAYLOADS, executable_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(practitioner):
    return PersonalisedAgreementFactory(owner=practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _agree(agreement, member, user=None, **kwargs):
    return record_member_consent(
        agreement,
        member,
        based_on=agreement.latest_revision_id,
        typed_name=kwargs.pop("typed_name", member.name),
        method=kwargs.pop("method", ConsentMethod.IN_PERSON),
        user=user,
        **kwargs,
    )


def _everyone_agrees(agreement, user):
    """Someone for each organisation, then everyone in every party."""
    for key in ("local-authority", "provider"):
        PartyMember.objects.get_or_create(agreement=agreement, party=key, name=f"For {key}")
    for member in agreement.members.active():
        _agree(agreement, member, user)
    agreement.refresh_from_db()


def _listed_status(agreement, user) -> str:
    return listed_agreements(user).get(pk=agreement.pk).list_status


def test_the_people_of_a_party_of_people_are_its_members_the_person_first(agreement):
    members = list(agreement.members.active())
    assert [(m.party, m.name, m.is_the_person) for m in members] == [
        ("person", agreement.person_name, True),
        ("person", "Alex Person", False),
        ("person", "Jo Person", False),
    ]
    # An organisation's people are added on the people page, not named in the agreement.
    assert not agreement.members.filter(party__in=["local-authority", "provider"]).exists()


def test_each_person_agrees_for_themselves_and_a_party_agrees_when_all_of_it_has(
    agreement, practitioner
):
    _everyone_agrees_but = [m for m in agreement.members.active() if m.name != "Jo Person"]
    for key in ("local-authority", "provider"):
        PartyMember.objects.create(agreement=agreement, party=key, name=f"For {key}")
    for member in [*_everyone_agrees_but, *agreement.members.exclude(party="person")]:
        _agree(agreement, member, practitioner)
    agreement.refresh_from_db()

    # Sam and Alex agreed, Jo has not: their party has not, so the agreement is a draft.
    assert set(agreement.current_consents()) == {"local-authority", "provider"}
    assert agreement.status() == AgreementStatus.DRAFT
    assert _listed_status(agreement, practitioner) == AgreementStatus.DRAFT

    jo = agreement.members.get(name="Jo Person")
    record = _agree(agreement, jo, None, method=ConsentMethod.BY_LINK, supported_by="Kim Lee")

    agreement.refresh_from_db()
    assert agreement.status() == AgreementStatus.AGREED
    assert _listed_status(agreement, practitioner) == AgreementStatus.AGREED
    assert (record.member, record.method, record.supported_by, record.agreed_by) == (
        jo,
        ConsentMethod.BY_LINK,
        "Kim Lee",
        "Jo Person",
    )
    assert record.agreed_at is not None and record.recorded_by is None
    expected = hashlib.sha256(content_fingerprint(agreement).encode()).hexdigest()
    assert record.content_hash == expected
    # The audit entry names the member by number, never by the name they typed.
    entries = ModelLogEntry.objects.for_instance(agreement).filter(action=audit.AGREE)
    entry = entries.order_by("-timestamp", "-pk").first()
    assert entry.data["member"] == jo.pk and entry.data["method"] == ConsentMethod.BY_LINK
    assert "Jo Person" not in str(entry.data)


def test_agreeing_twice_to_one_version_keeps_the_first_record(agreement):
    sam = agreement.members.get(is_the_person=True)
    first = _agree(agreement, sam, typed_name="Sam")
    again = _agree(agreement, sam, typed_name="Someone else")
    assert again.pk == first.pk
    assert member_consent(sam, agreement.latest_revision_id).agreed_by == "Sam"


def test_agreeing_to_a_version_changed_since_it_was_read_is_refused(agreement, practitioner):
    read = agreement.latest_revision_id
    save_change(agreement, read, practitioner, lambda a: setattr(a, "known_as", "Sammy"))
    sam = agreement.members.get(is_the_person=True)

    with pytest.raises(ChangedSinceOpened):
        record_member_consent(
            agreement, sam, based_on=read, typed_name="Sam", method=ConsentMethod.BY_LINK
        )
    assert member_consent(sam, read) is None


def test_a_change_reopens_agreement_for_everyone_keeps_the_record_and_says_what_changed(
    agreement, practitioner, django_capture_on_commit_callbacks
):
    _everyone_agrees(agreement, practitioner)
    agreed_revision = agreement.latest_revision_id
    earlier = {record.member_id: record for record in agreement.consents_to(agreed_revision)}
    heard = []

    def receiver(sender, agreement, agreed_revision_id, members, **kwargs):
        heard.append((agreed_revision_id, sorted(member.name for member in members)))

    agreement_reopened.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            changed = save_change(
                agreement,
                agreed_revision,
                practitioner,
                lambda a: setattr(a, "review_date", datetime.date(2027, 5, 1)),
            )
    finally:
        agreement_reopened.disconnect(receiver)

    assert changed.status() == AgreementStatus.DRAFT
    assert changed.changed_since_agreed()
    assert _listed_status(changed, practitioner) == AgreementStatus.DRAFT
    everyone = sorted(member.name for member in changed.members.active())
    assert heard == [(agreed_revision, everyone)]
    # The earlier agreement stays on record: who, when, to which revision, its content hash.
    kept = {record.member_id: record for record in changed.consents_to(agreed_revision)}
    assert kept.keys() == earlier.keys()
    for member_id, record in kept.items():
        assert (record.agreed_by, record.agreed_at, record.content_hash) == (
            earlier[member_id].agreed_by,
            earlier[member_id].agreed_at,
            earlier[member_id].content_hash,
        )
    assert changed.last_agreed_revision_id() == agreed_revision
    assert what_changed(changed, agreed_revision, changed.latest_revision_id) == [
        "The review date changed."
    ]


def test_what_changed_says_each_change_in_plain_words(agreement, practitioner):
    before = agreement.latest_revision_id
    area = agreement.areas()[0]

    def change(current):
        current.known_as = "Sammy"
        body = [dict(block) for block in current.body.raw_data]
        for block in body:
            if block["id"] == area.id:
                block["value"] = {**block["value"], "this_means": "<p>Sam moves in May.</p>"}
        current.body = body
        parties = current.parties
        parties[2]["names"] = [*parties[2]["names"], "Kim Person"]
        current.parties = parties

    changed = save_change(agreement, before, practitioner, change)

    sentences = what_changed(changed, before, changed.latest_revision_id)
    assert sentences[0] == "Sammy’s details changed."
    label = changed.party("person").label
    assert f"Who is in the party “{label}” changed." in sentences
    assert any(sentence.endswith("changed.") and "Area 1" in sentence for sentence in sentences)
    # Someone else's revisions say nothing.
    other = PersonalisedAgreementFactory()
    assert what_changed(other, before, changed.latest_revision_id) == []


def test_a_name_added_renamed_or_removed_in_the_details_changes_the_party_s_people(
    signed_in, agreement
):
    alex = agreement.members.get(name="Alex Person")
    jo = agreement.members.get(name="Jo Person")
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data["party-person"] = "Alexandra Person\nJo Person\nKim Person"

    assert signed_in.post(details_url(agreement), data).status_code == 302

    active = list(agreement.members.active())
    assert [member.name for member in active] == [
        agreement.person_name,
        "Alexandra Person",
        "Jo Person",
        "Kim Person",
    ]
    # Alex's name was edited in place: the same member, renamed.
    alex.refresh_from_db()
    assert alex.name == "Alexandra Person" and alex.is_active

    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data["party-person"] = "Alexandra Person\nKim Person"
    assert signed_in.post(details_url(agreement), data).status_code == 302

    # Jo's name has gone: kept, marked removed.
    jo.refresh_from_db()
    assert jo.removed_at is not None
    assert [member.name for member in agreement.members.active()] == [
        agreement.person_name,
        "Alexandra Person",
        "Kim Person",
    ]


def test_the_person_s_member_follows_the_person_s_name(agreement, practitioner):
    save_change(
        agreement,
        agreement.latest_revision_id,
        practitioner,
        lambda a: setattr(a, "person_name", "Samantha Person"),
    )
    person = agreement.members.get(is_the_person=True)
    assert person.name == "Samantha Person"
    assert agreement.members.active().count() == 3


def test_sync_leaves_an_organisation_s_people_alone(agreement):
    manager = PartyMember.objects.create(agreement=agreement, party="provider", name="Pat")
    sync_members(agreement)
    manager.refresh_from_db()
    assert manager.is_active


def test_the_people_page_shows_each_person_and_where_they_stand(signed_in, agreement, practitioner):
    sam = agreement.members.get(is_the_person=True)
    _agree(agreement, sam, practitioner, supported_by="Kim Lee")
    add_comment(agreement, text="I'd like more time outdoors.", member=sam)

    response = signed_in.get(reverse("agreements:people", args=[agreement.uuid]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = BeautifulSoup(response.content.decode(), "html.parser")
    people = [" ".join(item.get_text(" ").split()) for item in page.select(".party-member")]
    assert len(people) == 3
    assert "Agreed to this version" in people[0] and "With support from Kim Lee" in people[0]
    assert "1 comment" in people[0]
    assert "Not agreed yet" in people[1]


def test_adding_someone_to_an_organisation_and_to_the_family(signed_in, agreement):
    url = reverse("agreements:add_member", args=[agreement.uuid])
    response = signed_in.post(
        url,
        {
            "add-party": "provider",
            "add-name": "Pat Manager",
            "add-role": "Team manager",
            "add-email": "pat@example.org",
            "add-language": "",
            "add-preferred_format": "standard",
        },
    )
    assert response.status_code == 302
    pat = agreement.members.get(name="Pat Manager")
    assert (pat.party, pat.role, pat.email) == ("provider", "Team manager", "pat@example.org")

    signed_in.post(
        url,
        {
            "add-party": "person",
            "add-name": "Kim Person",
            "add-role": "Advocate",
            "add-language": "ur",
            "add-preferred_format": "easy-read",
        },
    )
    agreement.refresh_from_db()
    # A family member is named in the agreement itself, as a new version.
    assert agreement.party("person").names[-1] == "Kim Person"
    kim = agreement.members.active().get(name="Kim Person")
    assert (kim.role, kim.language, kim.preferred_format) == ("Advocate", "ur", "easy-read")


def test_removing_someone_keeps_what_they_agreed_to(signed_in, agreement, practitioner):
    jo = agreement.members.get(name="Jo Person")
    record = _agree(agreement, jo, practitioner)
    url = reverse("agreements:remove_member", args=[agreement.uuid, jo.uuid])

    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url)

    assert response.status_code == 302
    jo.refresh_from_db()
    agreement.refresh_from_db()
    assert jo.removed_at is not None
    assert "Jo Person" not in agreement.party("person").names
    assert type(record).objects.filter(pk=record.pk).exists()
    # The person cannot be removed from their own agreement.
    sam = agreement.members.get(is_the_person=True)
    assert (
        signed_in.get(
            reverse("agreements:remove_member", args=[agreement.uuid, sam.uuid])
        ).status_code
        == 404
    )


def test_a_bad_name_is_refused_at_the_field(signed_in, agreement):
    response = signed_in.post(
        reverse("agreements:add_member", args=[agreement.uuid]),
        {"add-party": "provider", "add-name": "Pat\x07", "add-preferred_format": "standard"},
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one("#id_add-name_error") is not None
    assert not agreement.members.filter(party="provider").exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_and_comments_are_kept_as_words(signed_in, agreement, payload):
    member = PartyMember.objects.create(
        agreement=agreement, party="provider", name=payload[:120], role="Manager"
    )
    add_comment(agreement, text=payload, member=member)

    html = signed_in.get(reverse("agreements:people", args=[agreement.uuid])).content.decode()

    assert executable_parts(html) == []
    assert agreement.comments.get().text == payload.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your comment."),
        ("   ", "Write your comment."),
        ("x" * 2001, "at most 2000 characters"),
        ("Bell\x07", "U+0007"),
    ],
)
def test_a_comment_that_cannot_be_kept_is_refused_with_a_message(agreement, text, message):
    with pytest.raises(ValidationError) as refused:
        add_comment(agreement, text=text)
    assert message in " ".join(refused.value.messages)
    assert not agreement.comments.exists()


def test_a_comment_is_on_one_of_the_agreement_s_own_blocks(agreement, practitioner):
    area = agreement.areas()[0]
    comment = add_comment(agreement, text="Reply", block_id=area.id, user=practitioner)
    assert (comment.author, comment.block_id, comment.revision_id) == (
        practitioner,
        area.id,
        agreement.latest_revision_id,
    )
    other = PersonalisedAgreementFactory()
    with pytest.raises(ValidationError):
        add_comment(agreement, text="Elsewhere", block_id="not-a-block")
    with pytest.raises(ValidationError):
        add_comment(agreement, text="Not theirs", member=other.members.first())
    entry = ModelLogEntry.objects.for_instance(agreement).filter(action=audit.COMMENT).get()
    assert "Reply" not in str(entry.data)


def test_the_agreement_page_shows_comments_beside_their_part_and_the_practitioner_replies(
    signed_in, agreement
):
    area = agreement.areas()[0]
    jo = agreement.members.get(name="Jo Person")
    add_comment(agreement, text="Could we meet on Fridays?", block_id=area.id, member=jo)

    response = signed_in.post(
        reverse("agreements:comment", args=[agreement.uuid]),
        {"text": "Yes, Fridays suit us.", "block": area.id},
    )

    assert response.status_code == 302
    page = BeautifulSoup(
        signed_in.get(agreement.get_absolute_url()).content.decode(), "html.parser"
    )
    beside = page.select_one(f"#comments-{area.id}").get_text(" ", strip=True)
    assert "Jo Person" in beside and "Could we meet on Fridays?" in beside
    assert "Yes, Fridays suit us." in beside
    assert "Could we meet on Fridays?" in page.select_one("#comments").get_text()


def test_a_refused_reply_comes_back_with_the_message_at_its_field_and_the_words_as_typed(
    signed_in, agreement
):
    area = agreement.areas()[0]
    typed = "Fridays suit us \\1 better\x07"

    response = signed_in.post(
        reverse("agreements:comment", args=[agreement.uuid]), {"text": typed, "block": area.id}
    )

    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "U+0007" in page.select_one("#id_text_error").get_text()
    # A textarea's first newline is markup, not text (HTML's parsing rule).
    assert page.select_one("textarea#id_text").get_text().removeprefix("\n") == typed
    assert page.select_one("input[name=block]")["value"] == area.id
    assert not agreement.comments.exists()


def test_restoring_over_a_version_people_agreed_to_asks_to_confirm_first(
    signed_in, agreement, practitioner
):
    first = agreement.latest_revision_id
    agreement = save_change(agreement, first, practitioner, lambda a: setattr(a, "known_as", "S"))
    sam = agreement.members.get(is_the_person=True)
    _agree(agreement, sam, practitioner)
    url = reverse("agreements:restore_revision", args=[agreement.uuid, first])

    page = signed_in.get(reverse("agreements:revision", args=[agreement.uuid, first]))
    assert "1 person has agreed to this version" in page.content.decode()
    refused = signed_in.post(url, follow=True)

    assert "Not restored" in refused.content.decode()
    assert agreement.revisions.count() == 2
    signed_in.post(url, {"confirm_reopen": "on"})
    assert agreement.revisions.count() == 3

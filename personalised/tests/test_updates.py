"""Template updates: the changes since an agreement's version, matched by block and item id,
taken or declined without losing what the practitioner wrote."""

import json

import pytest

from accounts.factories import PractitionerFactory
from personalised.models import PersonalisedAgreement
from personalised.tests.updating_helpers import (
    block,
    clause_template,
    column,
    fork,
    fresh_fork_body,
    normalised,
    prompt_texts,
    publish,
    three_area_template,
    version_2,
    version_3,
)
from personalised.updates.changes import ADDED, CHANGED, MOVED, REMOVED
from personalised.updates.services import agreements_with_updates, take_updates, updates_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PractitionerFactory()


@pytest.fixture
def versions(owner):
    """A template in three versions, with an agreement forked from each."""
    template = three_area_template()
    from_1 = fork(template, owner)
    template = publish(template, version_2, "Reworded a provider prompt; Housing is gone.")
    from_2 = fork(template, owner)
    template = publish(template, version_3, "Resources first; a column for the council.")
    from_3 = fork(template, owner)
    # As a view would load them: each with the template as it is now.
    return template, *(PersonalisedAgreement.objects.get(pk=a.pk) for a in (from_1, from_2, from_3))


def kinds(changes) -> list[str]:
    return sorted(change.kind for change in changes)


def edit_body(agreement: PersonalisedAgreement, change) -> PersonalisedAgreement:
    body = json.loads(json.dumps(list(agreement.body.raw_data)))
    change(body)
    agreement.body = body
    agreement.save()
    agreement.save_revision(user=agreement.owner)
    return PersonalisedAgreement.objects.get(pk=agreement.pk)


def take_all(agreement, *, conflicts="accept"):
    updates = updates_for(agreement)
    accepted = [c.token for c in updates.changes if not c.conflict or conflicts == "accept"]
    declined = [c.token for c in updates.changes if c.conflict and conflicts == "decline"]
    return take_updates(
        agreement,
        user=agreement.owner,
        based_on=agreement.latest_revision_id,
        live_revision=updates.live_revision_id,
        accepted=accepted,
        declined=declined,
    )


def test_an_agreement_from_the_live_version_has_no_updates(versions):
    _template, *_, from_3 = versions
    assert updates_for(from_3) is None
    assert agreements_with_updates([from_3]) == set()


def test_several_versions_at_once_compare_the_source_with_the_live_version(versions):
    _template, from_1, _from_2, _ = versions

    updates = updates_for(from_1)

    assert (updates.source_version, updates.live_version) == (1, 3)
    assert [note.change_note for note in updates.notes] == [
        "Reworded a provider prompt; Housing is gone.",
        "Resources first; a column for the council.",
    ]
    changes = updates.changes
    by_kind = {kind: [c for c in changes if c.kind == kind] for kind in (ADDED, REMOVED, CHANGED)}
    # Area "Keeping safe", a council prompt in outcomes, and the council's column in Resources.
    assert len(by_kind[ADDED]) == 3
    # Area "Housing", and one of the family's prompts.
    assert len(by_kind[REMOVED]) == 2
    # A provider prompt reworded, the outcomes area renamed.
    assert sorted(c.new for c in by_kind[CHANGED]) == [
        "Agreeing outcomes together",
        "Get to know _____ and their family well",
    ]
    assert [c.kind for c in changes if c.kind == MOVED] == [MOVED]
    assert not any(change.conflict for change in changes)


def test_an_agreement_from_the_middle_version_sees_only_the_later_changes(versions):
    _template, _from_1, from_2, _ = versions

    updates = updates_for(from_2)

    assert (updates.source_version, updates.live_version) == (2, 3)
    assert [note.change_note for note in updates.notes] == [
        "Resources first; a column for the council."
    ]
    assert kinds(updates.changes) == [ADDED, CHANGED, MOVED, REMOVED]


def test_accepting_every_change_of_an_unedited_agreement_gives_a_fresh_fork(versions):
    template, from_1, from_2, _ = versions

    for agreement in (from_1, from_2):
        outcome = take_all(agreement)

        agreement.refresh_from_db()
        assert normalised(agreement.body.raw_data) == normalised(fresh_fork_body(template))
        assert agreement.source_revision_id == template.live_revision_id
        assert agreement.source_version == 3
        assert outcome.recorded_version == 3
        assert updates_for(agreement) is None


def test_a_prompt_the_practitioner_edited_is_a_conflict_kept_until_they_choose(versions):
    _template, from_1, *_ = versions

    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    agreement = edit_body(from_1, reword)
    updates = updates_for(agreement)
    (conflict,) = updates.review.conflicts
    assert conflict.kind == CHANGED
    assert (conflict.old, conflict.new, conflict.current) == (
        "Get to know _____ well",
        "Get to know _____ and their family well",
        "Meet Sam's friends",
    )

    outcome = take_all(agreement, conflicts="later")

    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider")[0] == "Meet Sam's friends"
    assert outcome.recorded_version is None  # one change still waits for a choice
    assert agreement.source_version == 1
    (left,) = updates_for(agreement).changes
    assert left.key == conflict.key and left.conflict

    take_all(agreement)
    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider")[0] == "Get to know _____ and their family well"
    assert agreement.source_version == 3


def test_keep_mine_keeps_the_practitioners_words_and_records_the_version(versions):
    _template, from_1, *_ = versions

    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    agreement = edit_body(from_1, reword)
    take_all(agreement, conflicts="decline")

    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider")[0] == "Meet Sam's friends"
    assert agreement.source_version == 3
    assert updates_for(agreement) is None


def test_removing_an_area_the_practitioner_wrote_in_is_a_conflict(versions):
    _template, from_1, *_ = versions

    def write(body):
        block(body, "Housing")["value"]["this_means"] = "<p>Sam wants a garden.</p>"

    agreement = edit_body(from_1, write)
    (conflict,) = updates_for(agreement).review.conflicts
    assert conflict.kind == REMOVED

    take_all(agreement, conflicts="later")

    agreement.refresh_from_db()
    assert block(agreement.body.raw_data, "Housing")["value"]["this_means"] == (
        "<p>Sam wants a garden.</p>"
    )


def test_prompts_and_actions_the_practitioner_added_stay_when_changes_are_taken(versions):
    _template, from_1, *_ = versions
    action = {
        "type": "item",
        "value": {"who": "Provider", "what": "Visit Sam", "by_when": None},
        "id": "b0000000-0000-4000-8000-000000000001",
    }

    def add(body):
        outcomes = block(body, "Agreeing outcomes")
        column(outcomes, "Provider").append(
            {
                "type": "item",
                "value": "Sam's own prompt",
                "id": "b0000000-0000-4000-8000-0000000002",
            }
        )
        outcomes["value"].update(relevant=False, this_means="<p>Mine</p>", actions=[action])

    agreement = edit_body(from_1, add)
    take_all(agreement, conflicts="later")

    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider") == [
        "Get to know _____ and their family well",
        "Listen to _____",
        "Sam's own prompt",
    ]
    assert outcomes["value"]["relevant"] is False
    assert outcomes["value"]["this_means"] == "<p>Mine</p>"
    assert outcomes["value"]["actions"] == [action]


def test_a_prompt_the_practitioner_took_out_is_not_brought_back_without_a_choice(versions):
    _template, from_1, *_ = versions

    def take_out(body):
        column(block(body, "Agreeing outcomes"), "Provider").pop(0)

    agreement = edit_body(from_1, take_out)
    (conflict,) = updates_for(agreement).review.conflicts
    assert conflict.current is not None and not conflict.current

    take_all(agreement, conflicts="decline")
    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider") == ["Listen to _____"]


def test_declining_everything_leaves_the_agreement_as_it_was(versions):
    _template, from_1, *_ = versions
    before = json.dumps(list(from_1.body.raw_data))
    revisions = from_1.revisions.count()
    updates = updates_for(from_1)

    take_updates(
        from_1,
        user=from_1.owner,
        based_on=from_1.latest_revision_id,
        live_revision=updates.live_revision_id,
        accepted=[],
        declined=[change.token for change in updates.changes],
    )

    agreement = PersonalisedAgreement.objects.get(pk=from_1.pk)
    assert json.dumps(list(agreement.body.raw_data)) == before
    assert agreement.revisions.count() == revisions
    assert agreement.source_version == 3


def test_a_declined_change_is_remembered_and_not_offered_again(versions):
    _template, from_1, *_ = versions
    updates = updates_for(from_1)
    moved = next(change for change in updates.changes if change.kind == MOVED)

    take_updates(
        from_1,
        user=from_1.owner,
        based_on=from_1.latest_revision_id,
        live_revision=updates.live_revision_id,
        accepted=[],
        declined=[moved.token],
    )

    agreement = PersonalisedAgreement.objects.get(pk=from_1.pk)
    assert agreement.declined_updates == [moved.key]
    left = updates_for(agreement).changes
    assert moved.key not in {change.key for change in left}
    assert len(left) == len(updates.changes) - 1
    assert agreement.source_version == 1


def test_a_later_version_that_changes_a_declined_change_again_offers_it(versions, owner):
    template, from_1, *_ = versions
    updates = updates_for(from_1)
    rename = next(c for c in updates.changes if c.new == "Agreeing outcomes together")
    take_updates(
        from_1,
        user=owner,
        based_on=from_1.latest_revision_id,
        live_revision=updates.live_revision_id,
        accepted=[],
        declined=[rename.token],
    )

    def rename_again(body):
        block(body, "Agreeing outcomes together")["value"]["title"] = "Outcomes"

    publish(template, rename_again, "Shorter title.")
    agreement = PersonalisedAgreement.objects.get(pk=from_1.pk)
    titles = [c.new for c in updates_for(agreement).changes if c.path[-1] == "title"]
    assert titles == ["Outcomes"]


def test_clause_templates_take_changes_to_clauses_definitions_tables_and_signatories(owner):
    template = clause_template()
    agreement = fork(template, owner)

    def revise(body):
        block(body, "Purpose")["value"]["content"][0]["value"] = "The purpose is to share care."
        block(body, "Definitions")["value"]["definitions"].append(
            {
                "type": "item",
                "value": {"term": "Person", "meaning": "the person supported"},
                "id": "c0000000-0000-4000-8000-000000000001",
            }
        )
        block(body, "Funding")["value"]["rows"][0]["value"]["cells"][1]["value"] = "NHS"
        block(body, "Signatories")["value"]["signatories"].append(
            {
                "type": "item",
                "value": {"organisation": "A provider", "name": "", "designation": ""},
                "id": "c0000000-0000-4000-8000-000000000002",
            }
        )
        termination = block(body, "Termination")
        body.remove(termination)
        body.insert(1, termination)

    template = publish(template, revise, "Plainer purpose; a provider signs too.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    updates = updates_for(agreement)
    assert kinds(updates.changes) == [ADDED, ADDED, CHANGED, CHANGED, MOVED]

    take_all(agreement)

    agreement.refresh_from_db()
    assert normalised(agreement.body.raw_data) == normalised(fresh_fork_body(template))


def test_my_agreements_flags_work_out_each_pair_of_versions_once(
    versions, django_assert_max_num_queries
):
    _template, from_1, from_2, _from_3 = versions
    listed = list(PersonalisedAgreement.objects.select_related("source_page"))

    with django_assert_max_num_queries(1):
        flagged = agreements_with_updates(listed)
    assert flagged == {from_1.pk, from_2.pk}
    with django_assert_max_num_queries(0):
        assert agreements_with_updates(listed) == flagged


def test_a_party_column_made_again_by_an_editor_is_matched_by_party(owner):
    template = three_area_template()
    agreement = fork(template, owner)

    def remake_provider_column(body):
        columns = block(body, "Agreeing outcomes")["value"]["party_prompts"]
        provider = next(c for c in columns if c["value"]["party"] == "Provider")
        provider["id"] = "d0000000-0000-4000-8000-000000000001"
        provider["value"]["prompts"] = [
            provider["value"]["prompts"][0],
            {"type": "item", "value": "A new prompt", "id": "d0000000-0000-4000-8000-000000000002"},
        ]

    template = publish(template, remake_provider_column, "The provider's column again.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    changes = updates_for(agreement).changes
    # Not "a column removed, a column added": one prompt removed, one added, in the same column.
    assert kinds(changes) == [ADDED, REMOVED]

    take_all(agreement)
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    assert normalised(agreement.body.raw_data) == normalised(fresh_fork_body(template))

    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[1]["value"] = "A newer prompt"

    publish(template, reword, "Reworded the new prompt.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    (change,) = updates_for(agreement).changes
    assert (change.kind, change.conflict, change.new) == (CHANGED, False, "A newer prompt")


def test_restoring_a_revision_from_before_an_update_offers_the_update_again(versions):
    from personalised.history.services import restore_revision

    _template, from_1, *_ = versions
    before = from_1.latest_revision
    take_all(from_1)
    agreement = PersonalisedAgreement.objects.get(pk=from_1.pk)
    assert updates_for(agreement) is None

    restore_revision(agreement, before, agreement.owner)

    agreement = PersonalisedAgreement.objects.get(pk=from_1.pk)
    assert agreement.source_version == 1
    assert len(updates_for(agreement).changes) == 8


def test_a_count_remembered_for_revision_ids_that_now_name_other_revisions_is_not_reused(
    versions,
):
    """Revision ids come round again after a rollback (each test's, on SQLite): what the
    process remembered about the earlier revisions with those ids must not answer for these."""
    from django.utils import timezone
    from wagtail.models import Revision

    template, from_1, *_ = versions
    assert agreements_with_updates([from_1]) == {from_1.pk}  # remembered: changes waiting
    # The live revision's id now names another revision, with the words of version 1, which
    # its template published later (as after a rollback, in the next test).
    Revision.objects.filter(pk=template.live_revision_id).update(
        content=Revision.objects.get(pk=from_1.source_revision_id).content
    )
    template.last_published_at = timezone.now() + timezone.timedelta(seconds=1)
    template.save(update_fields=["last_published_at"])
    agreement = PersonalisedAgreement.objects.select_related("source_page").get(pk=from_1.pk)

    assert agreements_with_updates([agreement]) == set()

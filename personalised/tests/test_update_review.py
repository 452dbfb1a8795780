"""The review page of a template update: who may use it, what it shows, and what saving does."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from personalised import audit
from personalised.models import AgreementShare, PersonalisedAgreement
from personalised.tests.editing import form_data
from personalised.tests.records_helpers import agree_all
from personalised.tests.test_updates import edit_body
from personalised.tests.updating_helpers import (
    block,
    clause_template,
    column,
    fork,
    prompt_texts,
    publish,
    three_area_template,
    version_2,
    version_3,
)
from personalised.updates.services import revision_body, updates_for
from versioning.models import PageVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(practitioner):
    template = three_area_template()
    agreement = fork(template, practitioner)
    template = publish(template, version_2, "Reworded a provider prompt; Housing is gone.")
    publish(template, version_3, "Resources first; a column for the council.")
    return PersonalisedAgreement.objects.get(pk=agreement.pk)


def url(agreement) -> str:
    return reverse("agreements:updates", args=[agreement.uuid])


def choices(agreement, choice: str, **overrides) -> dict:
    updates = updates_for(agreement)
    data = {
        "based_on": agreement.latest_revision_id,
        "live_revision": updates.live_revision_id,
    }
    for change in updates.changes:
        data[f"change-{change.token}"] = overrides.get(change.kind, choice)
    return data


def test_the_agreement_page_says_the_template_changed_and_links_to_the_review(
    client, practitioner, agreement
):
    client.force_login(practitioner)

    response = client.get(agreement.get_absolute_url())

    text = response.content.decode()
    assert "The template has changed since this agreement was started (version 1 → 3)" in text
    assert url(agreement) in text


def test_the_review_shows_versions_notes_and_each_change(client, practitioner, agreement):
    client.force_login(practitioner)

    response = client.get(url(agreement))

    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1
    text = response.content.decode()
    assert "version 1 → 3" in text
    assert "Reworded a provider prompt; Housing is gone." in text
    assert "Resources first; a column for the council." in text
    assert "Get to know Sam and their family well" in text  # the person's name in the blank
    later_checked = re.findall(r'value="later"[^>]*checked', text)
    assert len(later_checked) == len(updates_for(agreement).changes)


def test_a_conflict_shows_the_old_the_new_and_the_agreements_words(client, practitioner, agreement):
    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    agreement = edit_body(agreement, reword)
    client.force_login(practitioner)

    text = client.get(url(agreement)).content.decode()

    assert "Conflict" in text
    assert "Template’s old version" in text and "Get to know Sam well" in text
    assert "Template’s new version" in text and "Get to know Sam and their family well" in text
    assert "This agreement now" in text and "Meet Sam&#x27;s friends" in text
    assert "Keep mine" in text


def test_accepting_everything_takes_the_changes_records_the_version_and_logs_it(
    client, practitioner, agreement
):
    client.force_login(practitioner)

    response = client.post(url(agreement), choices(agreement, "accept"))

    assert response.status_code == 302
    assert response["Location"] == url(agreement)
    agreement.refresh_from_db()
    assert agreement.source_version == 3
    assert [b["value"]["title"] for b in agreement.body.raw_data] == [
        "Resources",
        "Agreeing outcomes together",
        "Keeping safe",
    ]
    entry = ModelLogEntry.objects.for_instance(agreement).get(action=audit.TEMPLATE_UPDATE)
    assert entry.user == practitioner
    assert entry.data["to_version"] == 3
    assert ModelLogEntry.objects.for_instance(agreement).filter(action="wagtail.edit").exists()


def test_an_agreed_agreement_returns_to_draft_and_says_so(client, practitioner, agreement):
    agree_all(agreement, on=agreement.created_at.date())
    assert agreement.status() == "agreed"
    client.force_login(practitioner)
    before = agreement.latest_revision_id

    # The review says first that taking changes asks everyone who agreed to agree again.
    unconfirmed = client.post(url(agreement), choices(agreement, "accept"))

    assert unconfirmed.status_code == 400
    page = BeautifulSoup(unconfirmed.content.decode(), "html.parser")
    assert "have agreed to this version" in page.select_one("#id_confirm_reopen_helptext").text
    assert "Tick the box" in page.select_one("#id_confirm_reopen_error").text
    agreement.refresh_from_db()
    assert (agreement.latest_revision_id, agreement.status()) == (before, "agreed")

    response = client.post(
        url(agreement), {**choices(agreement, "accept"), "confirm_reopen": "on"}, follow=True
    )

    agreement.refresh_from_db()
    assert agreement.status() == "draft"
    assert "it is a draft again until every party agrees" in response.content.decode()


def test_decide_later_changes_nothing_and_keeps_every_change_waiting(
    client, practitioner, agreement
):
    client.force_login(practitioner)
    before = updates_for(agreement).changes

    response = client.post(url(agreement), choices(agreement, "later"), follow=True)

    assert "Nothing was chosen, so nothing changed." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.source_version == 1
    assert [c.key for c in updates_for(agreement).changes] == [c.key for c in before]


def test_a_stale_review_is_refused_with_a_clear_message(client, practitioner, agreement):
    client.force_login(practitioner)
    stale = choices(agreement, "accept")

    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    edit_body(agreement, reword)  # someone else saves in between

    response = client.post(url(agreement), stale)

    assert response.status_code == 409
    assert "someone saved this agreement after you opened this page" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.source_version == 1
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes")
    assert prompt_texts(outcomes, "Provider")[0] == "Meet Sam's friends"
    # What they changed, as the agree page and the history compare show it.
    changes = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".agreement-changes"
    )
    assert "Meet Sam's friends" in " ".join(ins.get_text() for ins in changes.select("ins"))
    # The choices made are kept for the changes still offered, based on the revision now.
    again = form_data(response.content.decode(), "form.update-review")
    assert again["based_on"] == str(agreement.latest_revision_id)
    offered = {name for name in again if name.startswith("change-")}
    assert offered
    assert offered & {name for name in stale if name.startswith("change-")}
    assert {again[name] for name in offered & stale.keys()} == {"accept"}


def test_a_review_opened_before_the_template_was_published_again_is_refused(
    client, practitioner, agreement
):
    client.force_login(practitioner)
    stale = choices(agreement, "accept")

    def rename(body):
        block(body, "Resources")["value"]["title"] = "Money"

    publish(agreement.source_page, rename, "Resources is now Money.")

    response = client.post(url(agreement), stale)

    assert response.status_code == 409
    assert "the template has been published again" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.source_version == 1


def test_only_people_who_can_edit_review_updates(client, practitioner, agreement):
    viewer = PractitionerFactory()
    AgreementShare.objects.create(agreement=agreement, user=viewer, permission="view")
    editor = PractitionerFactory()
    AgreementShare.objects.create(agreement=agreement, user=editor, permission="edit")
    stranger = PractitionerFactory()

    assert client.get(url(agreement)).status_code == 302  # to sign in
    for user, status in ((stranger, 404), (viewer, 404), (editor, 200)):
        client.force_login(user)
        assert client.get(url(agreement)).status_code == status
        assert client.post(url(agreement), choices(agreement, "later")).status_code in (
            status,
            302,
        )
    client.force_login(viewer)
    assert client.post(url(agreement), choices(agreement, "accept")).status_code == 404
    agreement.refresh_from_db()
    assert agreement.source_version == 1


def test_an_up_to_date_agreement_says_there_is_nothing_to_review(client, practitioner):
    agreement = fork(three_area_template(), practitioner)
    client.force_login(practitioner)

    response = client.get(url(agreement))

    assert "no changes to review" in response.content.decode()
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert "The template has changed" not in detail


def test_my_agreements_flags_those_with_updates_waiting(client, practitioner, agreement):
    current = fork(agreement.source_page, practitioner)
    client.force_login(practitioner)

    text = client.get(reverse("agreements:list")).content.decode()

    assert text.count("Template updated: version 3 waiting") == 1
    assert url(agreement) in text
    assert url(current) not in text


def test_each_change_says_which_part_of_which_section_it_is(client, practitioner, agreement):
    client.force_login(practitioner)

    text = client.get(url(agreement)).content.decode()

    assert '<h2 id="update-section-1">Area: Resources</h2>' in text
    assert "Moved: now first" in text
    assert (
        "Changed by the template: Area 2, Agreeing outcomes together: the first prompt for "
        "Provider</legend>"
    ) in text
    assert '<h2 id="update-section-4">Area: Housing</h2>' in text


def test_my_agreements_asks_the_same_queries_however_many_rows_have_updates(
    client, practitioner, agreement
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from personalised.updates import services as updating

    client.force_login(practitioner)

    def queries() -> int:
        cache.clear()
        updating._known_pairs.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("agreements:list")).status_code == 200
        return len(captured)

    one = queries()
    # Five more, from versions 1 and 2: two pairs of versions to compare, still one query.
    template = agreement.source_page
    for number in (1, 2, 1, 2, 1):
        version = PageVersion.objects.get(page=template, number=number)
        copy = fork(template, practitioner)
        PersonalisedAgreement.objects.filter(pk=copy.pk).update(
            source_revision=version.revision,
            source_version=number,
            body=revision_body(version.revision),
        )

    text = client.get(reverse("agreements:list")).content.decode()
    assert text.count("Template updated: version 3 waiting") == 6
    assert len(updating.change_counts([])) == 0
    assert queries() == one


def test_choices_that_would_break_a_clause_reference_are_refused_and_kept(client, practitioner):
    template = clause_template()
    agreement = fork(template, practitioner)

    def drop_termination(body):
        purpose = block(body, "Purpose")
        purpose["value"]["content"].pop()  # the sentence that refers to Termination
        body.remove(block(body, "Termination"))

    publish(template, drop_termination, "No termination clause.")
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    data = choices(agreement, "later", removed="accept")
    updates = updates_for(agreement)
    # The clause's removal taken, the sentence that refers to it kept.
    sentence = next(c for c in updates.changes if c.kind == "removed" and len(c.path) > 1)
    data[f"change-{sentence.token}"] = "decline"
    client.force_login(practitioner)

    response = client.post(url(agreement), data)

    assert response.status_code == 400
    text = response.content.decode()
    assert "a sentence would refer to a clause this agreement no longer has" in text
    assert re.search(rf'name="change-{sentence.token}" value="decline"[^>]*checked', text)
    agreement.refresh_from_db()
    assert block(agreement.body.raw_data, "Termination")
    assert agreement.source_version == 1


def test_an_agreement_that_already_has_every_change_records_the_version(
    client, practitioner, agreement
):
    PersonalisedAgreement.objects.filter(pk=agreement.pk).update(
        body=revision_body(agreement.source_page.live_revision)
    )
    agreement = PersonalisedAgreement.objects.get(pk=agreement.pk)
    client.force_login(practitioner)

    text = client.get(url(agreement)).content.decode()
    assert "This agreement already has every change in this version" in text

    response = client.post(
        url(agreement),
        {
            "based_on": agreement.latest_revision_id,
            "live_revision": agreement.source_page.live_revision_id,
        },
        follow=True,
    )

    assert "The agreement now follows version 3 of the template." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.source_version == 3


def test_a_review_sent_after_someone_else_decided_everything_says_nothing_changed(
    client, practitioner, agreement
):
    client.force_login(practitioner)
    stale = choices(agreement, "accept")
    client.post(url(agreement), choices(agreement, "decline"))

    response = client.post(url(agreement), stale)

    assert "Nothing was changed: this agreement already follows its template." in (
        response.content.decode()
    )
    agreement.refresh_from_db()
    assert agreement.revisions.count() == 1  # declining made no revision; nothing was taken


def _notice(response) -> str:
    return " ".join(
        re.search(r'<div class="notice" role="status">(.*?)</div>', response.content.decode(), re.S)
        .group(1)
        .split()
    )


def test_declining_every_change_says_the_wording_is_kept_not_that_it_follows_the_version(
    client, practitioner, agreement
):
    client.force_login(practitioner)
    body_before = list(agreement.body.raw_data)

    response = client.post(url(agreement), choices(agreement, "decline"), follow=True)

    notice = _notice(response)
    assert (
        "You declined every change from version 3: the agreement keeps its own wording, and "
        "these changes will not be offered again."
    ) in notice
    assert "now follows version 3" not in notice
    agreement.refresh_from_db()
    assert agreement.source_version == 3
    assert list(agreement.body.raw_data) == body_before


def test_taking_some_changes_and_declining_the_rest_says_both(client, practitioner, agreement):
    client.force_login(practitioner)

    response = client.post(
        url(agreement), choices(agreement, "decline", added="accept"), follow=True
    )

    notice = _notice(response)
    assert (
        "Every change from version 3 is decided: the agreement has the ones you took, and "
        "keeps its own wording where you declined."
    ) in notice
    assert "now follows version 3" not in notice
    agreement.refresh_from_db()
    assert "Keeping safe" in [b["value"]["title"] for b in agreement.body.raw_data]


def _reworded(agreement):
    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    return edit_body(agreement, reword)


def _conflict(agreement):
    return next(c for c in updates_for(agreement).changes if c.conflict and c.kind == "changed")


def test_a_conflict_can_be_settled_with_a_combined_wording(client, practitioner, agreement):
    agreement = _reworded(agreement)
    conflict = _conflict(agreement)
    client.force_login(practitioner)

    page = client.get(url(agreement)).content.decode()

    assert "Edit a combined wording" in page
    box = re.search(
        rf'<textarea name="combined-{conflict.token}"[^>]*>(.*?)</textarea>', page, re.S
    )
    assert "Meet Sam&#x27;s friends" in box.group(1)
    # The template's words as the agreement reads them: the person's name in the blank.
    assert "Get to know Sam and their family well" in box.group(1)

    data = choices(agreement, "later")
    data[f"change-{conflict.token}"] = "combine"
    data[f"combined-{conflict.token}"] = "  Meet Sam's friends, and get to know _____'s family  "
    response = client.post(url(agreement), data, follow=True)

    assert response.status_code == 200
    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes")
    assert prompt_texts(outcomes, "Provider")[0] == (
        "Meet Sam's friends, and get to know _____'s family"
    )
    assert conflict.key not in {c.key for c in updates_for(agreement).changes}
    assert agreement.revisions.count() == 3  # fork, the practitioner's edit, the combined wording
    assert "1 change given your combined wording." in response.content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write the combined wording, or choose another option."),
        ("x" * 1001, "Ensure this value has at most 1000 characters"),
    ],
)
def test_a_combined_wording_that_is_empty_or_too_long_is_refused_at_its_field(
    client, practitioner, agreement, text, message
):
    agreement = _reworded(agreement)
    conflict = _conflict(agreement)
    client.force_login(practitioner)
    data = choices(agreement, "later")
    data[f"change-{conflict.token}"] = "combine"
    data[f"combined-{conflict.token}"] = text

    response = client.post(url(agreement), data)

    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(rf'id="id_combined-{conflict.token}_error"[^>]*>(.*?)</div>', page, re.S)
    assert message in error.group(1)
    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes")
    assert prompt_texts(outcomes, "Provider")[0] == "Meet Sam's friends"


def test_a_combined_wording_is_kept_as_words_never_as_markup(client, practitioner, agreement):
    agreement = _reworded(agreement)
    conflict = _conflict(agreement)
    client.force_login(practitioner)
    data = choices(agreement, "later")
    data[f"change-{conflict.token}"] = "combine"
    data[f"combined-{conflict.token}"] = '<script>alert("x")</script> Meet <b>friends</b>'

    client.post(url(agreement), data)

    page = client.get(agreement.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Meet &lt;b&gt;friends" in page


def test_each_change_names_its_place_in_plain_words(client, practitioner, agreement):
    client.force_login(practitioner)

    text = client.get(url(agreement)).content.decode()

    assert (
        "Changed by the template: Area 2, Agreeing outcomes together: the first prompt for "
        "Provider</legend>"
    ) in text
    assert (
        "Removed from the template: Area 2, Agreeing outcomes together: the second prompt for "
        "Family &amp; Person being supported</legend>"
    ) in text
    assert "›" not in text


def test_a_clause_change_names_the_clause_and_paragraph(client, practitioner):
    template = clause_template()
    agreement = fork(template, practitioner)

    def reword(body):
        block(body, "Termination")["value"]["content"][0]["value"] = "Six months' notice."

    publish(template, reword, "Longer notice.")
    client.force_login(practitioner)

    text = client.get(url(agreement)).content.decode()

    assert "Changed by the template: Clause 3, Termination: paragraph 1</legend>" in text

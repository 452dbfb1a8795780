"""What the history shows (issue 11): a summary per revision, which revisions the parties agreed
to, a comparison area by area and part by part, and one numbering of revisions everywhere."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.factories import PractitionerFactory
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import PersonalisedAgreement
from personalised.tests.records_helpers import agree_all
from personalised.tests.updating_helpers import block, clause_template, fork

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return PractitionerFactory(username="owner", first_name="Olive", last_name="Owner")


@pytest.fixture
def agreement(owner):
    # Another agreement first, so that revision ids are not the revision numbers.
    PersonalisedAgreementFactory(owner=owner)
    return PersonalisedAgreementFactory(owner=owner)


def url(name: str, agreement, **kwargs) -> str:
    return reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid, **kwargs})


def save_raw(agreement, change, user):
    body = json.loads(json.dumps(list(agreement.body.raw_data), default=str))
    change(body)
    agreement.body = body
    agreement.save()
    revision = agreement.save_revision(user=user, log_action=True)
    return PersonalisedAgreement.objects.get(pk=agreement.pk), revision


def rework_resources(body):
    """Area 2: a provider prompt reworded, one added, an action, what it means."""
    resources = block(body, "Resources")["value"]
    provider = resources["party_prompts"][0]["value"]["prompts"]
    provider[0]["value"] = "A prompt about money"
    provider.append({"type": "item", "value": "Check the budget monthly", "id": "new-prompt"})
    resources["actions"] = [
        {
            "type": "item",
            "value": {"who": "Provider", "what": "Open a bank account", "by_when": "2026-05-01"},
            "id": "new-action",
        }
    ]
    resources["this_means"] = "<p>Sam manages money with help.</p>"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_each_revision_says_what_changed_in_it_and_which_the_parties_agreed_to(
    client, agreement, owner
):
    agreement, second = save_raw(agreement, rework_resources, owner)
    agree_all(agreement)

    def leave_out(body):
        block(body, "Agreeing outcomes")["value"]["relevant"] = False

    agreement, _third = save_raw(agreement, leave_out, owner)
    client.force_login(owner)
    client.post(url("restore_revision", agreement, revision_id=second.pk))

    page = soup(client.get(url("history", agreement)))

    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("table.records-table tbody tr")
    ]
    summaries = [row[1] for row in rows]
    assert summaries[3] == "Made from the template, version 1"
    assert summaries[2] == "Changed Area 2: Resources (prompts, this means, actions)"
    assert summaries[1] == "Changed Area 1: Agreeing outcomes (relevance)"
    assert summaries[0].startswith("Restored revision 2 from ")
    agreed = [row[0] for row in rows]
    assert "Agreed by every party" in agreed[2] and "Agreed by every party" in agreed[0]
    assert "Agreed" not in agreed[1] and "Agreed" not in agreed[3]


def test_the_comparison_shows_each_part_of_an_area_separately_with_added_and_removed_marked(
    client, agreement, owner
):
    old = agreement.latest_revision
    agreement, new = save_raw(agreement, rework_resources, owner)
    client.force_login(owner)

    page = soup(client.get(url("compare", agreement), {"old": old.pk, "new": new.pk}))

    (section,) = page.select(".diff-section")
    assert section.find("h2").get_text(" ", strip=True) == "Area 2: Resources (changed)"
    parts = {
        part.get_text(" ", strip=True): part.find_next_sibling("ul")
        for part in section.select(".diff-part")
    }
    assert list(parts) == ["Prompts for Provider", "This means", "Actions"]
    prompts = [line.get_text(" ", strip=True) for line in parts["Prompts for Provider"]("li")]
    assert prompts == [
        "(changed) A prompt about Removed: Resources Added: money",
        "(added) Added: Check the budget monthly",
    ]
    action = parts["Actions"].li.get_text(" ", strip=True)
    assert action == "(added) Added: Provider will Open a bank account (by 1 May 2026)"
    assert "Sam manages money with help." in parts["This means"].get_text()


def test_the_comparison_of_a_clause_agreement_names_each_clause_and_paragraph(client, owner):
    agreement = fork(clause_template(), owner)
    old = agreement.latest_revision

    def reword(body):
        purpose = block(body, "Purpose")["value"]["content"]
        purpose[0]["value"] = "The purpose of this Agreement is to care together."

    agreement, new = save_raw(agreement, reword, owner)
    client.force_login(owner)

    page = soup(client.get(url("compare", agreement), {"old": old.pk, "new": new.pk}))

    (section,) = page.select(".diff-section")
    assert section.find("h2").get_text(" ", strip=True) == "Clause 2: Purpose (changed)"
    assert [part.get_text(strip=True) for part in section.select(".diff-part")] == ["Paragraph 1"]
    line = section.select_one(".diff-line").get_text(" ", strip=True)
    assert (
        line == "(changed) The purpose of this Agreement is to Removed: work Added: care together."
    )


def test_revisions_have_the_same_numbers_on_the_history_the_comparison_and_the_audit_log(
    client, agreement, owner
):
    first = agreement.latest_revision
    agreement, second = save_raw(agreement, rework_resources, owner)
    client.force_login(owner)
    client.get(url("revision", agreement, revision_id=first.pk))
    client.get(url("compare", agreement), {"old": first.pk, "new": second.pk})
    client.post(url("restore_revision", agreement, revision_id=first.pk))
    agreement.refresh_from_db()
    agree_all(agreement)
    assert first.pk != 1  # the ids are not the numbers

    history = soup(client.get(url("history", agreement))).get_text(" ", strip=True)
    compare = soup(client.get(url("compare", agreement), {"old": first.pk, "new": second.pk}))
    log = (
        soup(client.get(url("audit_log", agreement))).select_one("table").get_text(" ", strip=True)
    )

    assert "Revision 3" in history and "Restored revision 1 from" in history
    assert compare.h1.get_text(strip=True) == "Changes from revision 1 to revision 2"
    assert "Restored revision 1 as revision 3" in log
    assert "Viewed revision 1" in log
    assert "Viewed revisions 1 and 2 compared" in log
    assert "with id" not in log
    for revision_id in (first.pk, second.pk, agreement.latest_revision_id):
        assert f"revision {revision_id} " not in log + " "


def test_changes_since_agreed_use_the_same_comparison_as_the_history(client, agreement, owner):
    agree_all(agreement)
    agreement, _revision = save_raw(agreement, rework_resources, owner)
    client.force_login(owner)

    status = soup(client.get(agreement.get_absolute_url())).select_one(".agreement-status")

    parts = [part.get_text(strip=True) for part in status.select(".diff-part")]
    assert parts == ["Prompts for Provider", "This means", "Actions"]
    assert datetime.date(2026, 5, 1).strftime("%-d %B %Y") in status.get_text()

"""Practitioners' own words are kept only when the same wording, normalised, was added in at
least 5 agreements by at least 3 practitioners, and never with anyone's name; a deleted
agreement drops out of the next computation."""

import pytest

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from evidence.computing import compute_and_store
from evidence.models import EvidenceWording, Measure
from evidence.tests.helpers import (
    blocks_of,
    delete,
    edit,
    item,
    names_of,
    stored_text,
    total,
)
from evidence.wordings import normalise, without_names
from personalised.tests.updating_helpers import fork

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "Meet {name} every month",
    "meet {name}  every month",
    " MEET {name} EVERY MONTH ",
    "Meet {name}\nevery month",
    "meet {name} every Month",
]


def _add_prompt(agreement, text: str, number: int) -> None:
    def change(body):
        provider = blocks_of(body, "area")[0]["value"]["party_prompts"][1]["value"]
        provider["prompts"].append(item(text, f"e0000000-0000-4000-8000-{number:012d}"))

    edit(agreement, change)


def _agreements_adding_the_wording(count: int, practitioners: int):
    template = published_template()
    owners = [PractitionerFactory() for _ in range(practitioners)]
    agreements = []
    for number in range(count):
        agreement = fork(template, owners[number % practitioners])
        words = SPELLINGS[number % len(SPELLINGS)].format(name=agreement.person_name)
        _add_prompt(agreement, words, number)
        agreements.append(agreement)
    return template, agreements


@pytest.mark.parametrize(
    ("agreements", "practitioners", "stored"),
    [(4, 4, False), (5, 2, False), (5, 3, True)],
    ids=["4-agreements", "5-agreements-by-2", "5-agreements-by-3"],
)
def test_a_wording_is_kept_only_above_both_thresholds(agreements, practitioners, stored):
    template, forked = _agreements_adding_the_wording(agreements, practitioners)

    snapshot = compute_and_store(template)

    assert total(snapshot, measure=Measure.ADDED) == agreements
    wordings = list(snapshot.wordings.values_list("party_key", "text", "agreement_count"))
    assert wordings == ([("provider", "meet _____ every month", 5)] if stored else [])
    stored_words = stored_text()
    assert not [name for name in names_of(*forked) if name in stored_words]


def test_a_deleted_agreement_drops_out_of_the_next_computation():
    template, forked = _agreements_adding_the_wording(5, 3)
    assert compute_and_store(template).wordings.count() == 1

    delete(forked[0])
    snapshot = compute_and_store(template)

    assert snapshot.agreement_count == 4
    assert total(snapshot, measure=Measure.AGREEMENTS) == 4
    assert total(snapshot, measure=Measure.ADDED) == 4
    assert not EvidenceWording.objects.exists()
    # Replaced, not added to: one snapshot, its counts from this run only.
    assert snapshot.counts.filter(measure=Measure.AGREEMENTS).count() == 1


def test_wordings_are_case_folded_with_spaces_collapsed_and_names_taken_out():
    assert normalise("  Meet\tSAM  every\n month ") == "meet sam every month"
    assert normalise("Ask\x0bfirst") == "askfirst"
    names = ["Sam Person 3", "Sam", "Good Support Ltd"]
    text = "Sam Person 3 and Samuel meet Good Support ltd; sam too."
    assert without_names(text, names) == "_____ and Samuel meet _____; _____ too."
    # Names are data: nothing in one is read as a pattern or a replacement template.
    assert without_names(r"Call \1 or J.* now", [r"\1", "J.*"]) == "Call _____ or _____ now"

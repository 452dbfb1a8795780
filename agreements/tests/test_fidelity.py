"""Every word of both seed documents is on the published pages, as written.

The seed text is cut into units (each line, each bullet and each table cell of the source),
normalised for whitespace and bullet characters only, and each unit must appear word for word
in the page's visible text; a unit's closing ":" is not compared. Numbers that the site
computes (area, clause and sub-clause numbers) are left out of the units: their values are
checked by the numbering tests. Cross-references are compared as printed: the Suffolk
agreement's "clause 8 (Termination)" is the number the page computes.
"""

import re
from pathlib import Path

import pytest

from agreements.seed_content import isf, partnering
from agreements.tests.text import main_text, normalise

SEED_DOCUMENTS = Path(__file__).parent / "seed_documents"

_LIST_TAG_RE = re.compile(r"</?ul[^>]*>")
_NUMBER_ONLY_RE = re.compile(r"^\d+(\.\d+)*\.?$")
_NUMBER_PREFIX_RE = re.compile(r"^\d+\.(\d+)?\s+")
_LINE_BULLET_RE = re.compile(r"^[-•●·]\s*")


def seed_units(filename: str) -> list[str]:
    text = (SEED_DOCUMENTS / filename).read_text(encoding="utf-8")
    units = []
    for line in text.splitlines():
        line = _LIST_TAG_RE.sub("\t", line)
        for cell in line.split("\t"):
            for piece in re.split("[•●]", cell):
                unit = normalise(_LINE_BULLET_RE.sub("", piece.strip()))
                if not unit or _NUMBER_ONLY_RE.match(unit):
                    continue
                unnumbered = _NUMBER_PREFIX_RE.sub("", unit)
                # A numbered line's closing ":" or "." belongs to the heading style, which the
                # page draws itself ("1. Agreeing Outcomes:" is the heading "Agreeing Outcomes").
                unit = unnumbered.rstrip(":." if unnumbered != unit else ":")
                if unit:
                    units.append(unit)
    return units


def missing_units(filename: str, page_text: str) -> list[str]:
    return [unit for unit in seed_units(filename) if unit not in page_text]


@pytest.mark.django_db
def test_isf_page_has_every_word_of_the_seed(seeded_site, client):
    response = client.get(f"/templates/{isf.SLUG}/")

    assert response.status_code == 200
    assert (
        missing_units("isf-partnership-agreement-working-draft-2019.txt", main_text(response.text))
        == []
    )


@pytest.mark.django_db
def test_partnering_agreement_page_has_every_word_of_the_seed(seeded_site, client):
    response = client.get(f"/templates/{partnering.SLUG}/")

    assert response.status_code == 200
    assert missing_units("suffolk-partnering-agreement-2005.txt", main_text(response.text)) == []


def test_units_cover_the_whole_seed():
    """The comparison is not vacuous: the units carry the seeds' words, and a unit changed by a
    single word is not found."""
    isf_units = seed_units("isf-partnership-agreement-working-draft-2019.txt")
    suffolk_units = seed_units("suffolk-partnering-agreement-2005.txt")

    assert "Help Identify any current obstacles" in isf_units
    assert "Recognise the person needing support as an independent adult." in isf_units
    assert "Name: Daphney Savage" in suffolk_units
    assert "Age Concern YPWD" in suffolk_units
    assert len(isf_units) > 60
    assert len(suffolk_units) > 250


@pytest.mark.django_db
def test_a_paraphrased_prompt_is_caught(seeded_site, client):
    from agreements.models import TemplatePage

    page = TemplatePage.objects.get(slug=isf.SLUG)
    area = page.body[1].value
    area["party_prompts"][0]["prompts"][0] = "Help find the outcomes"
    page.save_revision().publish()

    response = client.get(f"/templates/{isf.SLUG}/")

    assert missing_units(
        "isf-partnership-agreement-working-draft-2019.txt", main_text(response.text)
    ) == ["Help identify the outcomes"]

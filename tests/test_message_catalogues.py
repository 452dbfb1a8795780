"""The interface's message catalogues: one per configured language, complete, and marked as
draft translations that need review by a fluent speaker (see locale/README.md)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
DRAFT = "Draft translation, needs review by a fluent speaker"
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code: str) -> polib.POFile:
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no message catalogue for {code}: {path}"
    return polib.pofile(str(path))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_catalogue_says_it_is_a_draft_that_needs_review_by_a_fluent_speaker(code):
    po = catalogue(code)

    assert DRAFT.upper() in po.header.upper()
    assert DRAFT in po.metadata["Last-Translator"]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_interface_string_is_translated_and_switched_on(code):
    po = catalogue(code)

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []  # a fuzzy entry is never shown

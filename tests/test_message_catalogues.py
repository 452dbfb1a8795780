"""The interface's message catalogues: one per configured language, up to date with the source,
complete, and marked as draft translations that need review by a fluent speaker (see
locale/README.md)."""

import re
import shutil
import subprocess

import polib
import pytest

from home.catalogues import catalogue_path, needs_translation, other_languages, source_strings

DRAFT = "Draft translation, needs review by a fluent speaker"
OTHER_LANGUAGES = other_languages()
# A tag with its attributes, as the interface writes them inside a translated string.
TAG = re.compile(r"</?[a-z][^>]*>")
# What a reader of Urdu sees: the translation without placeholders, tags, ellipses, section
# numbers (2.1), pronoun markers ({their}, {want|wants}) and quoted examples of what to type
# (a list starts "1. " in every language).
# Placeholders, pronoun markers, blank markers ([[key]]), tags, quoted words: kept as written.
NOT_READ = re.compile(
    r"%\(\w+\)[sd]|\{[\w|]*\}|\[\[[\w-]+\]\]|<[^>]+>|“[^”]*”|'[a-z]+'|\.\.\.|\d+(\.\d+)+"
)
# Latin-script words an Urdu page keeps: names of formats and of a paper size.
LATIN_IN_URDU = {"DOCX", "PDF", "A4"}


def catalogue(code: str) -> polib.POFile:
    path = catalogue_path(code)
    assert path.exists(), f"no message catalogue for {code}: {path}"
    return polib.pofile(str(path))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.fixture(scope="module")
def source():
    return source_strings()


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_catalogue_says_it_is_a_draft_that_needs_review_by_a_fluent_speaker(code):
    po = catalogue(code)

    assert DRAFT.upper() in po.header.upper()
    assert DRAFT in po.metadata["Last-Translator"]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_interface_string_is_translated_and_switched_on(code):
    po = catalogue(code)

    assert [entry.msgid for entry in needs_translation(po)] == []  # a fuzzy entry is never shown


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_catalogue_has_every_interface_string_of_the_source_and_no_other(code, source):
    in_source = {(entry.msgctxt, entry.msgid) for entry in source}
    in_catalogue = {(entry.msgctxt, entry.msgid) for entry in catalogue(code) if not entry.obsolete}

    missing = sorted(msgid for _context, msgid in in_source - in_catalogue)
    left_over = sorted(msgid for _context, msgid in in_catalogue - in_source)
    assert missing == [], "run scripts/update-catalogues and translate the new strings"
    assert left_over == [], "run scripts/update-catalogues: these strings are gone from the source"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_translation_has_the_placeholders_of_its_source_string(code):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is missing: run make install"

    result = subprocess.run(  # noqa: S603 (a fixed command on the project's own file)
        [msgfmt, "--check", "--output-file=/dev/null", str(catalogue_path(code))],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_translation_keeps_the_markup_of_its_source_string(code):
    wrong = [
        (entry.msgid, text)
        for entry in catalogue(code)
        for text in translations(entry)
        if text and sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid))
    ]

    assert wrong == []


def test_urdu_sentences_end_with_the_urdu_full_stop():
    # A Latin full stop is a neutral character: on a right-to-left page next to a name or a
    # number written left to right it ends up at the wrong end of the line.
    wrong = [
        (entry.msgid, text)
        for entry in catalogue("ur")
        for text in translations(entry)
        if re.search(r"(?<!\.)\.[)\s]*$", entry.msgid) and not re.search(r"۔[)\s]*$", text)
    ]

    assert wrong == []


def test_urdu_translations_are_written_in_arabic_script():
    wrong = [
        (entry.msgid, text)
        for entry in catalogue("ur")
        for text in translations(entry)
        if set(re.findall(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*", NOT_READ.sub("", text)))
        - LATIN_IN_URDU
        or "." in NOT_READ.sub("", text)
    ]

    assert wrong == []

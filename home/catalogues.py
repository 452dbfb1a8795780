"""The interface's message catalogues (locale/*/LC_MESSAGES/django.po): how they are made from
the source, and which of their entries still need a translation. See locale/README.md.

One place for makemessages' options, so that scripts/update-catalogues and the test that the
catalogues are up to date (tests/test_message_catalogues.py) extract exactly the same strings.

Run it as ``scripts/update-catalogues``: it updates every non-English catalogue from the source,
then lists the entries that still need a translation and exits 1 if there are any.
"""

import os
import sys
import tempfile
from contextlib import chdir
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

MAKEMESSAGES_OPTIONS = {
    "ignore_patterns": [".venv", "node_modules", "*/tests/*", "tests"],
    "no_location": True,
    "no_obsolete": True,
}
# Not source: never searched for strings when the source is extracted into a temporary copy.
NOT_SOURCE = {".git", ".venv", "node_modules", "locale", "media", "staticfiles", "var"}


def locale_dir() -> Path:
    return Path(settings.BASE_DIR) / "locale"


def other_languages() -> list[str]:
    """The languages that have a catalogue: every configured one but the source's English."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue_path(code: str, base: Path | None = None) -> Path:
    return (base or locale_dir()) / code / "LC_MESSAGES" / "django.po"


def update_catalogues() -> None:
    """Add the source's new strings to every catalogue and drop the ones it no longer has."""
    with chdir(settings.BASE_DIR):
        call_command("makemessages", locale=other_languages(), verbosity=0, **MAKEMESSAGES_OPTIONS)


def source_strings() -> polib.POFile:
    """Every interface string in the source now, as a .pot template, without touching locale/.

    makemessages writes into the locale directory of the tree it runs in, so it runs in a
    temporary directory of symbolic links to the project's source, with an empty locale/.
    """
    base = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        for entry in base.iterdir():
            if entry.name not in NOT_SOURCE:
                (tree / entry.name).symlink_to(entry)
        (tree / "locale").mkdir()
        with chdir(tree), override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=[other_languages()[0]],
                keep_pot=True,
                symlinks=True,
                verbosity=0,
                **MAKEMESSAGES_OPTIONS,
            )
        return polib.pofile(str(tree / "locale" / "django.pot"))


def needs_translation(po: polib.POFile) -> list[polib.POEntry]:
    """Entries Django would not show: no translation yet, or marked fuzzy."""
    return po.untranslated_entries() + po.fuzzy_entries()


def main() -> int:
    update_catalogues()
    missing = 0
    for code in other_languages():
        path = catalogue_path(code)
        entries = needs_translation(polib.pofile(str(path)))
        missing += len(entries)
        print(f"{path.relative_to(settings.BASE_DIR)}: {len(entries)} to translate")
        for entry in entries:
            fuzzy = " (fuzzy)" if entry.fuzzy else ""
            print(f"    {entry.msgid!r}{fuzzy}")
    return 1 if missing else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")
    import django

    django.setup()
    sys.exit(main())

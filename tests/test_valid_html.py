"""Every public and practitioner page, and one page of each kind in every other language
(tests/pages.py, ``sampled_pages``), is valid HTML by the Nu Html Checker (npm's vnu-jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.browser.fixtures import require_tool
from tests.pages import all_pages, sampled_pages

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def nu_html_checker_errors(files: list[Path]) -> dict[str, list[dict]]:
    """Check all the files in one run of the checker (one JVM start); errors by file name."""
    java = shutil.which("java")
    require_tool(java is not None, "Java", "install Java 17 (`sudo apt-get install default-jre`)")
    require_tool(VNU_JAR.exists(), "The Nu Html Checker (vnu-jar)", "run `make install` (npm ci)")
    result = subprocess.run(  # noqa: S603 (our own file names, no shell)
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker reports on stderr, and exits 1 when it finds errors.
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors: dict[str, list[dict]] = {}
    for message in messages:
        errors.setdefault(Path(message.get("url", "")).name, []).append(message)
    return errors


def describe(errors: list[dict]) -> str:
    return "\n".join(
        f"  line {error.get('lastLine', '?')}: {error['message']}\n"
        f"    {error.get('extract', '').strip()!r}"
        for error in errors
    )


@pytest.mark.django_db
@pytest.mark.one_database
def test_every_page_is_valid_html(checked_site_in_every_language, practitioner, tmp_path):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(practitioner)
    files: dict[str, str] = {}
    for checked in sampled_pages(all_pages(practitioner)):
        response = (signed_in if checked.signed_in else anonymous).get(checked.path)
        assert response.status_code == checked.status, checked.path
        file = tmp_path / f"{checked.label}.html"
        file.write_bytes(response.content)
        files[file.name] = checked.path

    errors = nu_html_checker_errors(sorted(tmp_path.iterdir()))

    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(
        f"{files.get(name, name)}:\n{describe(found)}" for name, found in sorted(errors.items())
    )

"""The DOCX export is a real document: LibreOffice (Debian's, headless) opens it and finds the
content. Without LibreOffice the test skips, saying how to get it; with CI=true it fails."""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.tests.exporting import fill_areas
from tests.browser.fixtures import require_tool

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def as_text_by_libreoffice(content: bytes, folder: Path) -> str:
    """Convert a DOCX to plain text with LibreOffice headless, as UTF-8."""
    require_tool(
        SOFFICE is not None,
        "LibreOffice (soffice)",
        "install Debian's package with `sudo apt-get install libreoffice-writer-nogui` "
        "(`make test` does this when run as root)",
    )
    source = folder / "agreement.docx"
    source.write_bytes(content)
    # A profile of its own, so that a LibreOffice already running (another test run) is not used.
    profile = (folder / "profile").as_uri()
    result = subprocess.run(  # noqa: S603 a fixed program and arguments
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = folder / "agreement.txt"
    assert converted.exists(), (
        f"LibreOffice could not open the DOCX: {result.stdout}{result.stderr}"
    )
    return converted.read_text(encoding="utf-8-sig")


def _export(client, agreement) -> bytes:
    client.force_login(agreement.owner)
    response = client.get(reverse("agreements:docx", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return response.content


def test_libreoffice_opens_the_docx_and_finds_the_agreement(client, seeded_site, tmp_path):
    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(person_name="Sam Person", known_as="Sam"),
    )
    fill_areas(
        agreement,
        {
            0: {
                "this_means": "<p>Sam wants a home near the sea.</p><ul><li>Visit flats</li></ul>",
                "actions": [
                    {"who": "Provider", "what": "Arrange the visits", "by_when": "2026-12-01"}
                ],
            },
            1: {"relevant": False},
        },
    )

    text = as_text_by_libreoffice(_export(client, agreement), tmp_path)

    for expected in [
        "Individual Support Fund Partnership Agreement",
        "Sam Person",
        "1. Agreeing Outcomes",
        "2. Listening and communication",
        "Local Authority",
        "Work to get to know the person well",
        "For Sam this means:",
        "Sam wants a home near the sea.",
        "Visit flats",
        "Who",
        "Arrange the visits",
        "1 December 2026",
        "Signatures",
        "Suffolk County Council",
        "Good Support Ltd",
        "Signed: ____",
        "Name: ____",
        "Date: ____",
        f"Exported on {datetime.date.today().day}",
    ]:
        assert expected in text, expected
    assert "Resources" not in text


def test_libreoffice_finds_the_numbered_clauses_of_a_clause_template(client, seeded_site, tmp_path):
    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=partnering.SLUG)
    )

    text = as_text_by_libreoffice(_export(client, agreement), tmp_path)

    assert "1 Definitions" in text
    assert "2.1\tThe Ixworth project" in text
    assert "APPENDIX 1: " in text

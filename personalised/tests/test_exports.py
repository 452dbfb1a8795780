"""Exports of a personalised agreement: the print view and the Word document, through the views."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from agreements.blocks import PERSON_BLANK
from agreements.models import TemplatePage
from agreements.seed_content import isf, partnering
from personalised import audit
from personalised.exports.docx import WRITING_LINE
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import AgreementShare, PartyConsent, PartyMember, SharePermission
from personalised.tests.exporting import docx_text, fill_areas

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def isf_agreement(seeded_site):
    agreement = PersonalisedAgreementFactory(
        owner=PractitionerFactory(username="owner"),
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(person_name="Sam Person", known_as="Sam"),
    )
    return fill_areas(
        agreement,
        {
            0: {
                "this_means": (
                    "<p>Sam wants to <b>live near the sea</b>.</p>"
                    "<ul><li>Visit two flats</li><li>Meet the neighbours</li></ul>"
                ),
                "actions": [
                    {"who": "Provider", "what": "Arrange the visits", "by_when": "2026-12-01"},
                    {"who": "Jo Person", "what": "Come to the visits", "by_when": None},
                ],
            },
            1: {"relevant": False},
        },
    )


def _get(client, agreement, name, user=None):
    client.force_login(user or agreement.owner)
    return client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))


def _docx(client, agreement, user=None) -> Document:
    response = _get(client, agreement, "docx", user)
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


# The Word document -----------------------------------------------------------------------------


def test_docx_is_a_word_document_named_after_the_person_and_the_date(client, isf_agreement):
    response = _get(client, isf_agreement, "docx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"Sam-Person-Individual-Support-Fund-Partnership-Agreement-{TODAY.isoformat()}.docx"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{name}"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == name
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_docx_file_name_is_ascii_with_the_full_name_in_filename_star(client, isf_agreement):
    isf_agreement.person_name = 'Siôn Ap-Rhys / "Test"'
    isf_agreement.save()

    disposition = _get(client, isf_agreement, "docx")["Content-Disposition"]

    plain = disposition.split('filename="')[1].split('"')[0]
    assert plain.startswith("Sion-Ap-Rhys-Test-Individual-Support-Fund")
    assert plain.isascii()
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("Siôn-Ap-Rhys-Test-")


def test_docx_has_the_heading_the_parties_and_only_the_relevant_areas(client, isf_agreement):
    document = _docx(client, isf_agreement)

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title == "Individual Support Fund Partnership Agreement"
    # The second area (Resources) is not relevant: left out, and the rest renumbered.
    assert [heading for heading in headings if heading[:2] in {f"{n}." for n in range(9)}] == [
        "1. Agreeing Outcomes",
        "2. Listening and communication",
        "3. Learning together and making progress",
        "4. Home, and community",
        "5. Support",
        "6. Doing things together",
    ]
    assert "Resources" not in docx_text(_get(client, isf_agreement, "docx").content)
    parties = document.tables[0]
    assert [cell.text for cell in parties.rows[0].cells] == ["Person", "Sam Person"]
    assert [cell.text for cell in parties.rows[1].cells] == [
        "Local Authority",
        "Suffolk County Council",
    ]


def test_docx_gives_each_partys_prompts_as_a_table_with_the_name_filled_in(client, isf_agreement):
    document = _docx(client, isf_agreement)

    prompts = document.tables[1]
    assert [cell.text for cell in prompts.rows[0].cells] == [
        "Local Authority",
        "Provider",
        "Family & Person being supported",
    ]
    provider_prompts = [p.text for p in prompts.rows[1].cells[1].paragraphs]
    assert "Work to get to know the person well" in provider_prompts
    assert all(p.style.name == "List Bullet" for p in prompts.rows[1].cells[1].paragraphs)
    body = "\n".join(p.text for p in document.paragraphs)
    assert (
        "We will work together towards shared goals that we are all agreed are important " in body
    )
    text = docx_text(_get(client, isf_agreement, "docx").content)
    assert PERSON_BLANK not in text.replace(WRITING_LINE, "")


def test_docx_writes_this_means_as_paragraphs_and_lists_and_the_actions_as_a_table(
    client, isf_agreement
):
    document = _docx(client, isf_agreement)
    paragraphs = document.paragraphs
    label = next(i for i, p in enumerate(paragraphs) if p.text == "For Sam this means:")

    sentence, first, second = paragraphs[label + 1 : label + 4]
    assert sentence.text == "Sam wants to live near the sea."
    assert [run.text for run in sentence.runs if run.bold] == ["live near the sea"]
    assert (first.text, second.text) == ("Visit two flats", "Meet the neighbours")
    assert first.style.name == second.style.name == "List Bullet"
    actions = document.tables[2]
    assert [[cell.text for cell in row.cells] for row in actions.rows] == [
        ["Who", "What", "By when"],
        ["Provider", "Arrange the visits", "1 December 2026"],
        ["Jo Person", "Come to the visits", "—"],
    ]
    assert (
        actions.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )


def test_docx_ends_with_a_signature_block_for_each_party(client, isf_agreement):
    manager = PartyMember.objects.create(
        agreement=isf_agreement, party="provider", name="Kim Manager"
    )
    PartyConsent.objects.create(
        agreement=isf_agreement,
        party="provider",
        member=manager,
        agreed_by="Kim Manager",
        agreed_on=datetime.date(2026, 11, 20),
        revision=isf_agreement.latest_revision,
    )
    text = [p.text for p in _docx(client, isf_agreement).paragraphs]

    signatures = text[text.index("Signatures") :]
    for label, name in [
        ("Local Authority", "Suffolk County Council"),
        ("Provider", "Good Support Ltd"),
        ("Family & Person being supported", "Sam Person, Alex Person, Jo Person"),
    ]:
        start = signatures.index(label)
        assert signatures[start + 1] == name
        block = signatures[start : start + 6]
        for line in ("Signed:", "Name:", "Date:"):
            assert any(entry.startswith(f"{line} ____") for entry in block), (label, line)
    assert "Agreed on this site by Kim Manager on 20 November 2026." in signatures


def test_docx_of_a_clause_template_numbers_its_clauses_and_sub_clauses(client, seeded_site):
    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=partnering.SLUG)
    )
    document = _docx(client, agreement)

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["PARTNERING AGREEMENT", "1 Definitions", "2 Introduction"]
    assert any(heading.startswith("APPENDIX 1: ") for heading in headings)
    text = [p.text for p in document.paragraphs]
    assert any(line.startswith("1.1\tCommissioning Partners means ") for line in text)
    assert any(
        line.startswith("2.1\tThe Ixworth project is a supported housing scheme") for line in text
    )
    # Cross-references carry the computed number of the clause they point at.
    assert any("clause " in line and "(Termination)" in line for line in text)


def test_docx_export_is_in_the_audit_log(client, isf_agreement):
    _get(client, isf_agreement, "docx")

    entry = ModelLogEntry.objects.for_instance(isf_agreement).get(action=audit.EXPORT)
    assert entry.user == isf_agreement.owner
    assert entry.data == {"format": "docx"}


# The print view --------------------------------------------------------------------------------


def test_print_view_shows_the_relevant_areas_with_this_means_actions_and_signatures(
    client, isf_agreement
):
    response = _get(client, isf_agreement, "print")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "print.css" in html
    assert "Agreeing Outcomes" in html
    assert "Resources</h2>" not in html
    assert "For Sam this means:" in html
    assert "<p>Sam wants to <strong>live near the sea</strong>.</p>" in html
    assert "<li>Visit two flats</li>" in html
    assert "<td>Arrange the visits</td>" in html
    assert html.count('class="party-signature"') == 3
    assert html.count('class="writing-line"') == 9
    assert "Sam Person, Alex Person, Jo Person" in html
    entry = ModelLogEntry.objects.for_instance(isf_agreement).get(action=audit.EXPORT)
    assert entry.data == {"format": "print"}


def test_print_view_of_a_clause_template_prints_computed_clause_numbers(client, seeded_site):
    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=partnering.SLUG)
    )
    html = _get(client, agreement, "print").content.decode()

    assert '<span class="clause__number">1</span> Definitions' in html
    assert '<span class="sub-clause__number">2.1</span>' in html


def test_agreement_page_links_to_both_exports(client, isf_agreement):
    html = _get(client, isf_agreement, "detail").content.decode()

    assert reverse("agreements:print", kwargs={"uuid": isf_agreement.uuid}) in html
    assert reverse("agreements:docx", kwargs={"uuid": isf_agreement.uuid}) in html


# Who may export --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["print", "docx"])
def test_exports_are_for_those_who_may_read_the_agreement(client, isf_agreement, name):
    url = reverse(f"agreements:{name}", kwargs={"uuid": isf_agreement.uuid})
    assert client.get(url).status_code == 302  # anonymous: sign in first

    client.force_login(PractitionerFactory())
    assert client.get(url).status_code == 404

    viewer = PractitionerFactory()
    AgreementShare.objects.create(
        agreement=isf_agreement, user=viewer, permission=SharePermission.VIEW
    )
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert (
        not ModelLogEntry.objects.for_instance(isf_agreement)
        .filter(action=audit.EXPORT)
        .exclude(user=viewer)
        .exists()
    )


def test_a_name_with_no_latin_letters_still_gives_an_ascii_file_name(client, isf_agreement):
    isf_agreement.person_name = "سام"
    isf_agreement.title = "شراکت داری کا معاہدہ"
    isf_agreement.save()

    disposition = _get(client, isf_agreement, "docx")["Content-Disposition"]

    assert f'filename="agreement-{TODAY.isoformat()}.docx"' in disposition
    full = unquote(disposition.split("filename*=UTF-8''")[1])
    assert full == f"سام-شراکت-داری-کا-معاہدہ-{TODAY.isoformat()}.docx"

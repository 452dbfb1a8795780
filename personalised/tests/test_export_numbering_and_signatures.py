"""The print view and the DOCX follow the template: its own clause numbers and gaps, lists
that continue numbering, and its signatures in its own words. And agreements forked before
signatures took editors' words read exactly as before after the data migration."""

import importlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from docx import Document
from wagtail.models import Revision

from agreements.block_ids import with_block_ids
from agreements.blocks import AgreementBodyBlock, TemplateBodyBlock
from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.numbering import Numbering
from agreements.seed_content import partnering
from agreements.tests.test_signatures import DIRECT_PAYMENT_PARTIES, direct_payment_body
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import PersonalisedAgreement

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).resolve().parent.parent.parent / "agreements/tests/suffolk_before_issue_12"


def _get(client, agreement, name):
    client.force_login(agreement.owner)
    return client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))


def _docx_lines(client, agreement) -> list[str]:
    response = _get(client, agreement, "docx")
    assert response.status_code == 200
    return [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]


@pytest.fixture
def suffolk_agreement(seeded_site):
    return PersonalisedAgreementFactory(template=TemplatePage.objects.get(slug=partnering.SLUG))


@pytest.fixture
def direct_payment_agreement(db):
    template = published_template(
        slug="direct-payment",
        body=with_block_ids("direct-payment", TemplateBodyBlock(), direct_payment_body()),
        parties=DIRECT_PAYMENT_PARTIES,
    )
    details = PersonDetailsFactory(
        parties={"council": ["Anytown Council"], "appointed-person": ["Jo Bloggs"]}
    )
    return PersonalisedAgreementFactory(template=template, details=details)


def test_docx_keeps_the_suffolk_numbers_the_gap_and_the_signatures_words(client, suffolk_agreement):
    lines = _docx_lines(client, suffolk_agreement)

    assert "8 Termination of the Partnering Agreement" in lines
    assert any("clause 8 (Termination)." in line for line in lines)
    assert "12 Operational Conduct" in lines
    assert "13 Aims and Objectives" in lines
    gap = lines.index("Clause 17 is not in this document.")
    assert lines[gap + 1] == "18 Signatories"
    assert lines[gap + 2] == "18.1\tSigned on behalf of Suffolk Supporting People:"
    assert f"{'_' * 32} (Duly Authorised Signatory)" in lines
    assert "18.8\tSigned on behalf of Age Concern:" in lines


def test_print_view_keeps_the_suffolk_numbers_and_the_gap(client, suffolk_agreement):
    html = _get(client, suffolk_agreement, "print").content.decode()

    assert '<p class="clause-gap">Clause 17 is not in this document.</p>' in html
    assert '<span class="clause__number">18</span> Signatories' in html
    assert '<span class="sub-clause__number">18.8</span>' in html
    assert "(Duly Authorised Signatory)" in html


def test_docx_of_a_direct_payment_agreement(client, direct_payment_agreement):
    lines = _docx_lines(client, direct_payment_agreement)

    assert "1. Person duty 1" in lines
    assert "7. Appointed duty 7" in lines
    assert "9. Appointed duty 9" in lines
    # Signatures not numbered as a clause, in the template's words.
    assert "Signatures" in lines
    assert "Signed for and on behalf of Anytown Council:" in lines
    assert f"{'_' * 32} (Authorised officer)" in lines
    assert "Signed by Jo Bloggs:" in lines
    assert "Designation: Appointed person" in lines
    assert not any("on behalf of Jo Bloggs" in line for line in lines)
    assert not any("Duly Authorised" in line for line in lines)


def test_print_view_of_a_direct_payment_agreement(client, direct_payment_agreement):
    html = _get(client, direct_payment_agreement, "print").content.decode()

    assert '<ol class="clause-list" start="7">' in html
    assert "<p>Signed by Jo Bloggs:</p>" in html
    assert "<p>Signed for and on behalf of Anytown Council:</p>" in html
    assert "Signatures</h2>" in html


# The data migration of personalised agreements --------------------------------------------------

_BODY = Template(
    "{% load wagtailcore_tags %}"
    "{% for block in body %}{% include_block block with block_id=block.id %}{% endfor %}"
)


def _stored_body(agreement) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body FROM agreements_personalisedagreement WHERE id = %s", [agreement.pk]
        )
        return json.loads(cursor.fetchone()[0])


@pytest.mark.parametrize("language", ["en-gb", "pl", "ur"])
def test_an_agreement_forked_before_reads_exactly_as_before_after_the_migration(
    direct_payment_agreement, language
):
    """An agreement forked from the Suffolk template as it was keeps its structure and numbers
    (17 Signatories), and its signatures their words, in its own language, byte for byte."""
    agreement = direct_payment_agreement
    old = json.loads((BEFORE / "body.json").read_text(encoding="utf-8"))
    PersonalisedAgreement.objects.filter(pk=agreement.pk).update(
        body=json.dumps(old), language=language
    )
    revision = agreement.get_latest_revision()
    revision.content["body"] = json.dumps(old)
    revision.save(update_fields=["content"])

    importlib.import_module("personalised.migrations.0007_signatory_words").upgrade(apps, None)

    body = _stored_body(agreement)
    signatory = body[-2]["value"]["signatories"][0]["value"]
    assert signatory["note"] != ""
    assert json.loads(Revision.objects.get(pk=revision.pk).content["body"]) == body
    value = AgreementBodyBlock().to_python(body)
    with translation.override(language):
        html = _BODY.render(
            Context({"body": value, "numbering": Numbering(value), "agreement": None})
        )
    assert html == (BEFORE / f"body-{language}.html").read_text(encoding="utf-8")

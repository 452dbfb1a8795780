"""On the Urdu interface (right to left), names typed in the left-to-right Latin script are
isolated with <bdi>, so that the Urdu words and punctuation around them stay in their places."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from agreements.agreeing import record_agreements
from agreements.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from agreements.models.personalised import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    agreement = PersonalisedAgreementFactory(
        details=PersonDetailsFactory(person_name="Sam Jones", known_as="Sam")
    )
    return record_agreements(
        agreement,
        agreement.latest_revision_id,
        agreement.owner,
        [(Party.PROVIDER, "Ann Smith", datetime.date(2026, 11, 2))],
    )


def urdu_page(client, agreement, view: str) -> BeautifulSoup:
    client.force_login(agreement.owner)
    with translation.override("ur"):
        url = reverse(f"agreements:{view}", args=[agreement.uuid])
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["dir"] == "rtl"
    return page


def isolated(page: BeautifulSoup) -> list[str]:
    return [bdi.get_text() for bdi in page.find_all("bdi")]


def test_urdu_agreement_page_isolates_the_persons_name_and_who_agreed(client, agreement):
    page = urdu_page(client, agreement, "detail")

    assert page.select_one(".document-header__person bdi").get_text() == "Sam"
    assert "Ann Smith" in isolated(page.select_one(".agreement-status"))


def test_urdu_record_agreement_page_isolates_the_persons_name_and_who_agreed(client, agreement):
    page = urdu_page(client, agreement, "agree")

    assert page.select_one(".back-link bdi").get_text() == "Sam"
    assert "Ann Smith" in isolated(page)


@pytest.mark.parametrize("view", ["edit_details", "history", "audit_log", "sharing", "updates"])
def test_urdu_agreement_tool_pages_isolate_the_persons_name(client, agreement, view):
    page = urdu_page(client, agreement, "share" if view == "sharing" else view)

    assert "Sam" in isolated(page)


def test_the_page_title_names_the_person_without_markup(client, agreement):
    page = urdu_page(client, agreement, "history")

    assert "Sam" in page.title.get_text()
    assert "<bdi>" not in page.title.get_text()

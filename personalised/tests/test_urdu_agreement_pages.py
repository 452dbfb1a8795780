"""On the Urdu interface (right to left), names typed in the left-to-right Latin script are
isolated with <bdi>, so that the Urdu words and punctuation around them stay in their places."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from accounts.factories import PractitionerFactory
from personalised.consent.services import record_consents
from personalised.deleting import services as deletion
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.sharing import services as sharing

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    agreement = PersonalisedAgreementFactory(
        details=PersonDetailsFactory(person_name="Sam Jones", known_as="Sam")
    )
    return record_consents(
        agreement,
        agreement.latest_revision_id,
        agreement.owner,
        [("provider", "Ann Smith", datetime.date(2026, 11, 2))],
    )


COLLEAGUE = "Kim <b>Lee</b> & Co"  # escaped once: neither markup nor "&amp;" on the page


@pytest.fixture
def colleague():
    return PractitionerFactory(first_name="Kim", last_name="<b>Lee</b> & Co")


def urdu_page(client, agreement, view: str, args: list | None = None) -> BeautifulSoup:
    client.force_login(agreement.owner)
    with translation.override("ur"):
        url = reverse(f"agreements:{view}", args=[agreement.uuid] if args is None else args)
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


@pytest.mark.parametrize(
    "view", ["edit_details", "history", "compare", "audit_log", "sharing", "updates"]
)
def test_urdu_agreement_tool_pages_isolate_the_persons_name(client, agreement, view):
    page = urdu_page(client, agreement, "share" if view == "sharing" else view)

    assert "Sam" in isolated(page)


def test_urdu_revision_page_isolates_the_persons_name(client, agreement):
    page = urdu_page(client, agreement, "revision", [agreement.uuid, agreement.latest_revision_id])

    assert page.select_one(".document-header__person bdi").get_text() == "Sam"


def test_urdu_sharing_page_isolates_the_practitioner_in_its_hidden_labels(
    client, agreement, colleague
):
    sharing.share(agreement, colleague, "view", by=agreement.owner)

    page = urdu_page(client, agreement, "share")

    hidden = page.select("form .visually-hidden")
    assert len(hidden) == 3
    assert [isolated(label) for label in hidden] == [[COLLEAGUE]] * 3


def test_urdu_audit_log_isolates_the_practitioner_an_agreement_was_shared_with(
    client, agreement, colleague
):
    sharing.share(agreement, colleague, "edit", by=agreement.owner)

    page = urdu_page(client, agreement, "audit_log")

    details = [row.find_all("td")[2] for row in page.select("tbody tr")]
    assert [COLLEAGUE] in [isolated(detail) for detail in details]


def test_urdu_deleted_agreements_list_isolates_the_persons_name(client, agreement):
    deletion.soft_delete(agreement, agreement.owner)

    page = urdu_page(client, agreement, "deleted", [])

    link = page.select_one(f"a[href$='/{agreement.uuid}/restore/']")
    assert isolated(link) == ["Sam Jones"]


def test_urdu_restore_page_isolates_the_persons_name_and_the_people_it_was_shared_with(
    client, agreement, colleague
):
    sharing.share(agreement, colleague, "edit", by=agreement.owner)
    deletion.soft_delete(agreement, agreement.owner)

    page = urdu_page(client, agreement, "restore")

    assert isolated(page.h1) == ["Sam"]
    assert isolated(page.select_one(".lead")) == ["Sam Jones"]
    assert isolated(page.select_one("form ul")) == [COLLEAGUE]


def test_the_page_title_names_the_person_without_markup(client, agreement):
    page = urdu_page(client, agreement, "history")

    assert "Sam" in page.title.get_text()
    assert "<bdi>" not in page.title.get_text()

"""The practitioner invites people from the people page and sees, per person, where their
invitation stands: sent, not delivered (and why), opened, cancelled; and resends or cancels it.
A letter shows its code once, in the member's language."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.factories import PractitionerFactory
from personalised.invitations.tokens import normalise_code, token_hash
from personalised.models import InvitationChannel, SharePermission
from personalised.tests.hostile import NAME_PAYLOADS, executable_parts
from personalised.tests.inviting import add_member, link_in, signed_in_invitee
from personalised.tests.records_helpers import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _people(browser: Client, agreement) -> BeautifulSoup:
    response = browser.get(reverse("agreements:people", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _row(page: BeautifulSoup, name: str):
    heading = page.find(lambda tag: tag.name == "h3" and name in tag.get_text())
    return heading.find_parent("li")


def _press(browser: Client, row, label: str):
    button = row.find(lambda tag: tag.name == "button" and tag.get_text(" ").startswith(label))
    assert button is not None, f"no {label!r} button"
    return browser.post(button.find_parent("form")["action"])


def test_inviting_by_email_from_the_people_page_sends_it_and_shows_it_was_opened(
    signed_in, agreement, member, django_capture_on_commit_callbacks
):
    row = _row(_people(signed_in, agreement), "Mo Mother")
    assert "Not invited yet." in row.get_text()

    with django_capture_on_commit_callbacks(execute=True):
        response = _press(signed_in, row, "Invite by email")

    assert response.status_code == 302
    (sent,) = mail.outbox
    page = _people(signed_in, agreement)
    assert "An invitation is on its way to Mo Mother" in page.get_text()
    assert "not opened yet" in _row(page, "Mo Mother").get_text()

    # A mail scanner (or a preview) fetching the link is not her opening it.
    Client(REMOTE_ADDR="192.0.2.50").get(link_in(sent), follow=True)
    assert "not opened yet" in _row(_people(signed_in, agreement), "Mo Mother").get_text()

    signed_in_invitee(link_in(sent))

    text = _row(_people(signed_in, agreement), "Mo Mother").get_text(" ")
    assert "opened the agreement with it" in text


def test_a_failed_email_shows_as_not_delivered_and_a_new_link_can_be_sent(
    signed_in, agreement, member, settings, flaky_relay, django_capture_on_commit_callbacks
):
    settings.TASKS_EMAIL_RETRY_DELAYS = [0]
    flaky_relay.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        _press(signed_in, _row(_people(signed_in, agreement), "Mo Mother"), "Invite by email")
    row = _row(_people(signed_in, agreement), "Mo Mother")
    assert "Invitation email not delivered" in row.get_text()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        _press(signed_in, row, "Send a new link")

    (sent,) = mail.outbox
    assert "not opened yet" in _row(_people(signed_in, agreement), "Mo Mother").get_text()
    signed_in_invitee(link_in(sent))


def test_cancelling_an_invitation_ends_it_and_says_so(
    signed_in, agreement, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _press(signed_in, _row(_people(signed_in, agreement), "Mo Mother"), "Invite by email")
    (sent,) = mail.outbox

    _press(signed_in, _row(_people(signed_in, agreement), "Mo Mother"), "Cancel")

    page = _people(signed_in, agreement)
    assert "Mo Mother’s invitation no longer works" in page.get_text()
    assert "was cancelled on" in _row(page, "Mo Mother").get_text()
    assert Client().get(link_in(sent)).status_code == 410


def test_a_letter_shows_the_code_once_in_the_members_language_and_the_code_opens_it(
    signed_in, agreement
):
    add_member(agreement, "Mair", email="", language="cy")
    row = _row(_people(signed_in, agreement), "Mair")
    assert not row.find(lambda tag: tag.name == "button" and "Invite by email" in tag.get_text())

    response = _press(signed_in, row, "Print an invitation letter")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    letter = BeautifulSoup(response.content, "html.parser")
    assert letter.html["lang"] == "cy"
    assert letter.find(class_="invitation-letter__link").get_text() == (
        "http://testserver/cy/invitation/"
    )
    code = letter.find(class_="invitation-letter__code").get_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    invitation = agreement.members.get(name="Mair").invitations.get()
    assert invitation.channel == InvitationChannel.LETTER
    assert invitation.token_hash == token_hash(normalise_code(code))
    # Not shown again: the people page says a letter was printed, without its code.
    again = _people(signed_in, agreement)
    assert "Letter printed on" in _row(again, "Mair").get_text()
    assert code not in str(again)
    opened = Client().post(reverse("invited:code"), {"code": code})
    assert opened.status_code == 303


def test_someone_who_may_only_read_it_sees_the_status_but_no_buttons(
    agreement, member, practitioner, django_capture_on_commit_callbacks
):
    reader = PractitionerFactory(username="reader")
    share(agreement, reader, SharePermission.VIEW)
    owner = Client()
    owner.force_login(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        _press(owner, _row(_people(owner, agreement), "Mo Mother"), "Invite by email")
    browser = Client()
    browser.force_login(reader)

    row = _row(_people(browser, agreement), "Mo Mother")

    assert "not opened yet" in row.get_text()
    assert row.find("button") is None


@pytest.mark.parametrize("payload", NAME_PAYLOADS[::4])
def test_hostile_names_are_only_text_in_the_invitation_and_its_status(
    signed_in, agreement, payload, django_capture_on_commit_callbacks
):
    add_member(agreement, payload, email="hostile@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _press(signed_in, _row(_people(signed_in, agreement), payload), "Invite by email")
    letter = _press(signed_in, _row(_people(signed_in, agreement), payload), "Print an invitation")

    (sent,) = mail.outbox
    assert f"Hello {payload}," in sent.body
    page = signed_in.get(reverse("agreements:people", kwargs={"uuid": agreement.uuid}))
    assert executable_parts(page.text) == []
    assert executable_parts(letter.text) == []

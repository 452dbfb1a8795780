"""Helpers for the invitation tests: party members, their links, and signing a client in."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from personalised.invitations import services
from personalised.models import Invitation, PartyMember, PersonalisedAgreement

#: The invitation tests' person: a distinctive name, so a test can assert it never reaches an
#: email or a page it should not.
PERSON = "Sam Secretname"

LINK = re.compile(r"http://testserver(/\S*invitation/[^/\s]+/)")


def add_member(
    agreement: PersonalisedAgreement,
    name: str = "Mo Mother",
    *,
    party: str = "person",
    email: str = "mo@example.org",
    **fields,
) -> PartyMember:
    return PartyMember.objects.create(
        agreement=agreement, party=party, name=name, email=email, **fields
    )


def link_in(message: mail.EmailMessage) -> str:
    """The invitation link's path in an email."""
    found = LINK.search(message.body)
    assert found, "no invitation link in the email"
    return found.group(1)


def token_of(path: str) -> str:
    return urlsplit(path).path.rstrip("/").rsplit("/", 1)[-1]


def emailed_link(member: PartyMember, user, capture_on_commit) -> tuple[Invitation, str]:
    """Invite ``member`` by email (the task runs at once, as the commit would run it) and
    return the invitation and the link's path from the email sent."""
    sent_before = len(mail.outbox)
    with capture_on_commit(execute=True):
        invitation = services.invite_by_email(member, user)
    assert len(mail.outbox) == sent_before + 1, "the invitation email was not sent"
    invitation.refresh_from_db()
    return invitation, link_in(mail.outbox[-1])


def open_link(browser: Client, path: str) -> HttpResponse:
    """Follow the invitation link at ``path`` in ``browser`` and press "Open the agreement", as
    the person does; the answer to the press."""
    followed = browser.get(path)
    assert followed.status_code == 303, followed.status_code
    # In the link's language: /cy/invitation/... leads to /cy/invitation/open/.
    assert followed["Location"].endswith(reverse("invited:open")), followed["Location"]
    return browser.post(followed["Location"])


def signed_in_invitee(path: str) -> Client:
    """A fresh browser that has followed the invitation link at ``path`` and opened it."""
    browser = Client()
    response = open_link(browser, path)
    assert response.status_code == 303, response.status_code
    return browser


def invitee_page(member: PartyMember) -> str:
    """The invitee's agreement page, where a landing takes them."""
    return reverse("invited:agreement", kwargs={"member_uuid": member.uuid})


def follow_a_letter(browser: Client, member: PartyMember) -> None:
    """Sign ``browser`` in as ``member`` as a letter does: its code typed on the short link."""
    _invitation, code = services.print_letter(member, member.agreement.owner)
    response = browser.post(reverse("invited:code"), {"code": code})
    assert response.status_code == 303, response.status_code

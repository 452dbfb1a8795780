"""Following an invitation link or typing a letter's code: a usable one signs that browser in to
its member's agreement, once, and leaves the token behind (a link when the person presses "Open
the agreement", so a mail scanner opening it first uses nothing); expired, revoked, reused and
forged ones get a clear page and no access; too many tries are refused."""

import logging
import secrets
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from personalised import audit
from personalised.factories import PersonalisedAgreementFactory
from personalised.invitations import services
from personalised.invitations.tokens import format_code
from personalised.tests.inviting import (
    add_member,
    emailed_link,
    invitee_page,
    open_link,
    signed_in_invitee,
    token_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(member, practitioner, django_capture_on_commit_callbacks):
    return emailed_link(member, practitioner, django_capture_on_commit_callbacks)[1]


def _no_access(browser: Client, member) -> None:
    assert browser.get(invitee_page(member)).status_code == 404


def test_a_link_leads_at_once_to_an_address_without_the_token_and_uses_nothing(
    client, member, link
):
    response = client.get(link)

    assert response.status_code == 303
    assert response["Location"] == reverse("invited:open")
    assert token_of(link) not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Open the agreement" in page.text
    # Its form is posted to the site itself, so it may send the site its own address.
    assert page["Referrer-Policy"] == "same-origin"
    assert "Mo Mother" not in page.text
    assert member.invitations.get().used_at is None
    _no_access(client, member)


def test_opening_the_agreement_signs_the_browser_in_and_uses_the_invitation(client, member, link):
    response = open_link(client, link)

    assert response.status_code == 303
    assert response["Location"] == invitee_page(member)
    assert client.get(response["Location"]).status_code == 200
    assert member.invitations.get().used_at is not None
    # Pressing it again (back, then the button) takes them to their agreement, not a refusal.
    again = client.post(reverse("invited:open"))
    assert again.status_code == 303
    assert again["Location"] == invitee_page(member)


def test_a_mail_scanner_opening_the_link_first_leaves_it_for_the_person(member, link):
    scanner = Client(REMOTE_ADDR="192.0.2.50")

    scanned = scanner.get(link, follow=True)

    assert scanned.status_code == 200
    assert member.invitations.get().used_at is None
    _no_access(scanner, member)
    person = signed_in_invitee(link)
    assert person.get(invitee_page(member)).status_code == 200
    _no_access(scanner, member)


def test_open_without_a_followed_link_opens_nothing(client, member, link):
    shown = client.get(reverse("invited:open"))
    pressed = client.post(reverse("invited:open"))

    assert shown.status_code == 404
    assert "This invitation does not work" in shown.text
    assert pressed.status_code == 404
    assert member.invitations.get().used_at is None
    _no_access(client, member)


def test_a_link_cancelled_after_it_was_followed_is_refused_at_the_button(
    client, member, link, practitioner
):
    assert client.get(link).status_code == 303
    services.revoke(member.invitations.get(), practitioner)

    pressed = client.post(reverse("invited:open"))

    assert pressed.status_code == 410
    assert "This invitation has been cancelled" in pressed.text
    _no_access(client, member)


def test_a_link_that_expired_while_its_page_was_open_is_refused_at_the_button(client, member, link):
    assert client.get(link).status_code == 303
    member.invitations.update(expires_at=timezone.now() - timedelta(minutes=1))

    pressed = client.post(reverse("invited:open"))

    assert pressed.status_code == 410
    assert "This invitation has expired" in pressed.text
    assert member.invitations.get().used_at is None
    _no_access(client, member)


def test_two_browsers_that_followed_one_link_cannot_both_open_it(member, link):
    first, second = Client(), Client(REMOTE_ADDR="192.0.2.8")
    first.get(link)
    second.get(link)

    opened = first.post(reverse("invited:open"))
    refused = second.post(reverse("invited:open"))

    assert opened.status_code == 303
    assert refused.status_code == 410
    assert "This invitation has already been used" in refused.text
    _no_access(second, member)


def test_following_a_link_is_in_the_audit_log_without_the_members_name(member, link):
    signed_in_invitee(link)

    entry = audit.entries_for(member.agreement).filter(action=audit.INVITATION_USED).get()
    assert entry.data["member"] == member.pk
    assert entry.user is None
    assert "Mo Mother" not in str(entry.data)


def test_a_link_used_once_refuses_another_browser_clearly(member, link):
    signed_in_invitee(link)
    someone_else = Client()

    response = someone_else.get(link)

    assert response.status_code == 410
    assert "This invitation has already been used" in response.text
    assert "ask Pat for a new link" in response.text
    assert response["Referrer-Policy"] == "no-referrer"
    _no_access(someone_else, member)


def test_the_browser_it_signed_in_may_follow_it_again(member, link):
    browser = signed_in_invitee(link)

    again = browser.get(link)

    assert again.status_code == 303
    assert again["Location"] == invitee_page(member)


def test_an_expired_link_is_refused_clearly(client, member, link):
    member.invitations.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(link)

    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert "Ask Pat for a new link" in response.text
    _no_access(client, member)
    assert member.invitations.get().used_at is None


def test_a_revoked_link_is_refused_clearly(client, member, link, practitioner):
    services.revoke(member.invitations.get(), practitioner)

    response = client.get(link)

    assert response.status_code == 410
    assert "This invitation has been cancelled" in response.text
    _no_access(client, member)


def test_revoking_a_used_invitation_signs_its_browser_out(member, link, practitioner):
    browser = signed_in_invitee(link)
    assert browser.get(invitee_page(member)).status_code == 200

    services.revoke(member.invitations.get(), practitioner)

    _no_access(browser, member)


def test_removing_the_member_ends_their_link(client, member, link):
    member.removed_at = timezone.now()
    member.save()

    response = client.get(link)

    assert response.status_code == 410
    _no_access(client, member)


@pytest.mark.parametrize(
    "token",
    [
        secrets.token_urlsafe(32),
        "x",
        "a" * 300,
        "ACDE-FGHJ-KMNP",
        "%00",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_a_forged_link_gets_a_clear_page_and_no_access(client, member, link, token):
    response = client.get(f"/invitation/{quote(token, safe='')}/")

    assert response.status_code == 404
    assert "This invitation does not work" in response.text
    assert "<img src=x" not in response.text
    assert reverse("invited:code") in response.text  # where to type a letter's code instead
    _no_access(client, member)
    assert member.invitations.get().used_at is None


def test_the_landing_is_rate_limited_per_address_and_a_refused_try_uses_nothing(
    client, member, link, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": {"count": 3, "seconds": 900}}
    for _attempt in range(3):
        client.get(reverse("invited:start", kwargs={"token": secrets.token_urlsafe(32)}))

    refused = client.get(link)

    assert refused.status_code == 429
    assert "Too many tries" in refused.text
    assert member.invitations.get().used_at is None
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert elsewhere.get(link).status_code == 303


def test_a_letters_code_typed_as_people_type_it_opens_the_agreement(client, member, practitioner):
    _invitation, code = services.print_letter(member, practitioner)
    typed = f" {format_code(code).lower().replace('-', ' ')} "

    form = client.get(reverse("invited:code"))
    response = client.post(reverse("invited:code"), {"code": typed})

    assert form.status_code == 200
    # Its address holds no token; its form must be posted with the site's own origin.
    assert form["Referrer-Policy"] == "same-origin"
    assert response.status_code == 303
    assert response["Location"] == invitee_page(member)
    assert client.get(response["Location"]).status_code == 200


def test_a_used_code_is_refused_at_the_field(member, practitioner):
    _invitation, code = services.print_letter(member, practitioner)
    Client().post(reverse("invited:code"), {"code": code})
    someone_else = Client()

    response = someone_else.post(reverse("invited:code"), {"code": code})

    assert response.status_code == 410
    assert "This code has already been used" in response.text
    assert 'aria-invalid="true"' in response.text
    _no_access(someone_else, member)


def test_a_wrong_code_is_refused_at_the_field_and_a_short_one_said_so(client, member):
    wrong = client.post(reverse("invited:code"), {"code": "ACDE-FGHJ-KMNP"})
    short = client.post(reverse("invited:code"), {"code": "ACDE"})
    hidden = client.post(reverse("invited:code"), {"code": "ACDE\x1bFGHJKMNP"})

    assert wrong.status_code == 404
    assert "This code does not match an invitation" in wrong.text
    assert short.status_code == 400
    assert "Type all 12 letters and numbers" in short.text
    assert hidden.status_code == 400
    assert "hidden character" in hidden.text
    _no_access(client, member)


def test_a_new_letter_cancels_the_last_unused_one(member, practitioner):
    _first, first_code = services.print_letter(member, practitioner)
    services.print_letter(member, practitioner)

    response = Client().post(reverse("invited:code"), {"code": first_code})

    assert response.status_code == 410
    assert "This code has been cancelled" in response.text


def test_an_invitation_opens_only_its_own_members_agreement(
    member, link, practitioner, django_capture_on_commit_callbacks
):
    other_agreement = PersonalisedAgreementFactory(owner=practitioner)
    other = add_member(other_agreement, "Oli Other", email="oli@example.org")
    emailed_link(other, practitioner, django_capture_on_commit_callbacks)

    browser = signed_in_invitee(link)

    assert browser.get(invitee_page(member)).status_code == 200
    _no_access(browser, other)


def test_no_log_holds_the_token(client, member, link, caplog):
    expired = PractitionerFactory(username="other-pat")
    forged = reverse("invited:start", kwargs={"token": secrets.token_urlsafe(32)})

    with caplog.at_level(logging.DEBUG):
        open_link(client, link)
        Client().get(link)  # 410, which Django logs with its path
        client.get(forged)  # 404, likewise
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {link} HTTP/1.1", "303", "0")
        logging.getLogger("gunicorn.access").info(
            '%(h)s "%(r)s" %(s)s', {"h": "192.0.2.1", "r": f"GET {link} HTTP/1.1", "s": "303"}
        )
    assert expired  # a second practitioner, so the log is not empty by accident

    logged = caplog.text
    assert "/invitation/[redacted]/" in logged
    assert token_of(link) not in logged
    assert token_of(forged) not in logged


def test_the_production_log_format_redacts_the_token_in_the_request_path(rf, link):
    from site.log_format import KeyValueFormatter

    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Gone", (), None)
    record.request = rf.get(link)

    line = KeyValueFormatter().format(record)

    assert 'path="/invitation/[redacted]/"' in line
    assert token_of(link) not in line


def test_an_error_report_carries_no_token(link):
    from personalised.invitations.log_redaction import redact_error_report

    event = {
        "request": {"url": f"https://example.org{link}", "query_string": ""},
        "transaction": link,
    }

    reported = redact_error_report(event, {})

    assert token_of(link) not in str(reported)
    assert reported["request"]["url"] == "https://example.org/invitation/[redacted]/"

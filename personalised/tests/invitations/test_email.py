"""The invitation email: sent by a task that makes the token, in the member's language, saying
nothing about the person's support; a failed delivery is tried again with a new token and, after
the last attempt, left on the invitation for the practitioner to see. The raw token is never in
the queue's stored arguments or the database."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from jobs.tests.backends import FlakyRelayBackend
from personalised import audit
from personalised.concurrency import save_change
from personalised.consent.services import record_member_consent
from personalised.invitations import services
from personalised.invitations.status import State, member_invitations
from personalised.invitations.tasks import send_invitation
from personalised.invitations.tokens import token_hash
from personalised.models import ConsentMethod, Invitation
from personalised.tests.invitee_helpers import member_of
from personalised.tests.inviting import (
    PERSON,
    add_member,
    emailed_link,
    link_in,
    signed_in_invitee,
    token_of,
)

pytestmark = pytest.mark.django_db


def test_the_email_says_who_invited_them_and_until_when_with_a_working_link(
    member, practitioner, django_capture_on_commit_callbacks
):
    invitation, link = emailed_link(member, practitioner, django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    assert sent.to == ["mo@example.org"]
    assert "Pat Practitioner invites you" in sent.subject
    assert "Hello Mo Mother," in sent.body
    assert invitation.expires_at.strftime("%-d %B %Y") in sent.body
    assert invitation.token_hash == token_hash(token_of(link))
    assert (invitation.send_attempts, invitation.send_error) == (1, "")
    assert invitation.sent_at is not None
    signed_in_invitee(link)


def test_the_email_says_nothing_about_the_person_or_their_support(
    member, practitioner, django_capture_on_commit_callbacks
):
    emailed_link(member, practitioner, django_capture_on_commit_callbacks)

    (sent,) = mail.outbox
    assert PERSON not in sent.subject + sent.body
    assert "Sam" not in sent.subject + sent.body


def test_the_email_is_in_the_members_language_and_so_is_its_link(
    agreement, practitioner, django_capture_on_commit_callbacks
):
    welsh = add_member(agreement, "Mair", email="mair@example.org", language="cy")

    _invitation, link = emailed_link(welsh, practitioner, django_capture_on_commit_callbacks)

    assert link.startswith("/cy/invitation/")
    welsh_browser = Client()
    assert welsh_browser.get(link)["Location"] == "/cy/invitation/open/"
    assert welsh_browser.post("/cy/invitation/open/").status_code == 303


def test_a_member_without_an_email_address_cannot_be_invited_by_email(agreement, practitioner):
    no_email = add_member(agreement, "Lee", email="")

    with pytest.raises(services.CannotInvite):
        services.invite_by_email(no_email, practitioner)
    assert not Invitation.objects.exists()


def test_inviting_is_audited_by_number(member, practitioner, django_capture_on_commit_callbacks):
    invitation, _link = emailed_link(member, practitioner, django_capture_on_commit_callbacks)

    entry = audit.entries_for(member.agreement).filter(action=audit.INVITE).get()
    assert entry.data == {"member": member.pk, "invitation": invitation.pk, "channel": "email"}
    assert entry.user == practitioner


def test_a_failed_delivery_is_tried_again_with_a_new_token_until_it_is_sent(
    member, practitioner, flaky_relay, django_capture_on_commit_callbacks
):
    flaky_relay.failures = 2

    invitation, link = emailed_link(member, practitioner, django_capture_on_commit_callbacks)

    assert flaky_relay.attempts == 3
    assert invitation.send_attempts == 3
    assert invitation.send_error == ""
    assert invitation.sent_at is not None
    assert invitation.token_hash == token_hash(token_of(link))
    assert member_invitations(member).shown[0].state == State.SENT


def test_after_the_last_failure_the_practitioner_sees_it_was_not_delivered_and_can_resend(
    member, practitioner, flaky_relay, django_capture_on_commit_callbacks
):
    flaky_relay.failures = 10
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_by_email(member, practitioner)

    invitation.refresh_from_db()
    assert flaky_relay.attempts == 3
    assert mail.outbox == []
    assert invitation.send_error == "SMTPServerDisconnected"
    assert invitation.sent_at is None
    # Never delivered, so no token of it works.
    assert invitation.token_hash is None
    (shown,) = member_invitations(member).shown
    assert shown.state == State.NOT_DELIVERED
    html = render_to_string(
        "personalised/invitations/member_actions.html",
        {"member": member, "agreement": member.agreement},
    )
    assert "Invitation email not delivered" in html
    assert "the mail server did not accept it (SMTPServerDisconnected)" in html
    assert "Resend it, or print a letter." in html

    flaky_relay.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        again = services.resend(invitation, practitioner)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    again.refresh_from_db()
    assert again.sent_at is not None
    (sent,) = mail.outbox
    signed_in_invitee(link_in(sent))


def test_a_refused_address_is_said_in_plain_words(member, practitioner, settings, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"mo@example.org": (550, b"No such user")})

    settings.TASKS_EMAIL_RETRY_DELAYS = []
    monkeypatch.setattr(FlakyRelayBackend, "send_messages", refuse)
    settings.TASKS_EMAIL_BACKEND = "jobs.tests.backends.FlakyRelayBackend"
    invitation = Invitation.objects.create(
        member=member, channel="email", expires_at=services.expiry(), created_by=practitioner
    )

    send_invitation.enqueue(invitation.pk)

    html = render_to_string(
        "personalised/invitations/member_actions.html",
        {"member": member, "agreement": member.agreement},
    )
    assert "the email address was refused" in html
    assert "mo@example.org" not in Invitation.objects.get().send_error


def test_an_invitation_revoked_before_its_task_runs_is_not_sent(member, practitioner):
    invitation = Invitation.objects.create(
        member=member, channel="email", expires_at=services.expiry(), created_by=practitioner
    )
    services.revoke(invitation, practitioner)

    send_invitation.enqueue(invitation.pk)

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert (invitation.token_hash, invitation.send_attempts) == (None, 0)


def test_the_token_is_in_no_task_argument_and_only_its_hash_is_in_the_database(
    member, practitioner, django_capture_on_commit_callbacks, monkeypatch
):
    from personalised.invitations import services as invitation_services

    enqueued = []
    real_enqueue = invitation_services.enqueue

    def spy(task, *args, **kwargs):
        enqueued.append((task, args, kwargs))
        return real_enqueue(task, *args, **kwargs)

    monkeypatch.setattr(invitation_services, "enqueue", spy)

    invitation, link = emailed_link(member, practitioner, django_capture_on_commit_callbacks)

    token = token_of(link)
    assert enqueued == [(send_invitation, (invitation.pk,), {})]
    dump = io.StringIO()
    call_command("dumpdata", exclude=["django_rq"], stdout=dump)
    assert token not in dump.getvalue()
    assert token_hash(token) in dump.getvalue()


def test_a_letter_stores_only_the_codes_hash(member, practitioner):
    invitation, code = services.print_letter(member, practitioner)

    dump = io.StringIO()
    call_command("dumpdata", exclude=["django_rq"], stdout=dump)
    assert code not in dump.getvalue()
    assert invitation.token_hash == token_hash(code)
    assert invitation.expires_at > timezone.now()


def test_a_change_after_agreeing_emails_each_who_agreed_what_changed_with_a_fresh_link(
    agreement, practitioner, django_capture_on_commit_callbacks
):
    # One of the people the party's names made (a member outside them would be removed on save).
    member = member_of(agreement, "Alex Person", email="mo@example.org")
    agreed = agreement.latest_revision_id
    for who in (member, agreement.members.get(is_the_person=True)):  # the person has no address
        record_member_consent(
            agreement, who, based_on=agreed, typed_name=who.name, method=ConsentMethod.BY_LINK
        )

    with django_capture_on_commit_callbacks(execute=True):
        save_change(
            agreement,
            agreed,
            practitioner,
            lambda changing: setattr(changing, "review_date", datetime.date(2027, 5, 1)),
        )

    (sent,) = mail.outbox
    assert sent.to == ["mo@example.org"]
    assert "has changed since you agreed to it" in sent.body
    assert "The review date changed." in sent.body
    assert PERSON not in sent.subject + sent.body
    invitation = member.invitations.get()
    assert invitation.created_by is None
    signed_in_invitee(link_in(sent))

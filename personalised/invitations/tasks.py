"""Sending an invitation by email, in a background task.

The task makes the invitation's token, so that the raw token is only ever in the email: not in
the request that invited, not in the queue's stored arguments (the invitation's id only), not
in the database (its hash only). It sends with the real backend (``TASKS_EMAIL_BACKEND``)
itself rather than through ``jobs.mail``, which would queue the message, token and all, a
second time. A failed attempt forgets its token (it was never delivered), records why on the
invitation for the practitioner to see, and is tried again ``TASKS_EMAIL_RETRY_DELAYS`` later
with a new token; after the last, the reason stays on the invitation: "Not delivered".
"""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from jobs.languages import supported
from jobs.mail import retry_delays
from jobs.queue import enqueue
from personalised.invitations.tokens import new_link_token, token_hash
from personalised.models import Invitation
from personalised.people.changes import what_changed

logger = logging.getLogger(__name__)

#: ``send_error`` when the member has no email address by the time the task runs.
NO_ADDRESS = "NoEmailAddress"


class InvitationNotSent(Exception):
    """The last attempt to send an invitation failed (the reason is on the invitation)."""


def attempts_allowed() -> int:
    return len(retry_delays()) + 1


def invitation_language(invitation: Invitation) -> str:
    """The member's language, else the agreement's, else the site's."""
    member = invitation.member
    return (
        supported(member.language) or supported(member.agreement.language) or settings.LANGUAGE_CODE
    )


def inviter_name(invitation: Invitation) -> str:
    """Who the invitee knows: the practitioner who invited them, else the agreement's owner."""
    user = invitation.created_by or invitation.member.agreement.owner
    return user.get_full_name() or user.get_username()


def invitation_email(
    invitation: Invitation, token: str, changed_since: int | None = None
) -> EmailMessage:
    """The email carrying ``token``, in the member's language. It says who invited them, to
    what kind of agreement and until when; nothing about the person's support. With
    ``changed_since`` (the revision they had agreed to), it says the agreement changed since,
    which parts (``what_changed``: the parts' names, not their words), and asks them to read
    it and agree again."""
    member = invitation.member
    agreement = member.agreement
    with translation.override(invitation_language(invitation)):
        path = reverse("invited:start", kwargs={"token": token})
        context = {
            "name": member.name,
            "inviter": inviter_name(invitation),
            "agreement_title": agreement.title,
            "url": urljoin(settings.WAGTAILADMIN_BASE_URL, path),
            "expires_at": invitation.expires_at,
        }
        kind = "invitation"
        if changed_since is not None:
            kind = "changed"
            context["changes"] = what_changed(
                agreement, changed_since, agreement.latest_revision_id
            )
        subject = render_to_string(f"personalised/invitations/email/{kind}_subject.txt", context)
        body = render_to_string(f"personalised/invitations/email/{kind}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [member.email])


def _still_to_send(invitation: Invitation) -> bool:
    member = invitation.member
    return (
        invitation.revoked_at is None
        and invitation.used_at is None
        and invitation.expires_at > timezone.now()
        and member.is_active
        and not member.agreement.is_deleted
    )


@task()
def send_invitation(invitation_id: int, attempt: int = 1, changed_since: int | None = None) -> int:
    """Make the invitation's token and email it; on failure, try again later with a new one,
    or give up after the last attempt, leaving the reason on the invitation. ``changed_since``:
    the revision the member had agreed to, when the agreement has changed since."""
    invitation = (
        Invitation.objects.select_related("member__agreement__owner", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not _still_to_send(invitation):
        return 0  # revoked, replaced or removed meanwhile: nothing to send
    invitations = Invitation.objects.filter(pk=invitation_id)
    if not invitation.member.email:
        invitations.update(send_attempts=F("send_attempts") + 1, send_error=NO_ADDRESS)
        logger.warning("Invitation %s not sent: the member has no email address", invitation_id)
        return 0
    token = new_link_token()
    invitations.update(token_hash=token_hash(token), send_attempts=F("send_attempts") + 1)
    message = invitation_email(invitation, token, changed_since)
    message.connection = get_connection(settings.TASKS_EMAIL_BACKEND, fail_silently=False)
    try:
        message.send()
    except Exception as error:
        # Never delivered, so nothing may open with it; the next attempt makes another.
        reason = type(error).__name__
        invitations.update(token_hash=None, send_error=reason[:255])
        return _after_failure(invitation_id, attempt, reason, changed_since)
    invitations.update(sent_at=timezone.now(), send_error="")
    return 1


def _after_failure(invitation_id: int, attempt: int, reason: str, changed_since: int | None) -> int:
    delays = retry_delays()
    described = {
        "invitation": invitation_id,
        "attempt": attempt,
        "attempts": len(delays) + 1,
        "error": reason,
    }
    if attempt <= len(delays):
        delay = delays[attempt - 1]
        logger.warning(
            "Invitation %(invitation)s not sent (attempt %(attempt)s of %(attempts)s): "
            "%(error)s; trying again in %(delay)s s",
            {**described, "delay": delay},
        )
        more = {"changed_since": changed_since} if changed_since is not None else {}
        enqueue(send_invitation, invitation_id, attempt + 1, delay=delay, **more)
        return 0
    logger.error(
        "Invitation %(invitation)s not sent after %(attempts)s attempts: %(error)s; giving up",
        described,
    )
    raise InvitationNotSent(f"gave up after {attempt} attempts")

"""Inviting party members to read, comment on and agree to their agreement.

By email: the invitation is made here and a task (``tasks.send_invitation``) makes its token and
sends it, so that the raw token is never in the request, the queue or the database. By letter:
the code is made here, its hash stored, and the code shown once on the printed letter.
Resending replaces an invitation with a new one; revoking ends it, and any session it started.
"""

from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobs.queue import enqueue
from personalised import audit
from personalised.invitations.tokens import new_letter_code, token_hash
from personalised.models import Invitation, InvitationChannel, PartyMember


class CannotInvite(ValueError):
    """The member cannot be invited this way (no email address, removed, agreement deleted)."""


def expiry(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=settings.INVITATION_DAYS)


def _check_invitable(member: PartyMember) -> None:
    if not member.is_active or member.agreement.is_deleted:
        raise CannotInvite("This person is no longer a party to this agreement.")


def invite_by_email(member: PartyMember, user, *, changed_since: int | None = None) -> Invitation:
    """Invite ``member`` by email: the invitation now, the email by a task once it is saved.
    ``changed_since``: the revision they had agreed to, when inviting them to agree again."""
    _check_invitable(member)
    if not member.email:
        raise CannotInvite("This person has no email address.")
    from personalised.invitations.tasks import send_invitation

    with transaction.atomic():
        invitation = Invitation.objects.create(
            member=member,
            channel=InvitationChannel.EMAIL,
            created_by=user,
            expires_at=expiry(),
        )
        _audit(invitation, audit.INVITE, user)
        # After the commit: a worker must find the invitation the task is about.
        more = {"changed_since": changed_since} if changed_since is not None else {}
        transaction.on_commit(partial(enqueue, send_invitation, invitation.pk, **more))
    return invitation


def print_letter(member: PartyMember, user) -> tuple[Invitation, str]:
    """A letter invitation for ``member`` and its code, to print now: it is not kept anywhere.
    A new letter replaces any earlier letter of theirs not yet used."""
    _check_invitable(member)
    code = new_letter_code()
    now = timezone.now()
    with transaction.atomic():
        for earlier in member.invitations.usable(now).filter(channel=InvitationChannel.LETTER):
            revoke(earlier, user)
        invitation = Invitation.objects.create(
            member=member,
            channel=InvitationChannel.LETTER,
            created_by=user,
            expires_at=expiry(now),
            token_hash=token_hash(code),
            sent_at=now,
        )
        _audit(invitation, audit.INVITE, user)
    return invitation, code


def resend(invitation: Invitation, user) -> Invitation:
    """A new email invitation in place of ``invitation``, which stops working (if it still
    would)."""
    with transaction.atomic():
        if invitation.revoked_at is None and invitation.used_at is None:
            revoke(invitation, user)
        return invite_by_email(invitation.member, user)


def revoke(invitation: Invitation, user) -> None:
    """The invitation stops working, and so does any session it started."""
    if invitation.revoked_at is not None:
        return
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _audit(invitation, audit.INVITE_REVOKE, user)


def _audit(invitation: Invitation, action: str, user) -> None:
    # Numbers only: the member's name and address stay out of the log.
    audit.record(
        invitation.member.agreement,
        action,
        user,
        member=invitation.member_id,
        invitation=invitation.pk,
        channel=invitation.channel,
    )

"""Where each party member's invitations stand, for the practitioner's people page."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from personalised.invitations.tasks import NO_ADDRESS, attempts_allowed
from personalised.models import Invitation, InvitationChannel, PartyMember


class State:
    SENDING = "sending"  # queued, not yet tried
    RETRYING = "retrying"  # an attempt failed; another is due
    NOT_DELIVERED = "not-delivered"  # the last attempt failed
    SENT = "sent"  # emailed, not yet opened
    PRINTED = "printed"  # a letter printed, not yet used
    OPENED = "opened"  # used to open the agreement: that device is signed in
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class InvitationState:
    invitation: Invitation
    state: str

    @property
    def is_email(self) -> bool:
        return self.invitation.channel == InvitationChannel.EMAIL

    @property
    def can_revoke(self) -> bool:
        return self.state not in (State.EXPIRED, State.REVOKED)

    @property
    def error_is_no_address(self) -> bool:
        return self.invitation.send_error == NO_ADDRESS


def state_of(invitation: Invitation, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if invitation.revoked_at is not None:
        return State.REVOKED
    if invitation.used_at is not None:
        return State.OPENED
    if invitation.expires_at <= now:
        return State.EXPIRED
    if invitation.channel == InvitationChannel.LETTER:
        return State.PRINTED
    if invitation.sent_at is not None:
        return State.SENT
    if invitation.send_error:
        if invitation.send_attempts >= attempts_allowed() or invitation.send_error == NO_ADDRESS:
            return State.NOT_DELIVERED
        return State.RETRYING
    return State.SENDING


@dataclass(frozen=True)
class MemberInvitations:
    member: PartyMember
    #: Invitations that still work or have signed a device in, newest first; if there are
    #: none, the newest invitation whatever its state (so a failure or an expiry shows).
    shown: list[InvitationState]
    opened_at: datetime | None

    @property
    def invited(self) -> bool:
        return bool(self.shown)

    @property
    def has_email(self) -> bool:
        """Whether an email invitation is shown (with its own "send a new link")."""
        return any(shown.is_email for shown in self.shown)


def member_invitations(member: PartyMember) -> MemberInvitations:
    now = timezone.now()
    states = [
        InvitationState(invitation, state_of(invitation, now))
        for invitation in member.invitations.order_by("-created_at", "-pk")
    ]
    live = [shown for shown in states if shown.state not in (State.EXPIRED, State.REVOKED)]
    opened = [shown.invitation.used_at for shown in states if shown.invitation.used_at]
    return MemberInvitations(
        member=member,
        shown=live or states[:1],
        opened_at=member.last_opened_at or (max(opened) if opened else None),
    )

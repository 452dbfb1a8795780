"""Following an invitation: what a link or a letter's code lets this browser do.

A usable invitation is used up (atomically: two browsers racing with one link cannot both get
in) and signs this browser in to its member's agreement. Anything else is refused, with the
reason the person can act on: the link does not work, has expired, was cancelled, or was used.

An email link is only checked when it is opened (``check``) and used when the person presses
"Open the agreement": mail scanners open every link in a message before the person does, and
must not use it up for them.
"""

from dataclasses import dataclass
from enum import Enum

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personalised import audit
from personalised.invitations.session import invitee_members, start_invitee_session
from personalised.models import Invitation, PartyMember


class Refusal(Enum):
    NOT_FOUND = "not-found"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED = "used"


#: The status each refusal answers with: an address that never was is not found; one that was
#: and is no more is gone.
STATUS = {Refusal.NOT_FOUND: 404, Refusal.EXPIRED: 410, Refusal.REVOKED: 410, Refusal.USED: 410}

HEADINGS = {
    Refusal.NOT_FOUND: _("This invitation does not work"),
    Refusal.EXPIRED: _("This invitation has expired"),
    Refusal.REVOKED: _("This invitation has been cancelled"),
    Refusal.USED: _("This invitation has already been used"),
}


@dataclass(frozen=True)
class Followed:
    """The outcome of following an invitation: the member it signed this browser in as, or
    why not, and who to ask for a new one."""

    member: PartyMember | None = None
    refusal: Refusal | None = None
    ask: str = ""  # the first name of the practitioner who can send a new one


def _ask(invitation: Invitation) -> str:
    user = invitation.created_by or invitation.member.agreement.owner
    return user.first_name or user.get_full_name() or user.get_username()


def _refused_or_in(request: HttpRequest, invitation: Invitation | None) -> Followed | None:
    """Why ``invitation`` cannot sign this browser in, or the member it already has signed
    in here; None when it may be used."""
    if invitation is None:
        return Followed(refusal=Refusal.NOT_FOUND)
    member = invitation.member
    ask = _ask(invitation)
    if invitation.revoked_at is not None or not member.is_active or member.agreement.is_deleted:
        return Followed(refusal=Refusal.REVOKED, ask=ask)
    if invitation.used_at is not None:
        # The same person following their link again, on the device it signed in: let them.
        if any(signed_in.pk == member.pk for signed_in in invitee_members(request)):
            return Followed(member=member)
        return Followed(refusal=Refusal.USED, ask=ask)
    if invitation.expires_at <= timezone.now():
        return Followed(refusal=Refusal.EXPIRED, ask=ask)
    return None


def check(request: HttpRequest, invitation: Invitation | None) -> Followed:
    """What following ``invitation`` would do, without using it up: neither a member nor a
    refusal when it may still be used."""
    return _refused_or_in(request, invitation) or Followed()


def follow(request: HttpRequest, invitation: Invitation | None) -> Followed:
    """Use ``invitation`` to sign this browser in, if it may still be used."""
    refused_or_in = _refused_or_in(request, invitation)
    if refused_or_in is not None:
        return refused_or_in
    member = invitation.member
    now = timezone.now()
    claimed = Invitation.objects.usable(now).filter(pk=invitation.pk).update(used_at=now)
    if not claimed:
        return Followed(refusal=Refusal.USED, ask=_ask(invitation))
    start_invitee_session(request, invitation)
    audit.record(
        member.agreement,
        audit.INVITATION_USED,
        None,
        member=member.pk,
        invitation=invitation.pk,
        channel=invitation.channel,
    )
    return Followed(member=member)

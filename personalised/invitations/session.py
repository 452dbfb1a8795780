"""The invitee's session: which invitations this browser has used, checked on every request.

An invitee is not a user account. Following an invitation puts the invitation's id in the
session; every invitee page then asks ``invitee_members`` who that makes them, so that revoking
the invitation, removing the member or deleting the agreement ends their access at once.
"""

from datetime import datetime, timedelta

from django.http import Http404, HttpRequest
from django.utils import timezone

from personalised.models import Invitation, PartyMember

SESSION_KEY = "invitee_invitations"
HELD_KEY = "invitee_held_invitation"
#: How long one use of an invitation keeps the browser signed in to the agreement.
SESSION_AGE = timedelta(days=14)


def start_invitee_session(request: HttpRequest, invitation: Invitation) -> None:
    """Sign this browser in to the invitation's agreement. The session key changes, so that a
    session id seen before the link was followed is worth nothing after."""
    request.session.cycle_key()
    used = [
        entry
        for entry in request.session.get(SESSION_KEY, [])
        if entry.get("invitation") != invitation.pk
    ]
    used.append({"invitation": invitation.pk, "started": timezone.now().isoformat()})
    request.session[SESSION_KEY] = used


def hold_invitation(request: HttpRequest, invitation: Invitation) -> None:
    """Keep a checked, unused email invitation for this browser to use with "Open the
    agreement": its id, never its token, so the token can leave the address at once."""
    request.session[HELD_KEY] = invitation.pk


def held_invitation(request: HttpRequest) -> Invitation | None:
    """The invitation this browser's link was checked for, whatever its state now."""
    invitation_id = request.session.get(HELD_KEY)
    if not isinstance(invitation_id, int):
        return None
    return Invitation.objects.select_related("member__agreement").filter(pk=invitation_id).first()


def release_invitation(request: HttpRequest) -> None:
    request.session.pop(HELD_KEY, None)


def _valid_invitation_ids(request: HttpRequest) -> list[int]:
    now = timezone.now()
    ids = []
    for entry in request.session.get(SESSION_KEY, []):
        try:
            started = datetime.fromisoformat(entry["started"])
            invitation_id = int(entry["invitation"])
        except (KeyError, TypeError, ValueError):
            continue
        if started + SESSION_AGE > now:
            ids.append(invitation_id)
    return ids


def invitee_members(request: HttpRequest) -> list[PartyMember]:
    """The party members this browser is signed in as, still entitled to their agreement."""
    ids = _valid_invitation_ids(request)
    if not ids:
        return []
    invitations = Invitation.objects.filter(
        pk__in=ids,
        revoked_at__isnull=True,
        member__removed_at__isnull=True,
        member__agreement__deleted_at__isnull=True,
    ).select_related("member__agreement")
    members = {invitation.member.pk: invitation.member for invitation in invitations}
    return list(members.values())


def get_member_or_404(request: HttpRequest, member_uuid) -> PartyMember:
    """The member at this address if this browser is signed in as them; else 404, so that an
    address does not confirm that anyone is invited."""
    for member in invitee_members(request):
        if str(member.uuid) == str(member_uuid):
            return member
    raise Http404


def end_invitee_session(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    release_invitation(request)
    request.session.cycle_key()

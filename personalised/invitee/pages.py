"""What every invitee page knows about who is reading it: the party members this browser is
signed in as (asked once per request), and the member whose page it is."""

from django.http import HttpRequest

from personalised.invitations.session import get_member_or_404, invitee_members
from personalised.models import PartyMember


def signed_in_members(request: HttpRequest) -> list[PartyMember]:
    """The members this browser is signed in as, worked out once per request."""
    if not hasattr(request, "_invitee_members"):
        request._invitee_members = invitee_members(request)
    return request._invitee_members


def member_for_page(request: HttpRequest, member_uuid) -> PartyMember:
    """The member whose page this is, if this browser is signed in as them (else 404). The
    header's navigation is theirs from here on."""
    member = get_member_or_404(request, member_uuid)
    request.invitee_member = member
    return member

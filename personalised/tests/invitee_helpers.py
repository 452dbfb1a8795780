"""Invited party members for tests: a member of an agreement, and a browser (test client or
Chromium) signed in as them the way following their invitation signs them in."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from personalised.invitations.session import SESSION_KEY
from personalised.invitations.tokens import new_link_token, token_hash
from personalised.models import Invitation, InvitationChannel, PartyMember, PersonalisedAgreement


def member_of(
    agreement: PersonalisedAgreement, name: str, party: str = "person", **fields
) -> PartyMember:
    """The agreement's member of that name in that party: the one its names made if there is
    one (people.members keeps them in step with the parties' names), else a new one."""
    member = agreement.members.active().filter(party=party, name=name).first()
    if member is None:
        member = PartyMember.objects.create(agreement=agreement, party=party, name=name)
    for attribute, value in fields.items():
        setattr(member, attribute, value)
    if fields:
        member.save()
    return member


def used_invitation(member: PartyMember) -> Invitation:
    """An invitation of the member's that has been followed (used once, as a link is)."""
    now = timezone.now()
    return Invitation.objects.create(
        member=member,
        channel=InvitationChannel.EMAIL,
        token_hash=token_hash(new_link_token()),
        expires_at=now + timedelta(days=14),
        sent_at=now,
        used_at=now,
    )


def sign_in_invitee(client: Client, member: PartyMember) -> Invitation:
    """Sign the test client in as the member, as following their invitation does
    (personalised.invitations.session.start_invitee_session); keeps any other member it is
    signed in as."""
    invitation = used_invitation(member)
    session = client.session
    entries = list(session.get(SESSION_KEY, []))
    entries.append({"invitation": invitation.pk, "started": timezone.now().isoformat()})
    session[SESSION_KEY] = entries
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return invitation


def invitee_cookie(member: PartyMember) -> tuple[str, str]:
    """The session cookie (name, value) of a browser signed in as the member."""
    client = Client()
    sign_in_invitee(client, member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return cookie.key, cookie.value

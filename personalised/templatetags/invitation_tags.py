"""Template helpers for the invitations part of the people page."""

from django import template

from personalised.invitations.status import MemberInvitations, member_invitations

register = template.Library()


@register.simple_tag
def invitations_of(member) -> MemberInvitations:
    """``{% invitations_of member as invitations %}``: where the member's invitations stand."""
    return member_invitations(member)


@register.filter
def send_error_reason(error: str) -> str:
    """Why an invitation email was not delivered, in words a practitioner can act on."""
    from django.utils.translation import gettext as _

    from personalised.invitations.tasks import NO_ADDRESS

    if error == NO_ADDRESS:
        return _("they have no email address")
    if error == "SMTPRecipientsRefused":
        return _("the email address was refused")
    return _("the mail server did not accept it (%(error)s)") % {"error": error}

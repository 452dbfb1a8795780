"""The practitioner's side of invitations, from the people page: invite a party member by
email, print them a letter with a code, resend an invitation, revoke one. Each needs the right
to change the agreement, answers POST only and goes back to the people page, except the letter,
which is shown (once: its code is not kept) to print."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from personalised.access import Access
from personalised.invitations import services
from personalised.invitations.tasks import invitation_language, inviter_name
from personalised.invitations.tokens import format_code
from personalised.models import Invitation, PartyMember, PersonalisedAgreement
from personalised.privacy import private
from personalised.records import get_active_agreement_or_404
from security import rate_limit

RATE_LIMIT = "send_invitation"


def _member(agreement: PersonalisedAgreement, member_uuid) -> PartyMember:
    member = agreement.members.active().filter(uuid=member_uuid).first()
    if member is None:
        raise Http404
    return member


def _invitation(agreement: PersonalisedAgreement, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("member__agreement")
        .filter(pk=invitation_id, member__agreement=agreement)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def _people_page(agreement: PersonalisedAgreement) -> HttpResponse:
    return redirect("agreements:people", uuid=agreement.uuid)


def _refused(request: HttpRequest, agreement: PersonalisedAgreement, message: str):
    messages.error(request, message)
    return _people_page(agreement)


def _too_many(request: HttpRequest, agreement: PersonalisedAgreement) -> HttpResponse:
    return _refused(
        request,
        agreement,
        _("You have sent a lot of invitations in the last hour. Wait a while, then try again."),
    )


def _no_email_address(request: HttpRequest, agreement, member) -> HttpResponse:
    """Inviting and resending both refuse the same way when there is no address to send to."""
    return _refused(
        request,
        agreement,
        _("%(name)s has no email address: add one, or print them a letter instead.")
        % {"name": member.name},
    )


def _send_by_email(
    request: HttpRequest, agreement, member, send: Callable[[], object], sent: str
) -> HttpResponse:
    """Inviting and resending: within the practitioner's rate limit, ``send`` queues the email,
    and the people page says ``sent``; a member with no address is refused at once."""
    if not rate_limit.allow(RATE_LIMIT, str(request.user.pk)):
        return _too_many(request, agreement)
    try:
        send()
    except services.CannotInvite:
        return _no_email_address(request, agreement, member)
    messages.success(request, sent)
    return _people_page(agreement)


@private
def invite(request: HttpRequest, uuid, member_uuid) -> HttpResponse:
    """Invite one member by email: sent in the background; the people page shows how it went."""
    agreement = get_active_agreement_or_404(request, uuid, Access.EDIT)
    member = _member(agreement, member_uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _send_by_email(
        request,
        agreement,
        member,
        lambda: services.invite_by_email(member, request.user),
        _("An invitation is on its way to %(name)s. This page shows when it has been sent.")
        % {"name": member.name},
    )


@private
def letter(request: HttpRequest, uuid, member_uuid) -> HttpResponse:
    """A one-page letter with the short link and a code, in the member's language: the code is
    shown only now, so the practitioner prints it from this page."""
    agreement = get_active_agreement_or_404(request, uuid, Access.EDIT)
    member = _member(agreement, member_uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not rate_limit.allow(RATE_LIMIT, str(request.user.pk)):
        return _too_many(request, agreement)
    invitation, code = services.print_letter(member, request.user)
    with translation.override(invitation_language(invitation)):
        code_path = reverse("invited:code")
        response = TemplateResponse(
            request,
            "personalised/invitations/letter.html",
            {
                "agreement": agreement,
                "member": member,
                "invitation": invitation,
                "code": format_code(code),
                "short_link": request.build_absolute_uri(code_path),
                "inviter": inviter_name(invitation),
                "people_url": reverse("agreements:people", kwargs={"uuid": agreement.uuid}),
            },
        )
        response.render()
    return response


@private
def resend(request: HttpRequest, uuid, invitation_id: int) -> HttpResponse:
    """A new email invitation in place of this one, which stops working."""
    agreement = get_active_agreement_or_404(request, uuid, Access.EDIT)
    invitation = _invitation(agreement, invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = invitation.member
    if not member.is_active:
        raise Http404
    return _send_by_email(
        request,
        agreement,
        member,
        lambda: services.resend(invitation, request.user),
        _("A new invitation is on its way to %(name)s; the earlier one no longer works.")
        % {"name": member.name},
    )


@private
def revoke(request: HttpRequest, uuid, invitation_id: int) -> HttpResponse:
    """The invitation stops working, and anyone signed in with it is signed out."""
    agreement = get_active_agreement_or_404(request, uuid, Access.EDIT)
    invitation = _invitation(agreement, invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.revoke(invitation, request.user)
    messages.success(
        request,
        _(
            "%(name)s’s invitation no longer works. Anyone who opened the agreement with it "
            "can no longer see it."
        )
        % {"name": invitation.member.name},
    )
    return _people_page(agreement)

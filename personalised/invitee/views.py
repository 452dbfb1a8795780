"""The invitee's pages. Each one asks the invitee's session who this browser is signed in as
(``personalised.invitations.session``) and answers 404 for any other member's address, so that
an address confirms nothing; the InviteePagesMiddleware makes every response private, unstored,
unindexed and without a referrer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from personalised import audit
from personalised.comments import add_comment
from personalised.concurrency import ChangedSinceOpened
from personalised.consent.services import record_member_consent
from personalised.exports.formats import CopyFormat
from personalised.exports.naming import content_disposition
from personalised.invitations.session import end_invitee_session
from personalised.invitee import copies
from personalised.invitee.forms import CommentForm, InviteeConsentForm
from personalised.invitee.pages import member_for_page, signed_in_members
from personalised.invitee.reading import commentable_parts, copy_format, member_standing
from personalised.models import ConsentMethod, PartyMember
from personalised.people.changes import what_changed
from security import rate_limit


def home(request: HttpRequest) -> HttpResponse:
    """The agreements this browser is signed in to: straight to it when there is one."""
    members = signed_in_members(request)
    if len(members) == 1:
        return redirect("invited:agreement", member_uuid=members[0].uuid)
    return TemplateResponse(request, "personalised/invitee/home.html", {"members": members})


def agreement(request: HttpRequest, member_uuid) -> HttpResponse:
    """Their agreement, in the form they read it: opening with its purpose and the person."""
    member = member_for_page(request, member_uuid)
    agreement = member.agreement
    shown = copy_format(request.GET.get("format", ""), member)
    PartyMember.objects.filter(pk=member.pk).update(last_opened_at=timezone.now())
    audit.record(agreement, audit.VIEW, None, member=member.pk, format=shown)
    template, copy_context = copies.PAGES[shown]
    return TemplateResponse(
        request,
        template,
        {
            **copy_context(agreement),
            "member": member,
            "shown": shown,
            "standing": member_standing(agreement, member),
            "formats": copies.format_links(member, shown),
            "downloads": copies.download_links(member, shown),
        },
    )


def comment(request: HttpRequest, member_uuid) -> HttpResponse:
    """ "I'd like this changed": a comment on the agreement or one of its parts, which the
    practitioner sees and the agreement's history keeps."""
    member = member_for_page(request, member_uuid)
    agreement = member.agreement
    parts = commentable_parts(agreement)
    choices = [(part.block.id, part.label) for part in parts]
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, parts=choices)
        if not rate_limit.allow("invitee_comment", str(member.uuid)):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have sent a lot of comments in a short time. Wait an hour, then send "
                    "this one again."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                add_comment(
                    agreement,
                    text=form.cleaned_data["text"],
                    block_id=form.cleaned_data["block"],
                    member=member,
                )
            except ValidationError as refused:
                form.add_error("text", refused)
            else:
                messages.success(
                    request,
                    _("Thank you: your comment is sent. %(practitioner)s will read it.")
                    % {"practitioner": _practitioner_name(agreement)},
                )
                return redirect("invited:comment", member_uuid=member.uuid)
        if form.errors and status == 200:
            status = 400
    else:
        wanted = request.GET.get("block", "")
        form = CommentForm(
            initial={"block": wanted if wanted in dict(choices) else ""}, parts=choices
        )
    labels = dict(choices)
    return TemplateResponse(
        request,
        "personalised/invitee/comment.html",
        {
            "agreement": agreement,
            "member": member,
            "form": form,
            "about": labels.get(form["block"].value() or ""),
            "own_comments": [
                {"comment": row, "about": labels.get(row.block_id, "")}
                for row in member.comments.order_by("-created_at", "-pk")
            ],
        },
        status=status,
    )


def _practitioner_name(agreement) -> str:
    owner = agreement.owner
    return owner.first_name or _("The practitioner")


def agree(request: HttpRequest, member_uuid) -> HttpResponse:
    """Their electronic signature on the version they read: their typed name and the tick,
    with the support they had, bound to that revision."""
    member = member_for_page(request, member_uuid)
    agreement = member.agreement
    status, changed_since_opened = 200, []
    if request.method == "POST":
        form = InviteeConsentForm(request.POST, initial={"based_on": agreement.latest_revision_id})
        if form.is_valid():
            based_on = form.cleaned_data["based_on"]
            try:
                record_member_consent(
                    agreement,
                    member,
                    based_on=based_on,
                    typed_name=form.cleaned_data["typed_name"],
                    method=ConsentMethod.BY_LINK,
                    supported_by=form.cleaned_data["supported_by"],
                )
            except ChangedSinceOpened as changed:
                agreement = changed.current
                if based_on is not None and agreement.latest_revision_id is not None:
                    changed_since_opened = what_changed(
                        agreement, based_on, agreement.latest_revision_id
                    )
                form.rebase(changed)
                form.add_error(
                    None,
                    _(
                        "Not recorded: the agreement changed while you were reading it. Read "
                        "what changed, then agree to the new version if you do."
                    ),
                )
                status = 409
            else:
                messages.success(request, _("Thank you: you have agreed to this version."))
                return redirect("invited:agree", member_uuid=member.uuid)
        else:
            status = 400
    else:
        form = InviteeConsentForm(initial={"based_on": agreement.latest_revision_id})
    revision = agreement.latest_revision
    return TemplateResponse(
        request,
        "personalised/invitee/agree.html",
        {
            "agreement": agreement,
            "member": member,
            "form": form,
            "standing": member_standing(agreement, member),
            "version_saved_at": revision.created_at if revision is not None else None,
            "changed_since_opened": changed_since_opened,
        },
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    end_invitee_session(request)
    messages.success(request, _("You have signed out."))
    return redirect("invited:home")


def download(request: HttpRequest, member_uuid, copy_format: str, kind: str) -> HttpResponse:
    """Their copy as a file (PDF or Word document) in the form they read."""
    member = member_for_page(request, member_uuid)
    agreement = member.agreement
    made = copies.DOWNLOADS.get(copy_format, {}).get(kind)
    if made is None:
        raise Http404
    content = made.make(request, agreement)
    audit.record(agreement, audit.EXPORT, None, member=member.pk, format=f"{copy_format} {kind}")
    response = HttpResponse(content, content_type=made.content_type)
    # A copy other than the standard one says which in its name, as the practitioner's do.
    copy = "" if copy_format == CopyFormat.STANDARD else copy_format
    response["Content-Disposition"] = content_disposition(
        agreement, timezone.localdate(), kind, copy
    )
    response["Content-Language"] = agreement.language
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Comments on an agreement, or on one of its areas or clauses: an invited member's "I'd like
this changed", or a practitioner's note or reply. Kept with the agreement's history, never
edited; they go when the agreement is erased."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from personalised import audit
from personalised.models import AgreementComment, PartyMember, PersonalisedAgreement
from security.printable import validate_printable

MAX_COMMENT_LENGTH = 2000


def add_comment(
    agreement: PersonalisedAgreement,
    *,
    text: str,
    block_id: str = "",
    member: PartyMember | None = None,
    user=None,
    revision_id: int | None = None,
) -> AgreementComment:
    """Save a comment by a member or a user on the agreement (``block_id`` "") or one of its
    body blocks, against the revision they were reading (the latest by default). Refused with
    ``ValidationError`` (its message for the person who wrote it) when the text is empty, too
    long or holds control characters, or the block is not the agreement's."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your comment."), code="required")
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("A comment can be at most %(length)d characters.") % {"length": MAX_COMMENT_LENGTH},
            code="max_length",
        )
    validate_printable(text)
    block_id = block_id or ""
    if block_id and block_id not in {child.id for child in agreement.body}:
        raise ValidationError(_("This agreement has no such part to comment on."), code="block")
    if member is not None and member.agreement_id != agreement.pk:
        raise ValidationError(_("Only the agreement's own people can comment on it."))
    author = user if user is not None and user.is_authenticated else None
    comment = AgreementComment.objects.create(
        agreement=agreement,
        member=member,
        author=author,
        block_id=block_id,
        revision_id=revision_id or agreement.latest_revision_id,
        text=text,
    )
    # Who by number, where; never the words.
    audit.record(
        agreement,
        audit.COMMENT,
        author,
        comment=comment.pk,
        member=member.pk if member is not None else None,
        block=block_id,
    )
    return comment


def comments_for(agreement: PersonalisedAgreement) -> list[AgreementComment]:
    """Every comment on the agreement, oldest first, with who wrote it."""
    return list(agreement.comments.select_related("member", "author"))

"""Reading one personalised agreement."""

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from agreements.numbering import Numbering
from personalised import audit
from personalised.access import Access, access_of, get_agreement_or_404
from personalised.comments import comments_for
from personalised.exports.content import included_blocks
from personalised.people.comment_views import CommentForm
from personalised.privacy import private
from personalised.purpose import INSTRUCTION_BLOCKS, agreement_purpose


@private
def detail(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.VIEW, request.user)
    # The page asks for the parties' agreements several times (status, who agreed, changed
    # since agreed): one query for all of them.
    prefetch_related_objects([agreement], "consents", "members")
    blocks = included_blocks(agreement)
    comments = comments_for(agreement)
    by_block: dict[str, list] = {}
    for comment in comments:
        by_block.setdefault(comment.block_id, []).append(comment)
    return TemplateResponse(
        request,
        "personalised/detail.html",
        {
            "agreement": agreement,
            "purpose": agreement_purpose(agreement),
            "blocks": blocks,
            "instruction_blocks": INSTRUCTION_BLOCKS,
            # The same as agreement_numbering(agreement), without working out the blocks again.
            "numbering": Numbering(blocks),
            "access": access_of(request.user, agreement),
            "comments": comments,
            "comments_by_block": by_block,
            "comment_form": CommentForm(),
        },
    )

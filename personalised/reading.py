"""Reading one personalised agreement."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from personalised import audit
from personalised.access import Access, access_of, get_agreement_or_404
from personalised.exports.content import agreement_numbering, included_blocks
from personalised.privacy import private
from personalised.purpose import INSTRUCTION_BLOCKS, agreement_purpose


@private
def detail(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.VIEW, request.user)
    return TemplateResponse(
        request,
        "personalised/detail.html",
        {
            "agreement": agreement,
            "purpose": agreement_purpose(agreement),
            "blocks": included_blocks(agreement),
            "instruction_blocks": INSTRUCTION_BLOCKS,
            "numbering": agreement_numbering(agreement),
            "access": access_of(request.user, agreement),
        },
    )

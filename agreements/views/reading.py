"""Reading one personalised agreement."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from agreements import audit
from agreements.access import Access, access_of, get_agreement_or_404
from agreements.numbering import Numbering
from agreements.privacy import private


@private
def detail(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.VIEW, request.user)
    return TemplateResponse(
        request,
        "agreements/personalised/detail.html",
        {
            "agreement": agreement,
            "person": agreement,
            "numbering": Numbering(agreement.body),
            "access": access_of(request.user, agreement),
        },
    )

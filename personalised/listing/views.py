"""'My agreements': a practitioner's agreements and those shared with them."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.practitioners import require_practitioner
from personalised.listing.services import PER_PAGE, AgreementFilterForm, listed_agreements
from personalised.models import AgreementStatus
from personalised.privacy import private


@private
def agreement_list(request: HttpRequest) -> HttpResponse:
    require_practitioner(request.user, _("Only practitioners have personalised agreements."))
    form = AgreementFilterForm(request.GET or None, user=request.user)
    agreements = form.filter(listed_agreements(request.user), request.user)
    page = Paginator(agreements, PER_PAGE).get_page(request.GET.get("page"))
    for agreement in page:
        agreement.list_status_label = AgreementStatus(agreement.list_status).label
    # The filters again, for the pagination links, without the page number.
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "personalised/list.html",
        {
            "form": form,
            "agreements_page": page,
            "filter_query": query.urlencode(),
        },
    )

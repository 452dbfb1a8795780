"""What the records views (sharing, history, deleting, audit log) share: loading an agreement."""

from django.http import Http404, HttpRequest

from personalised.access import Access, get_agreement_or_404
from personalised.models import PersonalisedAgreement


def get_active_agreement_or_404(
    request: HttpRequest, uuid, access: Access
) -> PersonalisedAgreement:
    """As ``get_agreement_or_404``, and 404 for a deleted agreement too: the owner keeps
    ``MANAGE`` on one only to restore it."""
    agreement = get_agreement_or_404(request, uuid, access)
    if agreement.is_deleted:
        raise Http404
    return agreement

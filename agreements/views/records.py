"""What the records views (sharing, history, deleting, audit log) share: loading an agreement."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from accounts.practitioners import is_practitioner
from agreements.access import Access, get_agreement_or_404
from agreements.models import PersonalisedAgreement


def get_active_agreement_or_404(
    request: HttpRequest, uuid, access: Access
) -> PersonalisedAgreement:
    """As ``get_agreement_or_404``, and 404 for a deleted agreement too: the owner keeps
    ``MANAGE`` on one only to restore it."""
    agreement = get_agreement_or_404(request, uuid, access)
    if agreement.is_deleted:
        raise Http404
    return agreement


def require_practitioner(request: HttpRequest) -> None:
    """Pages that list a practitioner's own agreements are for practitioners only."""
    if not is_practitioner(request.user):
        raise PermissionDenied(_("Only practitioners have personalised agreements."))

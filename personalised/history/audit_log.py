"""The owner reads who did what to their agreement, and when. Nobody can change it."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from personalised import audit
from personalised.access import Access, get_agreement_or_404
from personalised.history import services as history
from personalised.models import SharePermission
from personalised.privacy import private

PER_PAGE = 50


@private
def audit_log(request: HttpRequest, uuid) -> HttpResponse:
    # The owner may read the log of a deleted agreement too, until it is erased.
    agreement = get_agreement_or_404(request, uuid, Access.MANAGE)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])  # read-only: nothing here to change
    page = Paginator(audit.entries_for(agreement), PER_PAGE).get_page(request.GET.get("page"))
    practitioners = _practitioners_named_in(page)
    numbers = history.revision_numbers(agreement)
    for entry in page:
        entry.detail = _detail(entry, practitioners, numbers)
    return TemplateResponse(
        request,
        "personalised/records/audit_log.html",
        {"agreement": agreement, "entries_page": page},
    )


def _practitioners_named_in(entries) -> dict[int, str]:
    """The practitioners that share entries name (by id), in one query for the page."""
    ids = {entry.data.get("practitioner") for entry in entries if entry.data}
    ids.discard(None)
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def _detail(entry, practitioners: dict[int, str], numbers: dict[int, int]) -> dict:
    """What the log row says beyond its message; revisions by their numbers in this
    agreement's history, never by their database ids."""
    data = entry.data or {}
    detail = {}
    if "practitioner" in data:
        detail["practitioner"] = practitioners.get(data["practitioner"], "")
    if "permission" in data:
        detail["permission"] = SharePermission(data["permission"]).label
    if entry.action == "wagtail.revert":
        restored = (data.get("revision") or {}).get("id") if isinstance(data, dict) else None
        detail["message"] = _("Restored revision %(old)s as revision %(new)s") % {
            "old": numbers.get(restored, "?"),
            "new": numbers.get(entry.revision_id, "?"),
        }
    elif isinstance(data.get("revision"), int) and data["revision"] in numbers:
        detail["revision"] = numbers[data["revision"]]
    elif entry.revision_id in numbers:
        detail["revision"] = numbers[entry.revision_id]
    compared = data.get("compared")
    if isinstance(compared, list) and all(pk in numbers for pk in compared):
        detail["compared"] = sorted(numbers[pk] for pk in compared)
    if entry.action == audit.RESTORE and "shares" in data:
        detail["shares"] = _shares_restored(data["shares"], data.get("shares_restored", False))
    for key in ("format",):
        if key in data:
            detail[key] = data[key]
    return detail


def _shares_restored(count: int, restored: bool) -> str:
    if restored:
        message = ngettext("with its %(count)s share", "with its %(count)s shares", count)
    else:
        message = ngettext("without its %(count)s share", "without its %(count)s shares", count)
    return message % {"count": count}

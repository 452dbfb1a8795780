from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import VersionedPage


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_change_notes(request, action_type, objects, action_class):
    """Bulk publishing skips the page editor's form, so check the change notes here."""
    if action_type != "publish":
        return None
    missing = []
    for page in objects:
        page = page.specific
        if not isinstance(page, VersionedPage):
            continue
        revision = page.get_latest_revision()
        if revision is None or not (revision.content.get("change_note") or "").strip():
            missing.append(page.get_admin_display_title())
    if not missing:
        return None
    messages.error(
        request,
        _("Not published. Write a change note in the editor before publishing: %(pages)s")
        % {"pages": ", ".join(missing)},
    )
    return redirect(_safe_next(request) or "wagtailadmin_explore_root")


def _safe_next(request: HttpRequest) -> str | None:
    """The ``next`` address, if it is on this site (and https when the request is)."""
    next_url = request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return None

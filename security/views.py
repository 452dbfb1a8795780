"""Error views that need more than Django's defaults give them, and the session notice's
"stay signed in"."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.dateformat import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from . import session_expiry


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF failure view renders its template without the request, so the site's
    header and navigation could not be drawn. The reason is for logs, never for the page."""
    return render(request, "403_csrf.html", status=403)


@require_POST
def stay_signed_in(request: HttpRequest) -> HttpResponse:
    """The session notice's "Stay signed in": the request itself counts as activity (see
    SessionExpiryMiddleware, which has already signed out a session that ran out). Answers the
    new end of the session as JSON to the script, or goes back to the page without it."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=403)
    session_expiry.record_activity(request, force=True)
    if "application/json" not in request.headers.get("Accept", ""):
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "/"
        return redirect(back)
    end = session_expiry.session_end(request)
    return JsonResponse(
        {
            "signed_in": True,
            "idle_seconds_left": end.idle_seconds_left,
            "absolute_seconds_left": end.absolute_seconds_left,
            "idle_ends": time_format(localtime(end.idle_ends), "H:i"),  # as the notice has it
            "idle_ends_iso": end.idle_ends.isoformat(),
        }
    )

"""Signed-in sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and at the
latest SESSION_ABSOLUTE_TIMEOUT seconds after signing in, for everyone: practitioners and the
editors in the Wagtail admin share one session cookie, and both can reach what others must not
see. (The admin's page editor pings the server while it is open, which counts as use, so an
editor is not signed out in the middle of editing a page, only by the absolute limit.)

Every signed-in page says when its session will end (templates/includes/session_notice.html),
and static/js/session-expiry.js warns shortly before and offers to stay signed in, through
``stay_signed_in`` (security/views.py). After a timeout, the sign-in page says why.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import ngettext

SIGNED_IN_AT = "session_signed_in_at"
LAST_ACTIVITY = "session_last_activity"
# Activity is written to the session at most this often, not on every request.
ACTIVITY_RESOLUTION_SECONDS = 30

IDLE = "idle"
ABSOLUTE = "absolute"


def _now() -> float:
    return time.time()


@dataclass(frozen=True)
class SessionEnd:
    """When a signed-in session ends: after inactivity, and at the latest."""

    idle_seconds_left: int
    absolute_seconds_left: int

    @property
    def idle_ends(self) -> datetime:
        return datetime.fromtimestamp(int(_now()) + self.idle_seconds_left, tz=UTC)

    @property
    def absolute_ends(self) -> datetime:
        return datetime.fromtimestamp(int(_now()) + self.absolute_seconds_left, tz=UTC)


def session_end(request: HttpRequest) -> SessionEnd:
    now = _now()
    signed_in_at = request.session.get(SIGNED_IN_AT, now)
    last_activity = request.session.get(LAST_ACTIVITY, now)
    return SessionEnd(
        idle_seconds_left=int(last_activity + settings.SESSION_IDLE_TIMEOUT - now),
        absolute_seconds_left=int(signed_in_at + settings.SESSION_ABSOLUTE_TIMEOUT - now),
    )


def expired(request: HttpRequest) -> str | None:
    """IDLE or ABSOLUTE if the signed-in session has run out, else None."""
    end = session_end(request)
    if end.absolute_seconds_left <= 0:
        return ABSOLUTE
    if end.idle_seconds_left <= 0:
        return IDLE
    return None


def record_activity(request: HttpRequest, *, force: bool = False) -> None:
    now = _now()
    session = request.session
    session.setdefault(SIGNED_IN_AT, now)
    if force or now - session.get(LAST_ACTIVITY, 0) >= ACTIVITY_RESOLUTION_SECONDS:
        session[LAST_ACTIVITY] = now


@receiver(user_logged_in)
def start_session_clock(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_ACTIVITY] = _now()


def signed_out_message(reason: str) -> str:
    if reason == ABSOLUTE:
        hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
        return ngettext(
            "You were signed out because you can stay signed in for at most %(hours)s hour. "
            "Sign in again to carry on.",
            "You were signed out because you can stay signed in for at most %(hours)s hours. "
            "Sign in again to carry on.",
            hours,
        ) % {"hours": hours}
    minutes = settings.SESSION_IDLE_TIMEOUT // 60
    return ngettext(
        "You were signed out because you had not used the site for %(minutes)s minute. "
        "Sign in again to carry on.",
        "You were signed out because you had not used the site for %(minutes)s minutes. "
        "Sign in again to carry on.",
        minutes,
    ) % {"minutes": minutes}


class SessionExpiryMiddleware:
    """Signs out a session that has run out, before the view, and sends the visitor to sign in
    again with the reason; otherwise counts the request as activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Without a session cookie nobody is signed in: asking request.user would read the
        # session and add "Vary: Cookie" to every anonymous response (public pages, /healthz).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not request.user.is_authenticated:
            return self.get_response(request)
        reason = expired(request)
        if reason is None:
            record_activity(request)
            return self.get_response(request)
        logout(request)
        messages.info(request, signed_out_message(reason))
        if request.path_info.startswith(tuple(settings.SESSION_EXPIRY_ADMIN_PREFIXES)):
            return self.get_response(request)  # the admin sends the signed-out to its own login
        return redirect_to_login(request.get_full_path())

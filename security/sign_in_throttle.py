"""Sign-in rate limiting with django-axes: how it names users, which counts it keeps, their
limits, and the page it answers with.

Axes' backend refuses a locked-out attempt inside ``authenticate``, before any password is
checked, so every sign-in form that authenticates with the request (the public sign-in, the
Wagtail admin's, the Django admin's) is covered, and a right password while locked out gets the
same page as a wrong one and clears nothing. Its middleware turns the refusal into that page.

Failures are kept in the database (``AxesDatabaseHandler``): every worker and host sees the
same counts, updated under a row lock, whatever cache the site uses; the file cache production
has now is one that axes' cache handler refuses, and a move to Redis changes nothing here.
"""

import unicodedata
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Each limit counts failures within AXES_COOLOFF_TIME of the latest one, for:
LOCKOUT_PARAMETERS = {
    "username_and_address": ["username", "ip_address"],  # one person mistyping
    "username": "username",  # one account tried from many addresses
    "address": "ip_address",  # one address trying many accounts
}


def normalise_name(name: str) -> str:
    """A username or email address in NFKC, as Django's sign-in form applies to usernames (so
    a full-width "sam" signs in as "sam"), then casefolded, as Django compares email addresses:
    every way of writing one name counts as that name."""
    return unicodedata.normalize("NFKC", name.strip()).casefold()


def username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the normalised username of a sign-in attempt."""
    field = get_user_model().USERNAME_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = request.POST.get(field) if request is not None else None
    return normalise_name(value) if isinstance(value, str) else value


def lockout_parameters(request, credentials: dict | None = None) -> list:
    """AXES_LOCKOUT_PARAMETERS: the counts kept, in the order of SIGN_IN_FAILURE_LIMITS."""
    return [LOCKOUT_PARAMETERS[name] for name in settings.SIGN_IN_FAILURE_LIMITS]


def failure_limit(request, credentials: dict | None = None) -> int:
    """AXES_FAILURE_LIMIT: the first (tightest) limit; the handler scales the others to it."""
    return next(iter(settings.SIGN_IN_FAILURE_LIMITS.values()))


class SignInThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit of its own for each count: an office behind one
    address may fail more often than one person, without one person getting more guesses."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        # Axes compares this with failure_limit(). Each count is scaled so that it reaches that
        # limit exactly when it reaches its own (integer division keeps "count >= its limit").
        base = failure_limit(request, credentials)
        limits = settings.SIGN_IN_FAILURE_LIMITS.values()
        attempts = self.get_user_attempts(request, credentials)
        return max(
            (queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0) * base // limit
            for queryset, limit in zip(attempts, limits, strict=True)
        )


def lockout_seconds(request: HttpRequest | None = None) -> int:
    return int((get_cool_off(request) or timedelta()).total_seconds())


def locked_out_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the same page for every locked-out attempt, naming no one."""
    seconds = lockout_seconds(request)
    context = {"minutes": max(1, seconds // 60)}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response

"""Sign-in rate limiting: after too many failed attempts for one username from one address,
signing in with that username from that address is refused for a while.

Counts live in Django's cache, so every worker process shares them in production (a file or
Redis cache, never the per-process memory cache). The count is kept per username *and*
address, so nobody can lock a colleague out from elsewhere, and it is kept whether or not the
account exists, so the lockout says nothing about which usernames are real.

The failures are counted by Django's ``user_login_failed`` signal, which every sign-in form
sends (the public sign-in, the Wagtail admin and the Django admin all call ``authenticate``
with the request). ``LoginThrottleMiddleware`` refuses a locked-out attempt before the form
checks the password, and replaces the response of the attempt that caused the lockout.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.dispatch import receiver
from django.http import HttpRequest

LOCKED_OUT_ATTRIBUTE = "login_locked_out"


def failure_limit() -> int:
    return settings.LOGIN_THROTTLE_FAILURES


def lockout_seconds() -> int:
    return settings.LOGIN_THROTTLE_LOCKOUT_SECONDS


def client_address(request: HttpRequest) -> str:
    """The address that the attempt came from. Behind a reverse proxy, name the header that the
    proxy sets to the client's address (and that clients cannot forge) in
    LOGIN_THROTTLE_CLIENT_ADDRESS_HEADER, e.g. "HTTP_X_REAL_IP"."""
    header = getattr(settings, "LOGIN_THROTTLE_CLIENT_ADDRESS_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _cache_key(username: str, address: str) -> str:
    # Hashed: usernames may hold characters that some cache backends refuse in keys.
    digest = hashlib.sha256(f"{username.strip().lower()}\n{address}".encode()).hexdigest()
    return f"login-throttle:{digest}"


def _cache():
    return caches[settings.LOGIN_THROTTLE_CACHE]


def failures(username: str, address: str) -> int:
    return _cache().get(_cache_key(username, address), 0)


def is_locked_out(username: str, address: str) -> bool:
    return failures(username, address) >= failure_limit()


def record_failure(username: str, address: str) -> int:
    """Count one more failure. The count is forgotten LOGIN_THROTTLE_LOCKOUT_SECONDS after the
    latest failure, so the lockout lasts that long after the attempt that caused it."""
    count = failures(username, address) + 1
    # get-then-set rather than incr: not every backend keeps the expiry on incr. Two workers
    # racing may lose one count, which is at most one extra attempt.
    _cache().set(_cache_key(username, address), count, timeout=lockout_seconds())
    return count


def forget_failures(username: str, address: str) -> None:
    _cache().delete(_cache_key(username, address))


def username_of(request: HttpRequest) -> str:
    field = get_user_model().USERNAME_FIELD
    return request.POST.get(field, "") if request.method == "POST" else ""


@receiver(user_login_failed)
def count_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    if request is None or getattr(request, LOCKED_OUT_ATTRIBUTE, False):
        return  # no request (a script or test calling authenticate) or already refused
    username = credentials.get(get_user_model().USERNAME_FIELD, "")
    if record_failure(username, client_address(request)) >= failure_limit():
        setattr(request, LOCKED_OUT_ATTRIBUTE, True)


@receiver(user_logged_in)
def forget_failures_on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        forget_failures(user.get_username(), client_address(request))

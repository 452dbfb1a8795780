"""Middleware for the site's security policies: the content security policy and sign-in
rate limiting."""

from collections.abc import Callable
from functools import cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from . import login_throttle

# What csp.decorators set on a response to change its policy.
_PER_RESPONSE_ATTRIBUTES = (
    "_csp_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt_ro",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@cache
def _policy_header(admin: bool) -> str:
    if admin:
        return build_policy(default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]))
    return build_policy()


@receiver(setting_changed)
def _forget_policy_headers(setting: str, **kwargs) -> None:
    if "CONTENT_SECURITY_POLICY" in setting:
        _policy_header.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a looser policy for the admin interfaces.

    The public site gets CONTENT_SECURITY_POLICY: no inline script or style at all. The Wagtail
    admin (and the Django admin) ship inline scripts and style attributes that we do not
    control, and Wagtail's preview shows the page in a same-origin frame, so paths under
    ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIXES"] get that policy instead. Only signed-in
    editors reach anything there beyond the login form.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        # django-csp builds the header afresh for every response, which costs as much as
        # serving a cached page. When nothing per-request is involved (no nonce, no decorator,
        # no report-only policy) the header is always the same string, so build it once.
        if (
            HEADER in response
            or getattr(request, "_csp_nonce", None) is not None
            or settings.DEBUG
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or any(hasattr(response, attribute) for attribute in _PER_RESPONSE_ATTRIBUTES)
        ):
            return super().process_response(request, response)
        response[HEADER] = _policy_header(self._is_admin(request))
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _is_admin(request: HttpRequest) -> bool:
        return request.path_info.startswith(
            tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIXES"])
        )

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and self._is_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def _is_sign_in_view(request: HttpRequest, view_func: Callable) -> bool:
    view_class = getattr(view_func, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, LoginView):
        return True  # the public sign-in and the Wagtail admin's login
    match = request.resolver_match
    return match is not None and match.view_name in settings.LOGIN_THROTTLE_EXTRA_VIEW_NAMES


def locked_out_response(request: HttpRequest) -> HttpResponse:
    minutes = max(1, login_throttle.lockout_seconds() // 60)
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(login_throttle.lockout_seconds())
    return response


class LoginThrottleMiddleware:
    """Refuse sign-in attempts for a username and address that have failed too often, with a
    page that says so (429), and show that page for the attempt that caused the lockout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, login_throttle.LOCKED_OUT_ATTRIBUTE, False):
            return locked_out_response(request)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        if request.method != "POST" or not _is_sign_in_view(request, view_func):
            return None
        username = login_throttle.username_of(request)
        if login_throttle.is_locked_out(username, login_throttle.client_address(request)):
            return locked_out_response(request)  # before the password is even checked
        return None

"""Middleware for the site's content security policy. (Sign-in rate limiting is django-axes's
middleware: see security/sign_in_throttle.py.)"""

from functools import cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

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

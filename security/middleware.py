"""Middleware for the site's content security policy. (Sign-in rate limiting is django-axes's
middleware: see security/sign_in_throttle.py.)"""

from functools import cache

from csp.constants import HEADER, SELF
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


# Which policy a response gets.
PUBLIC, ADMIN, PREVIEW = "public", "admin", "preview"


def _directives(kind: str) -> dict | None:
    """The policy's directives, or None for django-csp's own (CONTENT_SECURITY_POLICY)."""
    if kind == ADMIN:
        return settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
    if kind == PREVIEW:
        # The public policy, so that a preview shows what readers will see, but framed by the
        # admin that shows it (the site's own origin).
        return {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": [SELF]}
    return None


@cache
def _policy_header(kind: str) -> str:
    directives = _directives(kind)
    return build_policy(default_config(directives)) if directives else build_policy()


@receiver(setting_changed)
def _forget_policy_headers(setting: str, **kwargs) -> None:
    if "CONTENT_SECURITY_POLICY" in setting:
        _policy_header.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a looser policy for the admin interfaces.

    The public site gets CONTENT_SECURITY_POLICY: no inline script or style at all. The Wagtail
    admin (and the Django admin) ship inline scripts and style attributes that we do not
    control, so paths under ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIXES"] get that policy
    instead. Only signed-in editors reach anything there beyond the login form.

    Wagtail's previews (an edited or new page in the editor's preview panel, an earlier
    revision, a page in moderation) serve the page through this middleware again, on a request
    of their own that Wagtail marks ``is_preview``, and the admin shows the response in a frame.
    Those responses get the public policy with ``frame-ancestors 'self'``, and
    ``X-Frame-Options: SAMEORIGIN``; the public page itself may still be framed by nobody.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        kind = self._policy_kind(request)
        if kind == PREVIEW:
            # Django's XFrameOptionsMiddleware, inside this one, has said DENY.
            response["X-Frame-Options"] = "SAMEORIGIN"
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
        response[HEADER] = _policy_header(kind)
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _policy_kind(request: HttpRequest) -> str:
        if getattr(request, "is_preview", False):  # set by PreviewableMixin.make_preview_request
            return PREVIEW
        prefixes = tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIXES"])
        return ADMIN if request.path_info.startswith(prefixes) else PUBLIC

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        directives = _directives(self._policy_kind(request))
        if not report_only and parts.config is None and directives:
            parts.config = default_config(directives)
        return parts

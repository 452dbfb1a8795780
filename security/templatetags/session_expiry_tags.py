"""The session notice on every signed-in page: when the session will end."""

from django import template
from django.conf import settings

from security import session_expiry

register = template.Library()


@register.inclusion_tag("includes/session_notice.html", takes_context=True)
def session_notice(context) -> dict:
    request = context["request"]
    end = session_expiry.session_end(request)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "end": end,
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
        "warning_seconds": settings.SESSION_EXPIRY_WARNING_SECONDS,
    }

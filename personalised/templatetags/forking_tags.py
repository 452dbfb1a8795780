"""The "Use this template" link on a template page."""

from django import template
from django.urls import reverse

from accounts.practitioners import is_practitioner

register = template.Library()


@register.inclusion_tag("agreements/includes/use_template.html", takes_context=True)
def use_template(context: template.Context, page) -> dict:
    """A practitioner gets the link to the form; anyone not signed in, a link to sign in first
    (anonymous pages are cached, so they never depend on who is looking)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    fork_url = reverse("agreements:fork", args=[page.pk])
    signed_in = bool(user and user.is_authenticated)
    return {
        "page": page,
        "fork_url": fork_url,
        "follow_url": reverse("agreements:follow", args=[page.pk]),
        "signed_in": signed_in,
        "practitioner": signed_in and is_practitioner(user),
        "sign_in_url": f"{reverse('sign_in')}?next={fork_url}",
    }

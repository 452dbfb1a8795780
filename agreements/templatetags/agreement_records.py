"""Template helpers for the records side of personalised agreements (list, header link)."""

from django import template

from accounts import practitioners
from agreements.access import Access

register = template.Library()


@register.filter
def is_practitioner(user) -> bool:
    """Whether to offer ``user`` the practitioners' links, such as "My agreements"."""
    return practitioners.is_practitioner(user)


@register.filter
def allows(access: set[Access] | None, what: str) -> bool:
    """``{% if access|allows:"manage" %}``: whether the view's ``access`` set includes it."""
    return Access(what) in (access or ())

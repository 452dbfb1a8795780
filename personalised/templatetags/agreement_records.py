"""Template helpers for who may do what with personalised agreements: the practitioners' links
(list, header link) and what the ``access`` a view put in the context allows."""

from django import template

from accounts import practitioners
from personalised.access import Access

register = template.Library()


@register.filter
def is_practitioner(user) -> bool:
    """Whether to offer ``user`` the practitioners' links, such as "My agreements"."""
    return practitioners.is_practitioner(user)


@register.filter
def allows(access: set[Access] | None, what: str) -> bool:
    """``{% if access|allows:"edit" %}``: whether the view's ``access`` set includes it."""
    return Access(what) in (access or ())

"""What the agreement page shows about editing and agreeing: links, status, changes."""

from django import template

from agreements import history
from agreements.access import Access

register = template.Library()


@register.filter
def allows(access: set | None, what: str) -> bool:
    """``{% if access|allows:"edit" %}``: the ``access`` a view put in the context allows it."""
    return Access(what) in (access or set())


@register.simple_tag
def changes_since_agreed(agreement) -> history.SinceAgreed | None:
    """What changed since every party last agreed (None if never agreed, or not changed)."""
    return history.changes_since_agreed(agreement)

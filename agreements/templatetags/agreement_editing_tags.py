"""What the agreement page shows about editing and agreeing: links, status, changes."""

from django import template

from agreements.access import Access
from agreements.agreement_changes import changes_since_agreed as _changes_since_agreed
from agreements.comparison import SectionComparison

register = template.Library()


@register.filter
def allows(access: set | None, what: str) -> bool:
    """``{% if access|allows:"edit" %}``: the ``access`` a view put in the context allows it."""
    return Access(what) in (access or set())


@register.simple_tag
def changes_since_agreed(agreement) -> list[SectionComparison]:
    """The sections changed since every party last agreed (empty if none, or never agreed)."""
    return _changes_since_agreed(agreement)

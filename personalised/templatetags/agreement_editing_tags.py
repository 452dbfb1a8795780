"""What the agreement page shows about editing and agreeing: what changed since the parties
agreed. (Whether the user may edit: the ``allows`` filter in ``agreement_records``.)"""

from django import template

from personalised.history import services as history

register = template.Library()


@register.simple_tag
def changes_since_agreed(agreement) -> history.SinceAgreed | None:
    """What changed since every party last agreed (None if never agreed, or not changed)."""
    return history.changes_since_agreed(agreement)

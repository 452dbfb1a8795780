"""What the agreement page shows about editing and agreeing: what changed since the parties
agreed, and which blocks practitioners may change. (Whether the user may edit: the ``allows``
filter in ``agreement_records``.)"""

from django import template

from personalised.editing.blocks import may_be_edited
from personalised.history import services as history

register = template.Library()


@register.simple_tag
def changes_since_agreed(agreement) -> history.SinceAgreed | None:
    """What changed since every party last agreed (None if never agreed, or not changed)."""
    return history.changes_since_agreed(agreement)


@register.filter
def practitioners_may_edit(block) -> bool:
    """``{% if block|practitioners_may_edit %}``: a clause, text, definitions or schedule table
    of the agreement that its template lets practitioners change (areas have their own link)."""
    return may_be_edited(block.block_type, block.value)

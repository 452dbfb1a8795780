"""The people of an agreement on its pages: comments beside the block they are about, and what
changed since everyone agreed, in plain words."""

from django import template

from personalised.models import PersonalisedAgreement
from personalised.people.changes import what_changed

register = template.Library()


@register.filter
def comments_on(comments_by_block: dict, block_id: str) -> list:
    return (comments_by_block or {}).get(block_id, [])


@register.simple_tag
def plain_changes_since_agreed(agreement: PersonalisedAgreement) -> list[str]:
    """What changed since every party last agreed, one sentence each; [] if nothing did."""
    agreed = agreement.last_agreed_revision_id()
    if agreed is None or agreed == agreement.latest_revision_id:
        return []
    return what_changed(agreement, agreed, agreement.latest_revision_id)

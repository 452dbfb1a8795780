"""What agreement pages and "My agreements" show about template updates waiting."""

from django import template

from personalised.access import Access
from personalised.models import PersonalisedAgreement
from personalised.updates.services import agreements_with_updates

register = template.Library()


@register.simple_tag(takes_context=True)
def updates_waiting(context, agreement: PersonalisedAgreement) -> bool:
    """Whether the agreement's template has published changes it has not reviewed.

    In "My agreements" (``agreements_page`` in the context), the first row works it out for every
    agreement on the page at once, by pair of template versions (which many agreements share),
    and the page keeps the answer for the other rows: a page costs the same whatever it shows."""
    page = context.get("agreements_page")
    listed = list(getattr(page, "object_list", None) or [])
    if agreement not in listed:
        return agreement.pk in agreements_with_updates([agreement])
    found = getattr(page, "agreements_with_updates", None)
    if found is None:
        found = page.agreements_with_updates = agreements_with_updates(listed)
    return agreement.pk in found


@register.filter
def can_review_updates(access: set | None) -> bool:
    return Access.EDIT in (access or set())

"""What agreement pages and "My agreements" show about template updates waiting."""

from django import template

from agreements.access import Access
from agreements.models import PersonalisedAgreement
from agreements.updating import agreements_with_updates

register = template.Library()

_PAGE_KEY = "agreements:with-updates"


@register.simple_tag(takes_context=True)
def updates_waiting(context, agreement: PersonalisedAgreement) -> bool:
    """Whether the agreement's template has published changes it has not reviewed.

    In a list, the first call works it out for every agreement on the page at once (by pair of
    template versions, which many agreements share), so a page of agreements costs the same
    whatever it shows."""
    found = context.render_context.get(_PAGE_KEY)
    if found is None:
        page = context.get("agreements_page")
        listed = list(getattr(page, "object_list", None) or [])
        if agreement not in listed:
            listed.append(agreement)
        found = context.render_context[_PAGE_KEY] = agreements_with_updates(listed)
    elif agreement.pk not in found and agreement.pk not in context.render_context.get(
        f"{_PAGE_KEY}:asked", ()
    ):
        found |= agreements_with_updates([agreement])
    context.render_context.setdefault(f"{_PAGE_KEY}:asked", set()).add(agreement.pk)
    return agreement.pk in found


@register.filter
def can_review_updates(access: set | None) -> bool:
    return Access.EDIT in (access or set())

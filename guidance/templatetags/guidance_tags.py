"""Guidance shown with the areas it is about, and the areas guidance points to."""

from django import template

from guidance.areas import AreaLink
from guidance.lookup import AreaGuidance, guidance_for_areas

register = template.Library()


@register.simple_tag
def area_guidance_for(page) -> dict[str, list[AreaGuidance]]:
    """All the guidance about the areas of a template page, looked up once per page."""
    return guidance_for_areas(page) if page and page.pk else {}


@register.simple_tag(takes_context=True)
def area_guidance_items(context: template.Context, block_id: str | None) -> list[AreaGuidance]:
    """The guidance about one area, from the ``area_guidance`` the page looked up."""
    return (context.get("area_guidance") or {}).get(block_id, [])


@register.simple_tag(takes_context=True)
def area_link(context: template.Context, value: str) -> AreaLink | None:
    """Where an area chooser's value points now, from the ``area_links`` the page looked up."""
    return (context.get("area_links") or {}).get(value)

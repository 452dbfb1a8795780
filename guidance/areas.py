"""Areas of templates as guidance refers to them: one area of one template, by block id.

A reference is stored as ``"<template page id>:<area block id>"``, a plain string, so it is one
choice in a ChoiceBlock and keeps its meaning when the template's areas are reordered (the
block id follows the area; its number does not).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from agreements.models import TemplatePage
from agreements.numbering import Numbering


@dataclass(frozen=True)
class AreaReference:
    template_id: int
    block_id: str

    def __str__(self) -> str:
        return f"{self.template_id}:{self.block_id}"


@dataclass(frozen=True)
class AreaLink:
    """Where a reference points now: the live template, the area's current number and title."""

    template: TemplatePage
    block_id: str
    number: str
    title: str
    anchor: str

    @property
    def label(self) -> str:
        return area_label(self.template.title, self.number, self.title)


def area_label(template_title: str, number: str, area_title: str) -> str:
    return _("%(template)s — %(number)s. %(area)s") % {
        "template": template_title,
        "number": number,
        "area": area_title,
    }


def parse_area(value: str | None) -> AreaReference | None:
    """The reference a stored value names, or None if it is empty or malformed."""
    template_id, separator, block_id = (value or "").partition(":")
    if not separator or not block_id or not template_id.isdigit():
        return None
    return AreaReference(int(template_id), block_id)


def _areas_of(template: TemplatePage) -> Iterable[AreaLink]:
    numbering = Numbering(template.body)
    for child in template.body:
        if child.block_type == "area":
            yield AreaLink(
                template=template,
                block_id=child.id,
                number=numbering.number(child.id),
                title=child.value["title"],
                anchor=numbering.anchor(child.id),
            )


def _live_templates(template_ids: Iterable[int] | None = None):
    templates = TemplatePage.objects.live().order_by("path")
    if template_ids is not None:
        templates = templates.filter(pk__in=set(template_ids))
    return templates


def area_choices() -> list[tuple[str, str]]:
    """Every area of every live template, for the area chooser: one query."""
    return [
        (str(AreaReference(link.template.pk, link.block_id)), link.label)
        for template in _live_templates()
        for link in _areas_of(template)
    ]


def area_links(values: Iterable[str]) -> dict[str, AreaLink]:
    """The current number, title and template of each referenced area that still exists in a
    live template, keyed by the stored value: one query, whatever the number of references."""
    references = {value: parse_area(value) for value in values}
    template_ids = {reference.template_id for reference in references.values() if reference}
    if not template_ids:
        return {}
    links = {
        (link.template.pk, link.block_id): link
        for template in _live_templates(template_ids)
        for link in _areas_of(template)
    }
    return {
        value: links[(reference.template_id, reference.block_id)]
        for value, reference in references.items()
        if reference and (reference.template_id, reference.block_id) in links
    }

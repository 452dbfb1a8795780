"""The guidance for each area of a template, for showing it beside the area.

Used by the public template page and meant for the agreement editor too: both show, with each
area, the editors' guidance about it from the live guidance pages.
"""

from collections import defaultdict
from dataclasses import dataclass

from wagtail.models import Page
from wagtail.rich_text import RichText

from .areas import parse_area
from .models import GuidancePage


@dataclass(frozen=True)
class AreaGuidance:
    """One piece of guidance about one area, from one guidance page."""

    heading: str
    guidance: RichText
    page: GuidancePage
    block_id: str

    @property
    def anchor(self) -> str:
        """The fragment of the guidance on its own page: ``page.url + "#" + anchor``."""
        return f"guidance-{self.block_id}"


def guidance_for_areas(template: Page) -> dict[str, list[AreaGuidance]]:
    """Guidance about each area of ``template`` from live, public guidance pages, keyed by the
    area's block id, in the order of the guidance pages in the page tree and of the blocks in
    each page. Areas without guidance are absent.

    Two queries whatever the number of areas, guidance pages or guidance blocks (the live
    guidance pages and their view restrictions); the bodies are read in Python. That suits
    the tens of guidance pages this site has; with thousands, store the area links in a table
    on publish instead.
    """
    found: dict[str, list[AreaGuidance]] = defaultdict(list)
    pages = GuidancePage.objects.live().public().order_by("path")
    for page in pages:
        for child in page.body:
            if child.block_type != "area_guidance":
                continue
            reference = parse_area(child.value["area"])
            if reference is None or reference.template_id != template.pk:
                continue
            found[reference.block_id].append(
                AreaGuidance(
                    heading=child.value["heading"],
                    guidance=child.value["guidance"],
                    page=page,
                    block_id=child.id,
                )
            )
    return dict(found)

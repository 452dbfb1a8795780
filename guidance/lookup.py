"""The guidance for each area of a template, for showing it beside the area.

Used by the public template page and meant for the agreement editor too: both show, with each
area, the editors' guidance about it from the live guidance pages.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
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
    """Guidance about each area of ``template`` (or of any language's copy of it) from live,
    public guidance pages, keyed by the area's block id, in the order of the guidance pages in
    the page tree and of the blocks in each page. Areas without guidance are absent.

    Every language has its own copy of each guidance page (an alias of the English until it is
    translated), so each guidance page is read once: the copy in the reader's language, or
    the English where there is none.

    Three queries whatever the number of areas, guidance pages or guidance blocks (the
    template's translations, the live guidance pages and their view restrictions); the bodies
    are read in Python. That suits the tens of guidance pages this site has; with thousands,
    store the area links in a table on publish instead.
    """
    template_ids = set(
        Page.objects.filter(translation_key=template.translation_key).values_list("pk", flat=True)
    )
    found: dict[str, list[AreaGuidance]] = defaultdict(list)
    for page in _in_readers_language(
        GuidancePage.objects.live().public().select_related("locale").order_by("path")
    ):
        for child in page.body:
            if child.block_type != "area_guidance":
                continue
            reference = parse_area(child.value["area"])
            if reference is None or reference.template_id not in template_ids:
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


def _in_readers_language(pages) -> list[GuidancePage]:
    """One copy of each page (by translation key), in tree order: the one in the active
    language, else the one in the default language, else the first."""
    reader = get_supported_content_language_variant(translation.get_language())
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    preference = {reader: 0, default: 1}
    chosen: dict = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        rank = preference.get(page.locale.language_code, 2)
        if current is None or rank < preference.get(current.locale.language_code, 2):
            chosen[page.translation_key] = page
    kept = {page.pk for page in chosen.values()}
    return [page for page in pages if page.pk in kept]

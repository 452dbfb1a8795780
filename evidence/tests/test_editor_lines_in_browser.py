"""In the page editor, each area's or clause's line of evidence sits inside that block of the
body's editor (static/js/evidence-beside-blocks.js), for templates of three shapes: the ISF
(areas), the Suffolk partnering agreement (clauses and text) and a direct payment agreement."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.practitioners import EDITORS
from evidence.models import Measure
from evidence.tests.helpers import count, snapshot_for
from tests.browser.fixtures import BROWSER_TEST
from tests.template_shapes import SHAPES

pytestmark = [*BROWSER_TEST, pytest.mark.one_database]

LABEL = "Evidence from practice"


def sections(template) -> list[dict]:
    return [raw for raw in template.body.raw_data if raw["type"] not in ("how_to_use", "parties")]


def beside(tab, section: dict):
    """The evidence line placed inside ``section``'s block in the body's editor."""
    return tab.locator(
        f'[data-streamfield-child][data-contentpath="{section["id"]}"] .evidence-beside'
    )


def test_each_sections_line_is_inside_its_block_in_the_body_editor(
    template_index, open_page, django_user_model
):
    editor = django_user_model.objects.create_user(username="edie", password="a-long-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    templates = [build().template for build in SHAPES.values()]
    tab = open_page(None, user=editor)

    for template in templates:
        counted, uncounted = sections(template)[0], sections(template)[-1]
        snapshot = snapshot_for(template)
        count(snapshot, Measure.KEPT, 20, counted["id"])
        count(snapshot, Measure.REWORDED, 10, counted["id"])
        count(snapshot, Measure.REMOVED, 3, counted["id"])
        assert tab.goto(f"/admin/pages/{template.pk}/edit/").status == 200

        expect(beside(tab, counted)).to_have_text(
            f"{LABEL}: kept in 20, reworded in 10, removed in fewer than 5 of 35 agreements"
        )
        expect(beside(tab, uncounted)).to_have_text(f"{LABEL}: no agreements counted yet")
        # One line in each section's block, and none in the blocks that have no evidence.
        expect(tab.locator(".evidence-beside")).to_have_count(len(sections(template)))
        for kept_out in ("how_to_use", "parties"):
            expect(
                tab.locator(f'[data-streamfield-child]:has(input[value="{kept_out}"])').locator(
                    ".evidence-beside"
                )
            ).to_have_count(0)

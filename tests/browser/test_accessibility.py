"""axe-core finds no WCAG 2.2 A or AA violation on any public or practitioner page, on a phone
and on a desktop. Each page is photographed for a person to look at."""

import shutil

import pytest

from tests.pages import all_pages

from .axe import axe_violations, describe_violations
from .fixtures import BROWSER_TEST, SCREENSHOTS_DIR, VIEWPORTS, save_screenshot

pytestmark = BROWSER_TEST


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_has_no_wcag_violations(checked_site, practitioner, open_page, viewport):
    pages = all_pages(practitioner)
    shutil.rmtree(SCREENSHOTS_DIR / viewport, ignore_errors=True)  # no stale pages to look at
    failures = []
    for checked in pages:
        page = open_page(
            checked.path,
            viewport=viewport,
            user=practitioner if checked.signed_in else None,
            status=checked.status,
        )
        save_screenshot(page, checked.label, folder=viewport)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{checked.path}:\n{describe_violations(violations)}")
        page.context.close()

    assert not failures, (
        f"axe found WCAG violations at {viewport} width on {len(failures)} of {len(pages)} "
        "pages:\n" + "\n".join(failures)
    )

"""axe-core finds no WCAG 2.2 A or AA violation on any public or practitioner page, on a phone
and on a desktop, and on one page of each kind in every other language (tests/pages.py,
``sampled_pages``). A page with a violation is photographed for a person to look at; with
``SCREENSHOTS=1``, every page is."""

import shutil

import pytest
from django.conf import settings

from tests.pages import all_pages, sampled_pages

from .axe import axe_violations, describe_violations
from .fixtures import (
    BROWSER_TEST,
    EVERY_PAGE_SCREENSHOTS,
    SCREENSHOTS_DIR,
    VIEWPORTS,
    save_screenshot,
)

pytestmark = [*BROWSER_TEST, pytest.mark.one_database]

# The other languages' pages are the English pages' templates with other words (and, in Urdu,
# the other direction): checked at one width, to keep the run short.
EVERY_LANGUAGE_VIEWPORT = "desktop"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_has_no_wcag_violations(
    checked_site_in_every_language, practitioner, visit, viewport
):
    pages = [
        page
        for page in sampled_pages(all_pages(practitioner))
        if viewport == EVERY_LANGUAGE_VIEWPORT or page.language == settings.LANGUAGE_CODE
    ]
    shutil.rmtree(SCREENSHOTS_DIR / viewport, ignore_errors=True)  # no stale pages to look at
    failures = []
    for checked in pages:
        page = visit(
            checked.path,
            viewport=viewport,
            user=practitioner if checked.signed_in else None,
            status=checked.status,
        )
        violations = axe_violations(page)
        if violations or EVERY_PAGE_SCREENSHOTS:
            save_screenshot(page, checked.label, folder=viewport)
        if violations:
            failures.append(f"{checked.path}:\n{describe_violations(violations)}")

    assert not failures, (
        f"axe found WCAG violations at {viewport} width on {len(failures)} of {len(pages)} "
        "pages:\n" + "\n".join(failures)
    )

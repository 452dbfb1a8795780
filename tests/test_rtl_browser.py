"""In Urdu the ISF matrix reads right to left: a real browser (Debian's Chromium, driven by
Playwright) lays out the first party's column to the right of the last, on a wide screen and on
the stacked narrow layout. Screenshots are saved under test-results/screenshots/languages/ for a
person to look at."""

import pytest

from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.translating import publish_translation
from tests.browser.fixtures import BROWSER_TEST, save_screenshot

pytestmark = [*BROWSER_TEST, pytest.mark.one_database]


def urdu(text: str) -> str:
    """A stand-in Urdu translation: the English with an Urdu word in front, so that the page's
    text is right to left (and still identifiable in the screenshot)."""
    return f"ترجمہ {text}"


@pytest.fixture
def urdu_isf_url(seeded_site, live_server) -> str:
    """The ISF template translated into Urdu through wagtail-localize and published."""
    english = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    translation = publish_translation(english, "ur", translate=urdu)
    return live_server.url + english.get_translation(translation.target_locale).url


def column_boxes(page) -> list[dict]:
    """The bounding box of each party's column heading in the first area's matrix."""
    headings = page.locator(".area").first.locator(".prompts thead th")
    return [headings.nth(index).bounding_box() for index in range(headings.count())]


def cell_boxes(page) -> list[dict]:
    cells = page.locator(".area").first.locator(".prompts tbody td")
    return [cells.nth(index).bounding_box() for index in range(cells.count())]


@pytest.fixture
def show(chromium):
    """``show(url, width, height, screenshot)``: a browser tab at that window size showing the
    URL, its screenshot saved under test-results/screenshots/languages/ for a person to look at."""
    contexts = []

    def show_(url: str, width: int, height: int, screenshot: str):
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.status == 200
        save_screenshot(page, screenshot, "languages")
        return page

    yield show_
    for context in contexts:
        context.close()


def test_urdu_matrix_reads_right_to_left_on_a_wide_screen(urdu_isf_url, show):
    page = show(urdu_isf_url, 1280, 900, "urdu-isf-wide")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first, *_middle, last = column_boxes(page)

    assert first["x"] > last["x"] + last["width"] - 1  # the first party is on the right
    assert page.locator(".area").first.locator(".prompts thead th").first.inner_text() == (
        urdu("Local Authority")
    )


def test_urdu_matrix_stacks_right_aligned_on_a_narrow_screen(urdu_isf_url, show):
    page = show(urdu_isf_url, 360, 800, "urdu-isf-narrow")
    cells = cell_boxes(page)
    first, second = cells[0], cells[1]
    # Stacked: one party under another, in reading order, each as wide as the matrix.
    assert second["y"] >= first["y"] + first["height"] - 1
    party = page.locator(".area").first.locator(".prompts__party").first
    box = party.bounding_box()
    # The party's name starts at the right-hand edge of its cell.
    assert box["x"] + box["width"] == pytest.approx(first["x"] + first["width"], abs=24)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_english_matrix_still_reads_left_to_right(seeded_site, live_server, show):
    page = show(live_server.url + f"/templates/{isf.SLUG}/", 1280, 900, "english-isf-wide")
    first, *_middle, last = column_boxes(page)

    assert first["x"] + first["width"] <= last["x"] + 1

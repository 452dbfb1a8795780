"""Browser fixtures for every app's tests (registered as a plugin by the top-level conftest.py).

Tests drive Debian's chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through Playwright; no
browser is ever downloaded. Without chromium the tests skip on a laptop, saying how to get it, and
fail when ``CI=true``, so CI can never pass without running them.

A browser test::

    pytestmark = BROWSER_TEST

    def test_something(checked_site, open_page, practitioner):
        page = open_page("/feedback/", viewport="mobile", user=practitioner)
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError:  # the virtualenv predates playwright in requirements.txt
    sync_playwright = None

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Headless, and quiet: the test machines have no network, so nothing may phone home.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "mobile": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
PROJECT_DIR = Path(__file__).resolve().parents[2]
# scripts/test-databases gives its PostgreSQL run a folder of its own, as both run at once.
RESULTS_DIR = PROJECT_DIR / os.environ.get("TEST_RESULTS_DIR", "test-results")
SCREENSHOTS_DIR = RESULTS_DIR / "screenshots"

# Mark a module's browser tests with ``pytestmark = BROWSER_TEST``: the live server runs in a
# thread that sees only committed data (so transactions), and serialized_rollback restores the
# data migrations create (groups, the root page, the locale) that the flush after each test empties.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def require_tool(available: bool, what: str, how_to_get_it: str) -> None:
    """Skip the test when a tool it needs is missing; fail instead when CI=true."""
    if available:
        return
    message = f"{what} is missing: {how_to_get_it}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: a missing tool fails the run)", pytrace=False)
    pytest.skip(message)


class _Chromium:
    """The one browser of the test session, started before any test runs (see below)."""

    playwright_manager = None
    browser: "Browser | None" = None
    previous_async_unsafe: str | None = None


def _start_chromium() -> None:
    # Playwright's sync API runs an asyncio loop in this thread, so Django would think the ORM is
    # called from async code; it is not, every call here is synchronous.
    _Chromium.previous_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    _Chromium.playwright_manager = sync_playwright()
    playwright = _Chromium.playwright_manager.__enter__()
    _Chromium.browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start chromium before any test, when a browser test was collected.

    Starting Playwright's sync API switches this thread to a new context (contextvars), where
    Django's database connections are new objects. Started later, after the test database is
    set up, the connections would lose what serialized_rollback restores from.
    """
    wanted = any(item.get_closest_marker("browser") for item in session.items)
    if wanted and sync_playwright is not None and CHROMIUM.exists():
        _start_chromium()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _Chromium.browser is not None:
        _Chromium.browser.close()
        _Chromium.playwright_manager.__exit__(None, None, None)
        _Chromium.browser = None
        if _Chromium.previous_async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = _Chromium.previous_async_unsafe


@pytest.fixture(scope="session")
def chromium() -> "Browser":
    """Debian's chromium, headless, shared by the whole test session."""
    require_tool(
        sync_playwright is not None,
        "Playwright for Python",
        "run `make install` (it is pinned in requirements.txt)",
    )
    require_tool(
        CHROMIUM.exists(),
        f"Chromium ({CHROMIUM})",
        "install Debian's package with `sudo apt-get install chromium` (`make test` does this "
        "when run as root), or point $CHROMIUM at a chromium binary",
    )
    assert _Chromium.browser is not None, "chromium is started only for tests marked browser"
    return _Chromium.browser


@pytest.fixture
def checked_site_in_every_language(checked_site):
    """``checked_site`` with a copy of every page in Welsh, Polish and Urdu, as `make run` loads
    it, so that the page checks (tests/pages.py) see every language's pages."""
    from agreements.translation import ensure_locale_trees

    ensure_locale_trees()
    return checked_site


def sign_in_context(context: "BrowserContext", user, base_url: str) -> None:
    """Give the browser the session cookie of ``user``, signed in without the form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": base_url, "httpOnly": True}]
    )


@pytest.fixture
def open_page(chromium, live_server) -> Iterator[Callable[..., "Page"]]:
    """``open_page(path, viewport="desktop", user=None, status=200)``: a new browser tab (its
    own cookies) at ``path`` on the live server, signed in as ``user`` when given. The response
    must have ``status``. Pass ``path=None`` for a blank tab."""
    contexts: list[BrowserContext] = []

    def open_(path: str | None, viewport: str = "desktop", user=None, status: int = 200) -> "Page":
        context = chromium.new_context(
            base_url=live_server.url,
            viewport=VIEWPORTS[viewport],
            reduced_motion="reduce",
        )
        contexts.append(context)
        context.set_default_timeout(10_000)
        if user is not None:
            sign_in_context(context, user, live_server.url)
        page = context.new_page()
        if path is not None:
            response = page.goto(path)
            assert response is not None and response.status == status, (
                f"{path} answered {response and response.status}, expected {status}"
            )
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def visit(chromium, live_server) -> Iterator[Callable[..., "Page"]]:
    """``visit(path, viewport="desktop", user=None, status=200)``: ``path`` loaded in a tab kept
    for the whole test, one tab for each viewport and user (signed in once, so one session), for
    tests that check many pages one after the other. The response must have ``status``.

    A new tab per page, as ``open_page`` gives, costs chromium a new browser context and renderer
    process, about three quarters of a page check's CPU: the tab kept loads each page afresh (a
    new document) with the same cookies, which the checked pages do not depend on."""
    tabs: dict[tuple[str, int | None], Page] = {}

    def visit_(path: str, viewport: str = "desktop", user=None, status: int = 200) -> "Page":
        key = (viewport, user.pk if user is not None else None)
        if key not in tabs:
            context = chromium.new_context(
                base_url=live_server.url,
                viewport=VIEWPORTS[viewport],
                reduced_motion="reduce",
            )
            context.set_default_timeout(10_000)
            if user is not None:
                sign_in_context(context, user, live_server.url)
            tabs[key] = context.new_page()
        page = tabs[key]
        response = page.goto(path)
        assert response is not None and response.status == status, (
            f"{path} answered {response and response.status}, expected {status}"
        )
        return page

    yield visit_
    for page in tabs.values():
        page.context.close()


#: Whether the page checks photograph every page they check (``SCREENSHOTS=1``), for a person to
#: look through; otherwise only a page that fails is photographed. A full-page picture of each
#: page was nearly half of the accessibility check's time.
EVERY_PAGE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"


def save_screenshot(page: "Page", name: str, folder: str = "") -> Path:
    """A full-page screenshot in test-results/screenshots/<folder>/<name>.png, for a person."""
    path = SCREENSHOTS_DIR / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Longer than the 10 s a page action gets: a long page on a busy machine can take more, and
    # the picture is for a person, not an assertion.
    page.screenshot(path=str(path), full_page=True, timeout=60_000)
    return path

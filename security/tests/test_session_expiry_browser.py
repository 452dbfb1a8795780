"""The session notice's script, in chromium: shortly before the session ends it warns, and
"Stay signed in" keeps the session going without leaving the page."""

from accounts.factories import PractitionerFactory
from tests.browser.fixtures import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_the_warning_appears_and_stay_signed_in_restarts_the_idle_window(open_page, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    settings.SESSION_EXPIRY_WARNING_SECONDS = 57  # the warning after about 3 seconds
    page = open_page("/agreements/", user=PractitionerFactory())
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    warning = page.locator("[data-session-warning]")

    warning.get_by_role("button", name="Stay signed in").click(timeout=10_000)

    # A locator's wait, not wait_for_function: the page's CSP forbids evaluating a string.
    warning.get_by_role("button", name="Stay signed in").wait_for(state="detached", timeout=10_000)
    assert page.url.endswith("/agreements/")
    assert problems == []
    warning.get_by_text("you will be signed out soon").wait_for(timeout=10_000)

"""By keyboard alone: the browse journey (the skip link, a visible focus at every stop, no
keyboard traps, and the templates, the ISF template, the language switcher and search all
reached with Tab and Enter), signing in, and a visible focus and no trap on every page that the
page checks find (tests/pages.py). tests/browser/keyboard.py is the harness, for more journeys."""

import pytest

from agreements.seed_content import isf
from tests.pages import one_page_of_each_kind, source_language_pages

from .fixtures import BROWSER_TEST, VIEWPORTS
from .keyboard import KeyboardTrapError, KeyboardUser, Stop, invisible_stops

pytestmark = [*BROWSER_TEST, pytest.mark.one_database]

ISF_PATH = f"/templates/{isf.SLUG}/"


def describe(stops: list[Stop]) -> str:
    return "\n  ".join(str(stop) for stop in stops)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(
    every_language, open_page, viewport
):
    page = open_page(ISF_PATH, viewport=viewport)
    user = KeyboardUser(page)

    skip = user.tab()
    assert skip is not None and skip.text == "Skip to main content"
    assert skip.focus_visible, f"the skip link shows no focus: {skip.changed}"

    assert user.press("Enter").is_main
    assert page.url.endswith("#main-content")
    first_in_main = user.tab()
    assert first_in_main.region == "main", f"after the skip link, Tab went to {first_in_main}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_stop_shows_focus_and_tab_leaves_the_page_both_ways(every_language, visit, viewport):
    # One test for the five pages (each loaded afresh in the kept tab), not one each: a browser
    # test loads the seed content in every language for itself, which costs more than the walk.
    failures = []
    for path in ["/", "/templates/", ISF_PATH, "/search/", "/ur" + ISF_PATH]:
        user = KeyboardUser(visit(path, viewport=viewport))

        forwards = user.tab_through_page()
        backwards = user.tab_through_page(backwards=True)

        if [stop.region for stop in forwards[:1]] != ["body"]:
            failures.append(f"{path}: the skip link does not come first")
        if "main" not in {stop.region for stop in forwards}:
            failures.append(f"{path}: nothing in main:\n  {describe(forwards)}")
        if invisible_stops(forwards):
            failures.append(
                f"{path}: focus cannot be seen at these stops:\n  "
                + describe(invisible_stops(forwards))
            )
        # Shift+Tab visits the same stops in reverse, so nothing catches focus going back either.
        if [stop.key for stop in backwards] != [stop.key for stop in reversed(forwards)]:
            failures.append(
                f"{path}: Shift+Tab does not visit the stops in reverse:\n  " + describe(backwards)
            )

    assert not failures, "\n".join(failures)


def test_browse_from_home_to_the_isf_template_by_keyboard(every_language, open_page):
    page = open_page("/")
    user = KeyboardUser(page)

    to_templates = user.tab_to(lambda stop: stop.href == "/templates/", "the templates link")
    assert to_templates[-1].focus_visible
    user.follow()
    assert page.url.endswith("/templates/")

    to_isf = user.tab_to(lambda stop: stop.href == ISF_PATH, "the ISF template")
    assert to_isf[-1].region == "main"
    assert not invisible_stops(to_isf), describe(invisible_stops(to_isf))
    user.follow()
    assert page.url.endswith(ISF_PATH)
    assert "Individual Support Fund" in page.locator("h1").inner_text()

    # The content: the skip link, then Tab reaches what is inside the template.
    user.tab()
    assert user.press("Enter").is_main
    in_main = user.tab_through_page()
    inside = [stop for stop in in_main if stop.region == "main"]
    assert len(inside) >= 2, f"Tab found too little in the template:\n  {describe(in_main)}"
    assert not invisible_stops(in_main), describe(invisible_stops(in_main))


def test_language_switcher_is_reached_and_used_by_keyboard(every_language, open_page):
    page = open_page(ISF_PATH)
    user = KeyboardUser(page)

    path = user.tab_to(lambda stop: stop.hreflang == "cy", "the link to Welsh")
    assert path[-1].text == "Cymraeg"
    assert path[-1].focus_visible
    user.follow()

    assert page.url.endswith("/cy" + ISF_PATH)
    assert page.locator("html").get_attribute("lang") == "cy"
    # And back, from the Welsh page's own switcher.
    user.tab_to(lambda stop: stop.hreflang == "en-gb", "the link to English")
    user.follow()
    assert page.url.endswith(ISF_PATH) and "/cy/" not in page.url


def test_search_is_reached_and_used_by_keyboard(every_language, open_page):
    page = open_page("/")
    user = KeyboardUser(page)

    user.tab_to(lambda stop: stop.href == "/search/", "the search link")
    user.follow()
    field = user.tab_to(lambda stop: stop.tag == "input" and stop.name == "q", "the search box")
    assert field[-1].focus_visible
    user.type("Coordinate and attend regular reviews")
    user.follow()
    assert "q=Coordinate" in page.url

    result = user.tab_to(lambda stop: (stop.href or "").endswith("#area-3"), "the result")
    assert result[-1].region == "main" and result[-1].focus_visible
    user.follow()
    assert page.url.endswith(ISF_PATH + "#area-3")


def test_sign_in_by_keyboard(seeded_site, practitioner, open_page):
    """The first half of the practitioners' journeys: from any page to signed in, by keyboard."""
    page = open_page(ISF_PATH)
    user = KeyboardUser(page)

    user.tab_to(lambda stop: stop.href == "/accounts/sign-in/", "the sign-in link")
    # The username field has focus on arrival (autofocus), ready to type in, and shows it.
    username = user.follow()
    assert username is not None and username.name == "username" and username.focus_visible
    user.type("pat")
    password = user.tab()
    assert password.name == "password" and password.focus_visible
    user.type("a-long-test-password")
    user.follow()  # Enter in a field submits its form

    assert page.get_by_role("link", name="My feedback").is_visible()
    signed_in = user.tab_to(lambda stop: stop.text == "Sign out", "the sign-out button")
    assert signed_in[-1].tag == "button" and signed_in[-1].focus_visible


def test_on_every_page_focus_shows_at_every_stop_and_nothing_traps_it(
    checked_site, practitioner, visit
):
    """One page of each kind that the axe and HTML checks find (tests/pages.py), in English (the
    other languages' copies are the same templates), tabbed through from the skip link to the end:
    the pages of a kind are one template with other data, so they have the same stops."""
    failures = []
    for checked in one_page_of_each_kind(source_language_pages(practitioner)):
        page = visit(
            checked.path,
            user=practitioner if checked.signed_in else None,
            status=checked.status,
        )
        user = KeyboardUser(page)
        on_arrival = user.focused()  # a field with autofocus, as on the sign-in page
        try:
            stops = user.tab_through_page()
        except KeyboardTrapError as trap:
            failures.append(f"{checked.path}: {trap}")
            continue
        if on_arrival is None and (not stops or stops[0].text != "Skip to main content"):
            failures.append(f"{checked.path}: the first stop is not the skip link")
        if invisible_stops(stops):
            failures.append(
                f"{checked.path}: focus cannot be seen at\n  " + describe(invisible_stops(stops))
            )

    assert not failures, "\n".join(failures)


def test_fork_edit_an_area_and_export_by_keyboard(seeded_site, practitioner, open_page):
    """The practitioners' journeys after signing in, by keyboard alone: use the ISF template,
    write what an area means for the person, and open the agreement's print view."""
    from personalised.models import PersonalisedAgreement

    page = open_page(ISF_PATH, user=practitioner)
    user = KeyboardUser(page)

    # Fork: from the template page to the form, every field filled by typing.
    user.tab_to(lambda stop: stop.text == "Use this template", "Use this template")
    user.follow()
    for name, text in [
        ("person_name", "Samira Khan"),
        ("known_as", "Samira"),
        ("party-local-authority", "Suffolk County Council"),
        ("party-provider", "Good Support Ltd"),
    ]:
        field = user.tab_to(lambda stop, name=name: stop.name == name, name)[-1]
        assert field.focus_visible, field
        user.type(text)
    submit = user.tab_to(lambda stop: stop.text == "Make the agreement", "the submit button")[-1]
    assert submit.focus_visible
    user.follow()
    agreement = PersonalisedAgreement.objects.get(owner=practitioner)
    assert page.url.endswith(agreement.get_absolute_url())

    # Edit an area: write what it means for Samira and save.
    user.tab_to(lambda stop: stop.text == "Edit the areas", "Edit the areas")
    user.follow()
    user.tab_to(lambda stop: stop.name == "this_means", "the 'this means' field")
    user.type("Samira chooses who visits her.")
    save = user.tab_to(lambda stop: stop.text == "Save and go to the next area", "save")[-1]
    assert save.focus_visible
    user.follow()
    agreement.refresh_from_db()
    assert "Samira chooses who visits her." in str(agreement.areas()[0].value["this_means"])

    # Export: back on the agreement, the print view is a link away.
    page.goto(agreement.get_absolute_url())
    user = KeyboardUser(page)
    link = user.tab_to(lambda stop: stop.text == "Print view", "Print view")[-1]
    assert link.focus_visible
    user.follow()
    assert "Samira chooses who visits her." in page.locator("main").inner_text()
    stops = user.tab_through_page()
    assert not invisible_stops(stops)

"""A person using the keyboard alone, for journey tests: presses keys and reports where focus is
and whether they can see it.

Whether focus is *visible* is measured, not assumed: before the first key on each page, the
computed style of every element is recorded unfocused (an element focused on arrival is blurred
for the moment it takes); each time focus lands on an element, its style is compared with that
record. Focus counts as visible when the element is on the screen and an outline or a box shadow
is drawn that was not there, or its background or border colour changed (WCAG 2.4.7; the site's
one focus style draws all of these). A journey::

    user = KeyboardUser(open_page("/"))
    skip = user.tab()                       # the first stop on every page
    assert skip.text == "Skip to main content" and skip.focus_visible
    user.press("Enter")
    assert user.focused().is_main
    user.tab_to(lambda stop: stop.href == "/templates/")
    user.follow()                           # Enter on the link, and wait for the next page
    stops = user.tab_through_page()         # raises KeyboardTrapError on a trap
    assert not invisible_stops(stops)

Stops are plain values, so a failure message can list the path that led there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

#: More stops than any page of the site has; reaching it means focus is going round in circles.
MAX_STOPS = 400

# Runs in the page (through the DevTools protocol, so the content security policy allows it):
# defines how a look is measured, and records every element's unfocused look, once per page.
_PREPARE = """
    window.__keyboardStyle = window.__keyboardStyle || ((element) => {
        const style = getComputedStyle(element);
        return {
            outline: style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0
                ? "none"
                : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            boxShadow: style.boxShadow,
            background: style.backgroundColor,
            border: `${style.borderTopColor} ${style.borderBottomColor}`,
        };
    });
    if (!window.__keyboardUnfocused) {
        // Something focused on arrival (autofocus) is measured unfocused for a moment.
        const arrived = document.activeElement;
        const focusedOnArrival = arrived && arrived !== document.body ? arrived : null;
        if (focusedOnArrival) {
            focusedOnArrival.blur();
        }
        const styles = new WeakMap();
        for (const element of document.querySelectorAll("*")) {
            styles.set(element, window.__keyboardStyle(element));
        }
        if (focusedOnArrival) {
            focusedOnArrival.focus({preventScroll: true});
        }
        window.__keyboardUnfocused = styles;
    }
"""
_PREPARE_JS = "() => {" + _PREPARE + "}"

_FOCUSED_JS = (
    "() => {"
    + _PREPARE
    + """
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
        return null;
    }
    const now = window.__keyboardStyle(element);
    const before = window.__keyboardUnfocused.get(element);
    const changed = before === undefined
        ? []
        : Object.keys(now).filter((key) => now[key] !== before[key] && now[key] !== "none");
    // A number per element, so that two links alike in every attribute are still two stops.
    window.__keyboardKeys = window.__keyboardKeys || new WeakMap();
    if (!window.__keyboardKeys.has(element)) {
        window.__keyboardCount = (window.__keyboardCount || 0) + 1;
        window.__keyboardKeys.set(element, window.__keyboardCount);
    }
    const box = element.getBoundingClientRect();
    const inViewport = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < window.innerHeight && box.left < window.innerWidth;
    const label = (element.getAttribute("aria-label") || element.innerText
        || element.value || "").trim().replace(/\\s+/g, " ");
    return {
        key: window.__keyboardKeys.get(element),
        tag: element.tagName.toLowerCase(),
        id: element.id,
        text: label.slice(0, 80),
        href: element.getAttribute("href"),
        hreflang: element.getAttribute("hreflang"),
        name: element.getAttribute("name"),
        type: element.getAttribute("type"),
        region: element.closest("main") ? "main"
            : element.closest("header") ? "header"
            : element.closest("footer") ? "footer" : "body",
        changed,
        inViewport,
    };
}"""
)


@dataclass(frozen=True)
class Stop:
    """Where focus is: the element, which landmark it is in, and how its look changed."""

    key: int  # which element of the page, so that two alike links are two stops
    tag: str
    id: str
    text: str
    href: str | None
    hreflang: str | None
    name: str | None
    type: str | None
    region: str
    changed: tuple[str, ...]
    in_viewport: bool

    @property
    def is_main(self) -> bool:
        return self.tag == "main"

    @property
    def focus_visible(self) -> bool:
        """Focus shows: its look changed, and it is on the screen, where a person looks."""
        return bool(self.changed) and self.in_viewport

    def __str__(self) -> str:
        where = f"#{self.id}" if self.id else ""
        target = f" → {self.href}" if self.href else ""
        return f"<{self.tag}{where}> “{self.text}”{target} in {self.region}"


#: Tab stops a date input takes on the same element before focus must move on.
DATE_PARTS = 3


class KeyboardTrapError(AssertionError):
    """Focus stopped moving, or went round in circles, before it left the page."""


class KeyboardUser:
    """Drives one Playwright page by keyboard only."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def _prepare(self) -> None:
        """Record the page's unfocused looks before the first key moves focus on it."""
        self.page.evaluate(_PREPARE_JS)

    def focused(self) -> Stop | None:
        """Where focus is now; None when nothing in the page has it (the body)."""
        found = self.page.evaluate(_FOCUSED_JS)
        if found is None:
            return None
        found["in_viewport"] = found.pop("inViewport")
        found["changed"] = tuple(found["changed"])
        return Stop(**found)

    def press(self, key: str) -> Stop | None:
        """Press a key (``"Enter"``, ``"Space"``, ``"Shift+Tab"``...) that stays on this page,
        and say where focus is."""
        self._prepare()
        self.page.keyboard.press(key)
        return self.focused()

    def follow(self, key: str = "Enter") -> Stop | None:
        """Press a key that loads another page (Enter on a link or a submit button), wait for
        it, and say where focus is there (None: at the start of the page, as on arrival)."""
        self._prepare()
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.page.wait_for_load_state()
        return self.focused()

    def tab(self) -> Stop | None:
        return self.press("Tab")

    def shift_tab(self) -> Stop | None:
        return self.press("Shift+Tab")

    def type(self, text: str) -> None:
        """Type into the focused field, as a person would."""
        self.page.keyboard.type(text)

    def tab_to(self, wanted: Callable[[Stop], bool], description: str = "") -> list[Stop]:
        """Press Tab until focus is on a stop that ``wanted`` accepts; the stops on the way,
        that one last. Fails when focus leaves the page, or never gets there."""
        path: list[Stop] = []
        for _press in range(MAX_STOPS):
            stop = self.tab()
            if stop is None:
                break
            path.append(stop)
            if wanted(stop):
                return path
        walked = "\n  ".join(str(stop) for stop in path)
        raise AssertionError(
            f"Tab never reached {description or 'the wanted element'} on {self.page.url}; "
            f"focus went:\n  {walked}"
        )

    def tab_through_page(self, backwards: bool = False) -> list[Stop]:
        """Every stop from where focus is to the end of the page (the start, ``backwards``).
        Fails on a keyboard trap: focus that stops moving, or comes back to a stop other than
        the first before leaving the page."""
        key = "Shift+Tab" if backwards else "Tab"
        path: list[Stop] = []
        seen: set[Stop] = set()
        repeats = 0
        for _press in range(MAX_STOPS):
            stop = self.press(key)
            # Focus leaves the page for the browser, or, in a headless browser that has no
            # toolbar to go to, comes round to the first stop again: both end the page.
            if stop is None or (path and stop == path[0]):
                return path
            # A date input takes one stop per part (day, month, year) on the same element.
            if path and stop == path[-1]:
                repeats += 1
                if repeats > DATE_PARTS:
                    raise KeyboardTrapError(
                        f"focus stopped moving at {stop} on {self.page.url}: a keyboard trap"
                    )
                continue
            repeats = 0
            if stop in seen:
                raise KeyboardTrapError(
                    f"focus came back to {stop} before leaving {self.page.url}: a keyboard "
                    "trap. The stops were:\n  " + "\n  ".join(str(each) for each in path)
                )
            seen.add(stop)
            path.append(stop)
        raise KeyboardTrapError(f"{MAX_STOPS} stops without leaving {self.page.url}")


def invisible_stops(stops: list[Stop]) -> list[Stop]:
    """The stops where a person could not see where focus is."""
    return [stop for stop in stops if not stop.focus_visible]

"""Database states that many tests share, built once and rolled back after each test.

Loading the seed content takes seconds; dozens of tests want it. So a shared state is built
once, inside transactions (savepoints) of its own that stay open while the tests that want it
run, one after the other: each test's own transaction (pytest-django's) is a savepoint inside
them, and rolling it back leaves the shared state as it was built. When a test that wants a
different state comes, the open layers are rolled back (the database is empty again, as
migrations left it) and what that test wants is built.

A state is a stack of layers, e.g. ``every_language`` is the seed content, then a copy of each
page in each language. Tests are ordered so that those wanting the same state run together
(see ``order_by_state``), so each state is built about once per run.

Only tests in one transaction can share: a transactional test (``transactional_db``,
``live_server``, the browser tests) commits, and Django empties the database after it. Those
tests, and Django's own TestCase classes (which close the connection after their class), run
with every layer rolled back, and build what they want inside the test, as before.
"""

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction


def _load_seed_content() -> None:
    from seeding.loader import load_seed_content

    load_seed_content()


def _ensure_locale_trees() -> None:
    from agreements.translation import ensure_locale_trees

    ensure_locale_trees()


# Each layer and how to build it (on the layers before it in a state).
LAYERS: dict[str, Callable[[], None]] = {
    "seed content": _load_seed_content,
    "locale trees": _ensure_locale_trees,
}

# The fixtures that stand for a shared state, and that state's layers, bottom first.
STATES: dict[str, tuple[str, ...]] = {
    "seeded_site": ("seed content",),
    "every_language": ("seed content", "locale trees"),
}


def register_state(fixture: str, build: Callable[[], None], on: Sequence[str] = ()) -> None:
    """A state of one test module's own: the layer ``build`` makes (on the layers ``on``), shared
    by the tests that ask for the fixture ``fixture`` as the seed content is by those asking for
    ``seeded_site``. The fixture reads ``SHARED_STATE.has(fixture)`` to know whether it is built."""
    LAYERS[fixture] = build
    STATES[fixture] = (*on, fixture)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _is_django_test_case(item: pytest.Item) -> bool:
    from django.test import SimpleTestCase

    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, SimpleTestCase)


def uses_database(item: pytest.Item) -> bool:
    return (
        item.get_closest_marker("django_db") is not None
        or "db" in getattr(item, "fixturenames", ())
        or _is_transactional(item)
        or _is_django_test_case(item)
    )


def wanted_layers(item: pytest.Item) -> tuple[str, ...]:
    """The layers ``item`` can share: those of the fullest state it asks for, or none when it
    cannot share (see the module's docstring)."""
    if _is_transactional(item) or _is_django_test_case(item):
        return ()
    names = getattr(item, "fixturenames", ())
    states = [layers for fixture, layers in STATES.items() if fixture in names]
    return max(states, key=len, default=())


def order_by_state(items: list[pytest.Item]) -> None:
    """Run the tests that share a state one after the other, after the other database tests
    and in pytest-django's order otherwise (database tests, then transactional ones, then the
    rest), so that each state is built about once."""
    position = {id(item): index for index, item in enumerate(items)}

    def group(item: pytest.Item) -> tuple:
        if not uses_database(item):
            return (2,)
        if _is_transactional(item):
            return (1,)
        return (0, wanted_layers(item))

    items.sort(key=lambda item: (group(item), position[id(item)]))


class SharedState:
    """The layers open on the test database's connection, bottom first."""

    def __init__(self) -> None:
        self.blocker = None  # pytest-django's django_db_blocker, once the test database exists
        self._open: list[tuple[str, transaction.Atomic]] = []

    @property
    def layers(self) -> tuple[str, ...]:
        return tuple(name for name, _atomic in self._open)

    def has(self, fixture: str) -> bool:
        """Whether the state ``fixture`` stands for is built and open: when not, the fixture
        builds it inside the test."""
        return self.layers[: len(STATES[fixture])] == STATES[fixture]

    def _unblocked(self) -> AbstractContextManager:
        return self.blocker.unblock()

    def switch_to(self, wanted: Sequence[str]) -> None:
        """Roll back the open layers that ``wanted`` does not start with, then build the rest."""
        if self.blocker is None:  # no test database yet: the test's fixture builds it inside
            return
        wanted = tuple(wanted)
        with self._unblocked():
            while self.layers != wanted[: len(self.layers)]:
                self._roll_back_top()
            for name in wanted[len(self.layers) :]:
                atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
                # As Django's TestCase marks its own: a durable atomic block in the code under
                # test treats this one as the test's, not as an enclosing transaction.
                atomic._from_testcase = True
                atomic.__enter__()
                self._open.append((name, atomic))
                try:
                    LAYERS[name]()
                except BaseException:
                    self._roll_back_top()
                    raise

    def roll_back_all(self) -> None:
        if self._open:
            with self._unblocked():
                while self._open:
                    self._roll_back_top()

    def _roll_back_top(self) -> None:
        _name, atomic = self._open.pop()
        transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
        atomic.__exit__(None, None, None)


#: The one SharedState of a test session (conftest.py opens and closes it).
SHARED_STATE = SharedState()

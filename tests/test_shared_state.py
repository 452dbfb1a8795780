"""The shared seed content: built once, yet each test sees it as loaded, and no other test sees it.

The first two tests run one after the other (tests sharing a state keep their file order), so
the second proves that the first's changes were rolled back.
"""

import pytest
from wagtail.models import Page

from agreements.models import TemplatePage
from agreements.seed_content import isf
from guidance.models import GuidancePage
from home.models import HomePage
from tests.shared_state import STATES, SharedState, order_by_state


def test_a_change_to_the_seeded_site_is_made_in_one_test(seeded_site):
    TemplatePage.objects.get(slug=isf.SLUG).delete()
    GuidancePage.objects.all().delete()

    assert not TemplatePage.objects.filter(slug=isf.SLUG).exists()


def test_the_next_test_sees_the_seeded_site_as_loaded(seeded_site):
    assert TemplatePage.objects.filter(slug=isf.SLUG).live().exists()
    assert GuidancePage.objects.live().exists()


@pytest.mark.django_db
def test_a_test_without_the_seeded_site_sees_an_empty_tree():
    assert not HomePage.objects.exists()
    assert not TemplatePage.objects.exists()


def test_the_home_page_fixture_makes_the_only_site_root(home_page):
    assert list(HomePage.objects.all()) == [home_page]
    assert not TemplatePage.objects.exists()


@pytest.mark.django_db
def test_switching_state_rolls_back_the_layers_it_does_not_share(django_db_blocker):
    state = SharedState()
    state.blocker = django_db_blocker
    welsh_copies = TemplatePage.objects.filter(locale__language_code="cy")

    state.switch_to(STATES["every_language"])
    assert state.has("seeded_site") and state.has("every_language")
    assert welsh_copies.exists()

    state.switch_to(STATES["seeded_site"])
    assert state.has("seeded_site") and not state.has("every_language")
    assert TemplatePage.objects.filter(slug=isf.SLUG).exists()
    assert not welsh_copies.exists()

    state.roll_back_all()
    assert state.layers == ()
    assert not HomePage.objects.exists()
    assert not Page.objects.filter(slug=isf.SLUG).exists()


class _Item:
    """Just what ordering reads of a test."""

    def __init__(self, name: str, fixtures: tuple[str, ...] = (), marker=None) -> None:
        self.name = name
        self.fixturenames = fixtures
        self._marker = marker

    def get_closest_marker(self, name: str):
        return self._marker if name == "django_db" else None


def test_tests_sharing_a_state_run_together_after_the_other_database_tests():
    items = [
        _Item("languages", ("db", "seeded_site", "every_language")),
        _Item("seeded 1", ("db", "seeded_site")),
        _Item("no database"),
        _Item("browser", ("db", "seeded_site", "live_server")),
        _Item("empty tree", ("db",)),
        _Item("seeded 2", ("db", "seeded_site")),
        _Item("marked", (), pytest.mark.django_db.mark),
    ]

    order_by_state(items)

    assert [item.name for item in items] == [
        "empty tree",
        "marked",
        "seeded 1",
        "seeded 2",
        "languages",
        "browser",
        "no database",
    ]

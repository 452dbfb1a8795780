"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from tests.shared_state import SHARED_STATE, order_by_state, uses_database, wanted_layers

# Browser fixtures (chromium, open_page, ...) for every app's tests: see tests/browser/fixtures.py.
pytest_plugins = ["tests.browser.fixtures"]

# The seed content (and the other states in tests/shared_state.py), built once for all the tests
# that want it and rolled back after each one: SHARED_STATE.


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, on which shared states may now be built; they are rolled
    back before it is destroyed."""
    SHARED_STATE.blocker = django_db_blocker
    yield
    SHARED_STATE.roll_back_all()
    SHARED_STATE.blocker = None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order_by_state(items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any of the test's fixtures, so that its own transaction opens on top of the state.
    if uses_database(item):
        SHARED_STATE.switch_to(wanted_layers(item))


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a page cached by one test (from a database that has
    since been rolled back) or one test's failed sign-ins must not reach the next."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request in Welsh leaves Welsh active in the
    thread (LocaleMiddleware activates it and nothing deactivates it), whatever test comes next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seeded_site(db):
    """The site as `make run` publishes it: home, indexes, both seed templates, guidance.

    Built once and shared (tests/shared_state.py); built here, inside the test, only by tests
    that cannot share it (transactional ones, such as the browser tests)."""
    if not SHARED_STATE.has("seeded_site"):
        call_command("load_seed_content", verbosity=0)


@pytest.fixture
def every_language(seeded_site):
    """The seeded site with a page in every language for each English page (aliases of the
    English until translated), as `make run` loads it. Shared like seeded_site."""
    from agreements.translation import ensure_locale_trees

    if not SHARED_STATE.has("every_language"):
        ensure_locale_trees()


@pytest.fixture
def home_page(db):
    from home.factories import HomePageFactory

    return HomePageFactory.as_site_root()


@pytest.fixture
def template_index(home_page):
    from agreements.factories import TemplateIndexPageFactory

    return TemplateIndexPageFactory(parent=home_page)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The interface translations compiled (as `make install` does), before any test runs in
    another language: Django keeps the first catalogue it loads for the rest of the process."""
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    call_command(
        "compilemessages",
        locale=languages,
        ignore_patterns=[".venv", "node_modules"],
        verbosity=0,
    )


@pytest.fixture
def practitioner(db, django_user_model):
    """A signed-up practitioner (no Wagtail admin access)."""
    from django.contrib.auth.models import Group

    from accounts.practitioners import PRACTITIONERS

    user = django_user_model.objects.create_user(
        username="pat",
        email="pat@example.org",
        password="a-long-test-password",  # noqa: S106
        first_name="Pat",
        last_name="Practitioner",
    )
    user.groups.add(Group.objects.get(name=PRACTITIONERS))
    return user


@pytest.fixture
def checked_site(seeded_site, practitioner):
    """The seeded site with the states the page checks should see as well: a template with two
    versions (so a comparison shows changes) and feedback from the practitioner, one piece of it
    answered."""
    from agreements.models import TemplatePage
    from agreements.seed_content import isf
    from guidance.feedback import Feedback, FeedbackStatus
    from versioning.models import PageVersion

    template = TemplatePage.objects.get(slug=isf.SLUG)
    draft = template.get_latest_revision_as_object()
    draft.body[1].value["party_prompts"][0]["prompts"][0] = "Help find the outcomes"
    draft.change_note = "Reworded the first prompt of Agreeing Outcomes."
    draft.save_revision().publish()
    area = next(block for block in template.body if block.block_type == "area")
    Feedback.objects.create(
        author=practitioner,
        page=template,
        area_block_id=area.id,
        area_title=area.value["title"],
        body="We could not agree who books the review meeting.",
    )
    Feedback.objects.create(
        author=practitioner,
        page=template,
        body="The prompts read well aloud with the family.",
        status=FeedbackStatus.ADDRESSED,
        addressed_in=PageVersion.objects.filter(page=template).order_by("number").last(),
        response="Thank you: we reworded the first prompt.",
    )
    return template

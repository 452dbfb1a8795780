"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

# Browser fixtures (chromium, open_page, ...) for every app's tests: see tests/browser/fixtures.py.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a page cached by one test (from a database that has
    since been rolled back) or one test's failed sign-ins must not reach the next."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A test client request under /ur/ leaves Urdu
    active in this thread (LocaleMiddleware activates, never deactivates), and an agreement
    forked in the next test would take that language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seeded_site(db):
    """The site as `make run` publishes it: home, indexes, both seed templates, guidance."""
    call_command("load_seed_content", verbosity=0)


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
    from django.conf import settings

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

    from agreements.accounts import PRACTITIONERS

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
    from agreements.models import PageVersion, TemplatePage
    from agreements.seed_content import isf
    from guidance.feedback import Feedback, FeedbackStatus

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

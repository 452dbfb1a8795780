"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


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

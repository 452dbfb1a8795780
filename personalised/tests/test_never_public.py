"""Personalised agreements never appear in search, the sitemap or the page tree."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import PersonalisedAgreement

pytestmark = pytest.mark.django_db

NAME = "Zephyrine Quillfeather"


@pytest.fixture
def agreement():
    owner = PractitionerFactory(username="owner")
    return PersonalisedAgreementFactory(
        owner=owner,
        template=published_template(),
        details=PersonDetailsFactory(person_name=NAME, known_as="Zephyrine"),
    )


def test_agreements_are_not_in_the_search_index_or_the_results(client, agreement):
    call_command("update_index", verbosity=0)
    content_type = ContentType.objects.get_for_model(PersonalisedAgreement)

    assert PersonalisedAgreement not in get_indexed_models()
    assert not IndexEntry.objects.filter(content_type=content_type).exists()
    for user in (None, agreement.owner):  # not even for its owner
        if user:
            client.force_login(user)
        response = client.get("/search/", {"q": "Zephyrine"})
        assert response.status_code == 200
        assert "Zephyrine" in response.context["query"]
        assert list(response.context["results_page"]) == []


def test_agreements_are_not_in_the_sitemap(client, agreement):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "<loc>" in sitemap  # the published template is there
    assert "/agreements/" not in sitemap
    assert str(agreement.uuid) not in sitemap


def test_agreements_are_not_in_the_page_tree(agreement):
    pages_before = Page.objects.count()

    PersonalisedAgreementFactory(owner=agreement.owner, template=agreement.source_page)

    assert Page.objects.count() == pages_before
    assert not issubclass(PersonalisedAgreement, Page)
    assert not Page.objects.filter(title__icontains="Zephyrine").exists()

"""An id too large for any database, in a URL or a query string, names nothing: a 404 or a
message at the field, never a server error (OverflowError on SQLite, DataError elsewhere)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.factories import PractitionerFactory
from personalised.factories import PersonalisedAgreementFactory

pytestmark = pytest.mark.django_db

HUGE = "9999999999999999999999999"
# One past the largest id a database integer holds.
JUST_TOO_LARGE = str(2**63)


@pytest.fixture
def owned(client):
    owner = PractitionerFactory()
    client.force_login(owner)
    client.raise_request_exception = False
    return client, PersonalisedAgreementFactory(owner=owner)


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
def test_using_a_template_with_an_out_of_range_id_is_not_found(owned, number):
    client, _agreement = owned

    assert client.get(f"/agreements/new/{number}/").status_code == 404
    assert client.post(f"/agreements/new/{number}/", {"known_as": "Sam"}).status_code == 404


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
def test_filtering_my_agreements_by_an_out_of_range_template_says_so_at_the_field(owned, number):
    client, agreement = owned

    response = client.get(reverse("agreements:list"), {"template": number})

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Select a valid choice" in page.select_one("#id_template_error").get_text()
    # The invalid filter is ignored: the agreement is still listed.
    assert page.find("a", href=agreement.get_absolute_url()) is not None


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
def test_every_other_id_in_an_agreements_url_or_query_is_not_found_or_refused(owned, number):
    client, agreement = owned
    base = f"/agreements/{agreement.uuid}"

    assert client.post(f"{base}/sharing/{number}/", {"revoke": "on"}).status_code == 404
    assert client.get(f"{base}/history/{number}/").status_code == 404
    assert client.post(f"{base}/history/{number}/restore/").status_code == 404
    compare = client.get(f"{base}/history/compare/", {"old": number, "new": number})
    assert compare.status_code == 200
    assert "Select a valid choice" in compare.content.decode()


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
def test_feedback_on_an_out_of_range_page_is_not_found_or_refused(owned, number):
    client, _agreement = owned

    assert client.get(reverse("leave_feedback"), {"page": number}).status_code == 404
    refused = client.post(reverse("leave_feedback"), {"page": number, "body": "Hello"})
    assert refused.status_code == 200
    assert "Feedback can only be left on a published" in refused.content.decode()


@pytest.mark.parametrize("number", [HUGE, JUST_TOO_LARGE])
def test_a_templates_versions_with_out_of_range_numbers_are_not_found(owned, number):
    client, agreement = owned
    template_url = agreement.source_page.url

    assert client.get(f"{template_url}versions/{number}/").status_code == 404
    assert client.get(f"{template_url}versions/1/compare/{number}/").status_code == 404
    assert client.get(f"/api/v2/pages/{number}/").status_code == 404

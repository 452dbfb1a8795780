"""A refused bulk publish sends the editor back where they came from: only to this site."""

import pytest
from django.urls import reverse

from agreements.factories import published_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused_publish(client, django_user_model):
    """Post a bulk publish of a draft without a change note, with a ``next`` address."""
    template = published_template()
    draft = template.get_latest_revision_as_object()
    draft.title = "Draft title"
    draft.change_note = ""
    draft.save_revision()
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    bulk_publish = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    def post(next_url: str, secure: bool = False):
        return client.post(
            bulk_publish,
            {"include_descendants": ""},
            query_params={"id": template.pk, "next": next_url},
            secure=secure,
        )

    return post


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "https://testserver.evil.example/admin/",
    ],
)
def test_a_refused_bulk_publish_never_redirects_off_the_site(refused_publish, next_url):
    response = refused_publish(next_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore_root")


def test_a_refused_bulk_publish_over_https_never_redirects_to_http(refused_publish):
    response = refused_publish("http://testserver/admin/pages/", secure=True)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore_root")


def test_a_refused_bulk_publish_returns_to_the_admin_page_it_came_from(refused_publish):
    response = refused_publish("/admin/pages/3/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/3/"

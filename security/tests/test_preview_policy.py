"""Editors see their page in the Wagtail admin's preview: a preview may be framed by the admin
(the site's own origin), while the public pages may be framed by nobody."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.practitioners import EDITORS
from agreements.factories import TemplatePageFactory

from .test_content_security_policy import STRICT_DIRECTIVES, directives

pytestmark = pytest.mark.django_db

# The public policy, but framed by the admin that shows the preview: nothing inline, still.
PREVIEW_DIRECTIVES = {**STRICT_DIRECTIVES, "frame-ancestors": "'self'"}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="edie", password="a-long-password")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


@pytest.fixture
def template(template_index):
    page = TemplatePageFactory(parent=template_index, slug="a-template", title="A template")
    page.save_revision().publish()
    return page


def preview_form(title: str) -> dict:
    """What the admin's editor posts for its live preview: a template with one clause."""
    return nested_form_data(
        {
            "title": title,
            "slug": "a-template",
            "maturity": "working-draft",
            "provenance": "Written with two councils.",
            "intro": rich_text("<p>How we will work together.</p>"),
            "body": streamfield(
                [
                    (
                        "clause",
                        {
                            "heading": "Ending the agreement",
                            "reference_key": "ending",
                            "content": streamfield([("paragraph", "With a month's notice.")]),
                        },
                    )
                ]
            ),
        }
    )


def assert_may_be_framed_by_the_admin(response) -> None:
    assert directives(response["Content-Security-Policy"]) == PREVIEW_DIRECTIVES
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_preview_of_an_edited_template_may_be_framed_by_the_admin(client, editor, template):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[template.pk])

    posted = client.post(url, preview_form("A template, previewed"))
    response = client.get(url, {"in_preview_panel": "true", "mode": ""})

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    assert "A template, previewed" in response.text
    assert_may_be_framed_by_the_admin(response)


def test_preview_of_a_new_template_may_be_framed_by_the_admin(client, editor, template_index):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["agreements", "templatepage", template_index.pk],
    )

    posted = client.post(url, preview_form("A new template, previewed"))
    response = client.get(url, {"in_preview_panel": "true", "mode": ""})

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    assert "A new template, previewed" in response.text
    assert_may_be_framed_by_the_admin(response)


def test_preview_of_an_earlier_revision_may_be_framed_by_the_admin(client, editor, template):
    url = reverse(
        "wagtailadmin_pages:revisions_view", args=[template.pk, template.latest_revision_id]
    )

    response = client.get(url)

    assert response.status_code == 200
    assert "A template" in response.text
    assert_may_be_framed_by_the_admin(response)


def test_the_previewed_page_itself_may_still_be_framed_by_nobody(client, editor, template):
    client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[template.pk]),
        preview_form("A template, previewed"),
    )

    response = client.get(template.url)

    assert directives(response["Content-Security-Policy"]) == STRICT_DIRECTIVES
    assert response["X-Frame-Options"] == "DENY"

"""Editors say whether each publication is a major or a minor change, beside its change note.
Only a major change moves the public "last updated" date; a first publication is always major."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from agreements.factories import published_template
from agreements.models import TemplatePage
from agreements.seed_content import isf
from agreements.tests.text import main_text
from versioning.models import ChangeKind, PageVersion
from versioning.tests.test_versions import ISF_URL, edit_form, make_user


@pytest.fixture
def isf_page(seeded_site) -> TemplatePage:
    return TemplatePage.objects.get(slug=isf.SLUG)


def publish_in_the_admin(client, page: TemplatePage, **changes):
    form = edit_form(page.get_latest_revision_as_object(), **changes)
    form["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)


def _backdate_versions(page: TemplatePage, days: int) -> None:
    """So that a later publication's date is visibly another day."""
    earlier = timezone.now() - timedelta(days=days)
    PageVersion.objects.filter(page=page).update(published_at=earlier)
    TemplatePage.objects.filter(pk=page.pk).update(
        last_published_at=earlier, last_updated_at=earlier
    )


def test_the_editor_chooses_major_or_minor_beside_the_change_note_major_first(
    isf_page, client, django_user_model
):
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))
    publish_in_the_admin(client, isf_page, change_note="Typo.", change_kind="minor")

    page = client.get(reverse("wagtailadmin_pages:edit", args=(isf_page.pk,))).text

    soup = BeautifulSoup(page, "html.parser")
    choices = {
        radio["value"]: radio.has_attr("checked") for radio in soup.select("[name=change_kind]")
    }
    # A fresh choice for each publication, as the change note is fresh: major unless changed.
    assert choices == {"major": True, "minor": False}


def test_a_minor_change_keeps_the_last_updated_date_and_says_so_in_the_history(
    isf_page, client, django_user_model
):
    _backdate_versions(isf_page, days=40)
    isf_page.refresh_from_db()
    before = isf_page.last_updated_at
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))

    response = publish_in_the_admin(
        client, isf_page, change_note="Fixed a typo.", change_kind="minor"
    )

    assert response.status_code == 302
    version = PageVersion.objects.filter(page=isf_page).first()
    assert (version.number, version.change_kind) == (2, ChangeKind.MINOR)
    client.logout()
    banner = main_text(client.get(ISF_URL).text)
    assert f"last updated {before:%-d %B %Y}" in banner
    assert f"{timezone.now():%-d %B %Y}" not in banner
    history = main_text(client.get(f"{ISF_URL}versions/").text)
    assert "Fixed a typo. (minor change)" in history
    # The version as published in the past says the date as it was then.
    assert f"last updated {before:%-d %B %Y}" in main_text(client.get(f"{ISF_URL}versions/2/").text)


def test_a_major_change_moves_the_last_updated_date(isf_page, client, django_user_model):
    _backdate_versions(isf_page, days=40)
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))

    publish_in_the_admin(client, isf_page, change_note="New prompts.", change_kind="major")

    isf_page.refresh_from_db()
    assert isf_page.last_updated_at == isf_page.last_published_at
    client.logout()
    assert f"last updated {timezone.now():%-d %B %Y}" in main_text(client.get(ISF_URL).text)


def test_a_form_without_the_choice_publishes_a_major_change(isf_page, client, django_user_model):
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))

    publish_in_the_admin(client, isf_page, change_note="From an older form.")

    assert PageVersion.objects.filter(page=isf_page).first().change_kind == ChangeKind.MAJOR


@pytest.mark.django_db
def test_a_first_publication_is_major_whatever_is_chosen():
    template = published_template(change_kind=ChangeKind.MINOR)

    (version,) = PageVersion.objects.filter(page=template)
    assert version.change_kind == ChangeKind.MAJOR
    template.refresh_from_db()
    assert template.last_updated_at == version.published_at

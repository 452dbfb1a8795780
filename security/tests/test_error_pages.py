"""With DEBUG off, errors get the site's own pages, which say what to do next and give away
nothing: no traceback, no settings, no file paths, no exception text, no usernames."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from agreements.tests.text import main_text

from .raising_urls import SECRET_DETAIL

LEAKS = [
    "Traceback",
    "hunter2",
    "/srv/app",
    "settings.py",
    "site-packages",
    "DEBUG",
    "CSRF cookie",
    "Referer",
]


def assert_leaks_nothing(html: str, *also: str) -> None:
    found = [leak for leak in [*LEAKS, *also] if leak in html]
    assert found == []


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "security.tests.raising_urls"


@pytest.mark.django_db
def test_server_error_page(seeded_site):
    client = Client(raise_request_exception=False)

    response = client.get("/test-crash/")

    assert response.status_code == 500
    assert "Something went wrong" in main_text(response.text)
    assert "Nothing you had saved has been lost" in response.text
    assert_leaks_nothing(response.text, SECRET_DETAIL)


@pytest.mark.django_db
def test_bad_request_page_for_a_suspicious_request(client):
    response = client.get("/test-suspicious/")

    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in main_text(response.text)
    assert_leaks_nothing(response.text, SECRET_DETAIL)


@pytest.mark.django_db
def test_bad_request_page_for_a_host_that_is_not_ours(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.text
    assert_leaks_nothing(response.text, "attacker.example", "ALLOWED_HOSTS")


@pytest.mark.django_db
def test_not_found_page_does_not_echo_the_address(seeded_site, client):
    response = client.get("/templates/%3Cscript%3Ealert(1)%3C/script%3E-secret-path/")

    assert response.status_code == 404
    assert "Page not found" in main_text(response.text)
    assert_leaks_nothing(response.text, "secret-path", "<script>alert")


@pytest.mark.django_db
def test_forbidden_page_names_neither_the_user_nor_the_reason(
    seeded_site, client, django_user_model
):
    editor = django_user_model.objects.create_user(username="eddie-editor", password="x" * 20)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get("/feedback/")  # practitioners only

    assert response.status_code == 403
    assert "You cannot see this page" in main_text(response.text)
    assert "Go to the home page" in response.text
    assert_leaks_nothing(response.text, "eddie-editor", "Only practitioners")


@pytest.mark.django_db
def test_csrf_failure_page_explains_what_to_do(seeded_site):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/sign-in/", {"username": "sam", "password": "x"})

    assert response.status_code == 403
    text = main_text(response.text)
    assert "Your form could not be sent" in text
    assert "reload the page" in text
    assert '<a class="skip-link" href="#main-content">' in response.text  # the site's design
    assert_leaks_nothing(response.text, "sam")

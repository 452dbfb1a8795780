"""Signed-in sessions end after 30 minutes without use and after 10 hours at the latest, for
practitioners and editors alike; every signed-in page says when, and the sign-in page says why
a session ended."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.factories import PractitionerFactory
from agreements.tests.text import main_text
from security import session_expiry

MINUTE = 60
HOUR = 60 * MINUTE
# 09:00 UTC on 1 March 2027: 09:00 in London too (GMT).
START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC).timestamp()


@pytest.fixture
def clock(monkeypatch):
    """The time the session clock reads, moved on by the test."""

    class Clock:
        now = START

        def advance(self, seconds: float) -> None:
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr(session_expiry, "_now", lambda: clock.now)
    return clock


@pytest.fixture
def practitioner_client(client, db, clock):
    client.force_login(PractitionerFactory(username="sam"))
    return client


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def agreements_page(client):
    return client.get(reverse("agreements:list"))


def test_after_30_minutes_without_use_a_practitioner_is_signed_out_and_told_why(
    practitioner_client, clock
):
    clock.advance(29 * MINUTE)
    assert agreements_page(practitioner_client).status_code == 200
    clock.advance(30 * MINUTE + 1)

    response = agreements_page(practitioner_client)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('sign_in')}?next={reverse('agreements:list')}"
    assert not signed_in(practitioner_client)
    sign_in_page = main_text(practitioner_client.get(response["Location"]).content.decode())
    assert (
        "You were signed out because you had not used the site for 30 minutes. "
        "Sign in again to carry on." in sign_in_page
    )


def test_using_the_site_keeps_the_session_going(practitioner_client, clock):
    for _ in range(4):
        clock.advance(25 * MINUTE)
        assert agreements_page(practitioner_client).status_code == 200

    assert signed_in(practitioner_client)


def test_after_10_hours_a_session_ends_however_busy(practitioner_client, clock):
    for _ in range(39):
        clock.advance(15 * MINUTE)
        assert agreements_page(practitioner_client).status_code == 200
    clock.advance(15 * MINUTE)

    response = agreements_page(practitioner_client)

    assert response.status_code == 302
    assert not signed_in(practitioner_client)
    sign_in_page = main_text(practitioner_client.get(response["Location"]).content.decode())
    assert "You were signed out because you can stay signed in for at most 10 hours." in (
        sign_in_page
    )


def test_the_limits_are_settings(practitioner_client, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * MINUTE
    clock.advance(5 * MINUTE + 1)

    assert agreements_page(practitioner_client).status_code == 302
    assert not signed_in(practitioner_client)


def test_every_signed_in_page_says_when_the_session_will_end(practitioner_client, clock):
    clock.advance(10 * MINUTE)

    page = agreements_page(practitioner_client).content.decode()

    footer = page[page.index("<footer") :]
    assert (
        "For your security, you will be signed out after 30 minutes without using the site "
        "(at 09:40 if you do nothing more), and at 19:00 at the latest."
    ) in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", footer))
    assert 'src="/static/js/session-expiry.js"' in page
    assert 'data-idle-seconds="1800"' in page
    assert f'action="{reverse("stay_signed_in")}"' in page


def test_signed_out_pages_have_no_session_notice(client, db):
    page = client.get(reverse("sign_in")).content.decode()

    assert "data-session-expiry" not in page
    assert "session-expiry.js" not in page


def test_stay_signed_in_restarts_the_idle_window(practitioner_client, clock):
    clock.advance(28 * MINUTE)

    answer = practitioner_client.post(
        reverse("stay_signed_in"), {"next": "/agreements/"}, HTTP_ACCEPT="application/json"
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "signed_in": True,
        "idle_seconds_left": 30 * MINUTE,
        "absolute_seconds_left": 10 * HOUR - 28 * MINUTE,
        "idle_ends": "09:58",
        "idle_ends_iso": "2027-03-01T09:58:00+00:00",
    }
    clock.advance(29 * MINUTE)
    assert agreements_page(practitioner_client).status_code == 200


def test_stay_signed_in_without_javascript_goes_back_to_the_page(practitioner_client):
    response = practitioner_client.post(reverse("stay_signed_in"), {"next": "/agreements/"})

    assert response.status_code == 302
    assert response["Location"] == "/agreements/"
    elsewhere = practitioner_client.post(
        reverse("stay_signed_in"), {"next": "https://evil.example/"}
    )
    assert elsewhere["Location"] == "/"


def test_stay_signed_in_cannot_revive_a_session_that_has_ended(practitioner_client, clock):
    clock.advance(31 * MINUTE)

    response = practitioner_client.post(reverse("stay_signed_in"), HTTP_ACCEPT="application/json")

    assert response.status_code == 302
    assert not signed_in(practitioner_client)


def test_an_editor_in_the_admin_is_signed_out_after_the_idle_limit_too(
    client, clock, django_user_model
):
    editor = django_user_model.objects.create_superuser(username="root", password="x" * 20)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    clock.advance(31 * MINUTE)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not signed_in(client)

"""After too many failed sign-ins for one username from one address, signing in is paused,
on the public sign-in and on both admin logins alike, with a page that says so."""

import time

import pytest
from django.contrib.auth.models import Group

from agreements.accounts import PRACTITIONERS
from agreements.tests.text import main_text

PASSWORD = "a-long-test-password"  # noqa: S105 a test account
SIGN_IN_URLS = ["/accounts/sign-in/", "/admin/login/", "/django-admin/login/"]


@pytest.fixture
def practitioner(django_user_model):
    user = django_user_model.objects.create_user(username="sam", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=PRACTITIONERS)[0])
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password=PASSWORD)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_THROTTLE_FAILURES = 3
    settings.LOGIN_THROTTLE_LOCKOUT_SECONDS = 15 * 60


def sign_in(client, url: str, username: str, password: str, address: str = "192.0.2.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, url: str, username: str, times: int, address: str = "192.0.2.1"):
    return [sign_in(client, url, username, "wrong", address) for _ in range(times)]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("url", SIGN_IN_URLS)
def test_failures_below_the_limit_get_the_usual_form_error(client, superuser, url):
    responses = fail(client, url, "root", 2)

    assert [response.status_code for response in responses] == [200, 200]
    assert "Too many attempts" not in responses[-1].text


@pytest.mark.django_db
@pytest.mark.parametrize("url", SIGN_IN_URLS)
def test_the_failure_that_reaches_the_limit_locks_out_with_a_clear_page(client, superuser, url):
    last = fail(client, url, "root", 3)[-1]

    assert last.status_code == 429
    assert last["Retry-After"] == str(15 * 60)
    text = main_text(last.text)
    assert "Too many attempts to sign in" in text
    assert "paused for 15 minutes" in text
    assert "Traceback" not in last.text


@pytest.mark.django_db
@pytest.mark.parametrize("url", SIGN_IN_URLS)
def test_locked_out_username_cannot_sign_in_even_with_the_right_password(client, superuser, url):
    fail(client, url, "root", 3)

    response = sign_in(client, url, "root", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_lockout_on_the_public_sign_in_also_applies_to_the_admin(client, superuser):
    fail(client, "/accounts/sign-in/", "root", 3)

    assert sign_in(client, "/admin/login/", "root", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_lockout_page_does_not_tell_whether_the_account_exists(client, practitioner):
    real = fail(client, "/accounts/sign-in/", "sam", 3)[-1]
    made_up = fail(client, "/accounts/sign-in/", "nobody-by-this-name", 3)[-1]

    assert real.status_code == made_up.status_code == 429
    assert main_text(real.text) == main_text(made_up.text)
    assert "sam" not in main_text(real.text)


@pytest.mark.django_db
def test_lockout_is_for_that_username_and_address_only(client, practitioner, superuser):
    fail(client, "/accounts/sign-in/", "sam", 3, address="192.0.2.1")

    # The same person from another address, and another person from the same address.
    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, "198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, "/accounts/sign-in/", "root", PASSWORD, "192.0.2.1").status_code == 302


@pytest.mark.django_db
def test_successful_sign_in_forgets_earlier_failures(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 2)
    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 302
    client.logout()

    responses = fail(client, "/accounts/sign-in/", "sam", 2)

    assert [response.status_code for response in responses] == [200, 200]


@pytest.mark.django_db
def test_lockout_ends_after_its_period(client, practitioner, settings):
    settings.LOGIN_THROTTLE_LOCKOUT_SECONDS = 1
    fail(client, "/accounts/sign-in/", "sam", 3)
    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 429

    time.sleep(1.1)

    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_username_case_does_not_get_round_the_lockout(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 3)

    assert sign_in(client, "/accounts/sign-in/", "SAM", "wrong").status_code == 429

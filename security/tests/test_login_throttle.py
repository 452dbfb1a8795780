"""Sign-in rate limiting (django-axes): too many failures for one username from one address, for
one username from anywhere, or from one address for any usernames, pause signing in, on the
public sign-in and both admin logins alike, with a page that says so. Usernames count as the
same however they are written (case, full-width look-alikes); behind trusted proxies each client
is counted by its own address, never by one it forged. Password reset requests and the share
form are limited too."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PractitionerFactory
from accounts.practitioners import PRACTITIONERS
from agreements.tests.text import main_text
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare

PASSWORD = "a-long-test-password"  # noqa: S105 a test account
SIGN_IN_URLS = ["/accounts/sign-in/", "/admin/login/", "/django-admin/login/"]
HERE = "192.0.2.1"
ELSEWHERE = "198.51.100.7"
PROXY = "10.0.0.1"
PROXY_2 = "10.0.0.2"


@pytest.fixture
def practitioner(django_user_model):
    user = django_user_model.objects.create_user(
        username="sam", email="sam@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get_or_create(name=PRACTITIONERS)[0])
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password=PASSWORD)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SIGN_IN_FAILURE_LIMITS = {"username_and_address": 3, "username": 5, "address": 7}
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.TRUSTED_PROXY_COUNT = 0


def sign_in(client, url: str, username: str, password: str, address: str = HERE, **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, url: str, username: str, times: int, address: str = HERE, **headers):
    return [sign_in(client, url, username, "wrong", address, **headers) for _ in range(times)]


def via_proxy(client_address: str, forged: str = "") -> dict:
    """A request as the one trusted proxy passes it on: it appends the address that connected
    to it to whatever X-Forwarded-For the client sent."""
    hops = f"{forged}, {client_address}" if forged else client_address
    return {"address": PROXY, "HTTP_X_FORWARDED_FOR": hops}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# ------------------------------------------------------------------ the lockout and its page


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
def test_a_right_password_while_locked_out_gets_the_same_answer_as_a_wrong_one(
    client, superuser, url
):
    fail(client, url, "root", 3)

    wrong = sign_in(client, url, "root", "wrong")
    right = sign_in(client, url, "root", PASSWORD)

    assert right.status_code == wrong.status_code == 429
    assert right["Retry-After"] == wrong["Retry-After"]
    assert main_text(right.text) == main_text(wrong.text)
    assert not signed_in(client)


@pytest.mark.django_db
def test_a_right_password_while_locked_out_does_not_end_the_lockout(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 3)

    sign_in(client, "/accounts/sign-in/", "sam", PASSWORD)
    sign_in(client, "/accounts/sign-in/", "ｓam", PASSWORD)  # a full-width look-alike

    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_lockout_on_the_public_sign_in_also_applies_to_the_admin(client, superuser):
    fail(client, "/accounts/sign-in/", "root", 3)

    assert sign_in(client, "/admin/login/", "root", PASSWORD).status_code == 429
    assert sign_in(client, "/django-admin/login/", "root", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_lockout_page_does_not_tell_whether_the_account_exists(client, practitioner):
    real = fail(client, "/accounts/sign-in/", "sam", 3)[-1]
    made_up = fail(client, "/accounts/sign-in/", "nobody-by-this-name", 3, ELSEWHERE)[-1]

    assert real.status_code == made_up.status_code == 429
    assert main_text(real.text) == main_text(made_up.text)
    assert "sam" not in main_text(real.text)


@pytest.mark.django_db
def test_lockout_ends_after_its_period(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 3)
    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD).status_code == 302
    assert signed_in(client)


# ------------------------------------------------------------------ one user, however written


@pytest.mark.django_db
def test_a_full_width_look_alike_username_counts_as_the_same_user(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 2)

    third = sign_in(client, "/accounts/sign-in/", "ｓａｍ", "wrong")  # NFKC: "sam"
    right = sign_in(client, "/accounts/sign-in/", "ｓam", PASSWORD)

    assert third.status_code == 429
    assert right.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_username_case_does_not_get_round_the_lockout(client, practitioner):
    fail(client, "/accounts/sign-in/", "sam", 3)

    assert sign_in(client, "/accounts/sign-in/", "SAM", "wrong").status_code == 429


# ------------------------------------------------------------------ usernames and addresses


@pytest.mark.django_db
def test_below_the_wider_limits_a_lockout_is_for_that_username_and_address_only(
    client, practitioner, superuser
):
    fail(client, "/accounts/sign-in/", "sam", 3, HERE)

    # The same person from another address, and another person from the same address.
    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, ELSEWHERE).status_code == 302
    client.logout()
    assert sign_in(client, "/accounts/sign-in/", "root", PASSWORD, HERE).status_code == 302


@pytest.mark.django_db
def test_one_address_trying_many_usernames_is_locked_out(client, practitioner):
    for number in range(7):
        sign_in(client, "/accounts/sign-in/", f"guess{number}", "wrong", HERE)

    from_here = sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, HERE)
    from_elsewhere = sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, ELSEWHERE)

    assert from_here.status_code == 429
    assert from_elsewhere.status_code == 302


@pytest.mark.django_db
def test_many_addresses_trying_one_username_lock_that_username(client, practitioner, superuser):
    for number in range(5):
        sign_in(client, "/accounts/sign-in/", "sam", "wrong", f"203.0.113.{number + 1}")

    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, ELSEWHERE).status_code == 429
    assert sign_in(client, "/accounts/sign-in/", "root", PASSWORD, ELSEWHERE).status_code == 302


@pytest.mark.django_db
def test_signing_in_to_another_account_does_not_clear_an_addresses_failures(
    client, practitioner, superuser
):
    fail(client, "/accounts/sign-in/", "sam", 2)
    assert sign_in(client, "/accounts/sign-in/", "root", PASSWORD).status_code == 302
    client.logout()

    assert sign_in(client, "/accounts/sign-in/", "sam", "wrong").status_code == 429


# ------------------------------------------------------------------ behind reverse proxies


@pytest.mark.django_db
def test_behind_a_proxy_each_client_is_counted_by_its_own_address(client, practitioner, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, "/accounts/sign-in/", "sam", 3, **via_proxy("203.0.113.9"))

    from_that_client = sign_in(
        client, "/accounts/sign-in/", "sam", PASSWORD, **via_proxy("203.0.113.9")
    )
    from_another = sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, **via_proxy(ELSEWHERE))

    assert from_that_client.status_code == 429
    assert from_another.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_a_forged_first_forwarded_for_hop_is_not_taken_for_the_client(
    client, practitioner, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = "203.0.113.9"
    for number in range(3):
        forged = f"192.0.2.{number + 50}"
        sign_in(client, "/accounts/sign-in/", "sam", "wrong", **via_proxy(attacker, forged))

    again = sign_in(
        client, "/accounts/sign-in/", "sam", PASSWORD, **via_proxy(attacker, "192.0.2.99")
    )
    real_user = sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, **via_proxy(ELSEWHERE))

    assert again.status_code == 429
    assert real_user.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {attacker}


@pytest.mark.django_db
def test_with_two_trusted_proxies_the_second_hop_from_the_right_is_the_client(
    client, practitioner, settings
):
    settings.TRUSTED_PROXY_COUNT = 2
    hops = {"HTTP_X_FORWARDED_FOR": f"192.0.2.99, 203.0.113.9, {PROXY}"}

    fail(client, "/accounts/sign-in/", "sam", 1, PROXY_2, **hops)

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_for_header_is_ignored(client, practitioner):
    for number in range(3):
        sign_in(
            client, "/accounts/sign-in/", "sam", "wrong", HERE,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 50}",
        )  # fmt: skip

    assert sign_in(client, "/accounts/sign-in/", "sam", PASSWORD, HERE).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HERE}


# ------------------------------------------------------------------ password reset


@pytest.fixture
def reset_limits(settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "password_reset_address": {"count": 3, "seconds": 3600},
        "password_reset_email": {"count": 2, "seconds": 3600},
    }


def request_reset(client, email: str, address: str = HERE):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_password_reset_requests_from_one_address_are_limited(client, practitioner, reset_limits):
    for number in range(3):
        assert request_reset(client, f"someone{number}@example.org").status_code == 302

    refused = request_reset(client, "sam@example.org")

    assert refused.status_code == 429
    assert "Too many requests for a new password" in main_text(refused.text)
    assert refused.context["form"]["email"].value() == "sam@example.org"
    assert mail.outbox == []
    assert request_reset(client, "sam@example.org", ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_password_reset_requests_for_one_email_address_are_limited(
    client, practitioner, reset_limits
):
    request_reset(client, "sam@example.org", "203.0.113.1")
    request_reset(client, "SAM@example.org", "203.0.113.2")

    refused = request_reset(client, "sam@example.org", "203.0.113.3")

    assert refused.status_code == 429
    assert "Too many requests for a new password" in main_text(refused.text)
    assert len(mail.outbox) == 2


# ------------------------------------------------------------------ the share form


@pytest.mark.django_db
def test_the_share_form_is_limited_per_practitioner(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "share": {"count": 3, "seconds": 3600}}
    owner = PractitionerFactory(username="owner")
    agreement = PersonalisedAgreementFactory(owner=owner)
    colleague = PractitionerFactory(username="carol")
    url = reverse("agreements:share", kwargs={"uuid": agreement.uuid})
    client.force_login(owner)
    for number in range(3):
        client.post(url, {"who": f"guess{number}@example.org", "permission": "view"})

    refused = client.post(url, {"who": "carol", "permission": "view"})

    assert refused.status_code == 429
    assert "You have tried to share too often" in main_text(refused.text)
    assert refused.context["form"]["who"].value() == "carol"
    assert not AgreementShare.objects.filter(agreement=agreement, user=colleague).exists()
    other = PersonalisedAgreementFactory(owner=colleague)
    client.force_login(colleague)
    other_url = reverse("agreements:share", kwargs={"uuid": other.uuid})
    assert client.post(other_url, {"who": "owner", "permission": "view"}).status_code == 302

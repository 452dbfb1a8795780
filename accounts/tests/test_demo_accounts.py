"""The demo accounts that `make run` creates: the right groups, idempotent, never without DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from accounts.practitioners import DEMO_ACCOUNTS, EDITORS, MODERATORS, PRACTITIONERS

ADMIN_ACCESS = "wagtailadmin.access_admin"


def load_demo_accounts(*args):
    out = StringIO()
    call_command("load_demo_accounts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.mark.django_db
def test_practitioners_group_comes_from_a_migration_with_no_permissions():
    group = Group.objects.get(name=PRACTITIONERS)

    assert not group.permissions.exists()


@pytest.mark.django_db
def test_creates_an_editor_a_moderator_and_two_practitioners(debug_on):
    load_demo_accounts()

    User = get_user_model()
    members = {
        name: set(User.objects.filter(groups__name=name).values_list("username", flat=True))
        for name in (EDITORS, MODERATORS, PRACTITIONERS)
    }
    assert members == {
        EDITORS: {"editor"},
        MODERATORS: {"moderator"},
        PRACTITIONERS: {"practitioner", "practitioner2"},
    }
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert [group.name for group in user.groups.all()] == [account.group]
        assert user.check_password(account.password)
        assert not user.is_superuser


@pytest.mark.django_db
def test_editors_and_moderators_can_use_the_admin_and_practitioners_cannot(debug_on, client):
    load_demo_accounts()

    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        can_use_admin = account.group != PRACTITIONERS
        assert user.has_perm(ADMIN_ACCESS) is can_use_admin, account.username

    # With a request, as django-axes' backend requires of every sign-in.
    client.login(
        request=HttpRequest(), username="practitioner", password="demo-practitioner-password"
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_second_run_creates_nothing(debug_on):
    load_demo_accounts()
    User = get_user_model()
    users_before = list(User.objects.order_by("pk").values_list("pk", "username", "password"))
    memberships_before = User.groups.through.objects.count()

    output = load_demo_accounts()

    assert list(User.objects.order_by("pk").values_list("pk", "username", "password")) == (
        users_before
    )
    assert User.groups.through.objects.count() == memberships_before
    assert "Created" not in output
    assert output.count("Already present") == len(DEMO_ACCOUNTS)


@pytest.mark.django_db
def test_prints_usernames_passwords_and_the_admin_sign_in_url(debug_on, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"

    output = load_demo_accounts()

    for account in DEMO_ACCOUNTS:
        assert account.username in output
        assert account.password in output
    assert "http://127.0.0.1:8000/admin/" in output


@pytest.mark.django_db
def test_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        load_demo_accounts()

    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_force_runs_without_debug(settings):
    settings.DEBUG = False

    load_demo_accounts("--force")

    assert get_user_model().objects.count() == len(DEMO_ACCOUNTS)

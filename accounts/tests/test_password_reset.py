"""Practitioners reset a forgotten password by email, on the site's own pages."""

import importlib
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-long-passphrase"  # noqa: S105


@pytest.fixture
def practitioner_user():
    return PractitionerFactory(username="pat", email="pat@example.org", first_name="Pat")


def request_reset(client, email: str):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_sign_in_page_links_to_password_reset(client):
    content = client.get(reverse("sign_in")).content.decode()

    assert f'href="{reverse("password_reset")}"' in content


def test_a_practitioner_resets_their_password_through_the_emailed_link(client, practitioner_user):
    response = request_reset(client, "PAT@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["pat@example.org"]
    assert "Your username is pat." in email.body
    link = re.search(r"http://testserver(/\S+)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert client.get(done["Location"]).status_code == 200
    practitioner_user.refresh_from_db()
    assert practitioner_user.check_password(NEW_PASSWORD)
    assert client.get(link).status_code == 200  # the used link
    assert "This link no longer works" in client.get(link).content.decode()


def test_two_different_new_passwords_are_explained_at_the_field(client, practitioner_user):
    request_reset(client, "pat@example.org")
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else-1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert 'id="id_new_password2_error"' in response.content.decode()
    practitioner_user.refresh_from_db()
    assert practitioner_user.check_password("a-long-test-password")


@pytest.mark.parametrize("email", ["nobody@example.org", "edie@example.org"])
def test_no_email_for_unknown_addresses_or_editors_and_the_same_answer(client, email):
    editor = PractitionerFactory(username="edie", email="edie@example.org")
    editor.groups.set([Group.objects.get(name=EDITORS)])

    response = request_reset(client, email)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_forged_link_is_refused_clearly(client, practitioner_user):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "forged-token"})

    response = client.get(url)

    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_development_prints_the_email_to_the_console():
    dev = importlib.import_module("site.settings.dev")

    # Through the tasks: the worker that `make run` starts prints it (jobs/mail.py).
    assert dev.EMAIL_BACKEND == "jobs.mail.TaskEmailBackend"
    assert dev.TASKS_EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"

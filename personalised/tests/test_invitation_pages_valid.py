"""The invitation pages the site-wide checks cannot reach (tests/pages.py): the printed letter
(each POST makes a new code), "Open your agreement" (where a working link leads), the landing's
refusals of an expired, cancelled or used invitation, and the code form with an error, are valid
HTML in English and in Urdu (right to left), by the Nu Html Checker."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import PractitionerFactory
from personalised.factories import PersonalisedAgreementFactory
from personalised.invitations import services
from personalised.tests.inviting import add_member, emailed_link
from tests.test_valid_html import describe, nu_html_checker_errors

pytestmark = pytest.mark.django_db

LANGUAGES = ["en-gb", "ur"]


def _pages(language: str, capture_on_commit) -> dict[str, tuple[int, str]]:
    practitioner = PractitionerFactory(first_name="Pat")
    agreement = PersonalisedAgreementFactory(owner=practitioner)
    member = add_member(agreement, "Mo Mother", email="mo@example.org", language=language)
    owner = Client()
    owner.force_login(practitioner)
    with translation.override(language):
        letter_url = reverse(
            "agreements:invitation_letter",
            kwargs={"uuid": agreement.uuid, "member_uuid": member.uuid},
        )
        code_url = reverse("invited:code")
    letter = owner.post(letter_url)
    _used, used_code = services.print_letter(member, practitioner)
    Client().post(code_url, {"code": used_code})
    expired, expired_code = services.print_letter(member, practitioner)
    expired.expires_at = timezone.now() - timedelta(days=1)
    expired.save()
    cancelled, cancelled_code = services.print_letter(member, practitioner)
    services.revoke(cancelled, practitioner)
    pages = {"letter": letter}
    for label, code in (
        ("used", used_code),
        ("expired", expired_code),
        ("cancelled", cancelled_code),
    ):
        with translation.override(language):
            pages[label] = Client().get(reverse("invited:start", kwargs={"token": code}))
    pages["code-refused"] = Client().post(code_url, {"code": "ACDE"})
    _invitation, link = emailed_link(member, practitioner, capture_on_commit)
    with translation.override(language):
        pages["open"] = Client().get(link, follow=True)
    return {label: (response.status_code, response.text) for label, response in pages.items()}


def test_the_letter_and_the_landings_pages_are_valid_html(
    tmp_path, django_capture_on_commit_callbacks
):
    files, statuses = [], {}
    for language in LANGUAGES:
        for label, (status, html) in _pages(language, django_capture_on_commit_callbacks).items():
            statuses[f"{language}-{label}"] = status
            path = tmp_path / f"{language}-{label}.html"
            path.write_text(html, encoding="utf-8")
            files.append(path)

    assert statuses == {
        f"{language}-{label}": status
        for language in LANGUAGES
        for label, status in (
            ("letter", 200),
            ("used", 410),
            ("expired", 410),
            ("cancelled", 410),
            ("code-refused", 400),
            ("open", 200),
        )
    }
    errors = nu_html_checker_errors(files)
    assert errors == {}, "\n".join(f"{name}: {describe(found)}" for name, found in errors.items())

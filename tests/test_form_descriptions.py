"""Every form hint and field error on the site is tied to its field (``aria-describedby``), and
no field points at a description that is not there: on every page the page checks visit
(``tests/pages.py``), and on forms sent back with errors."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import TemplatePage
from personalised.factories import PersonalisedAgreementFactory
from personalised.tests.editing import area_url, open_area_form
from tests.form_descriptions import description_problems
from tests.pages import all_pages

pytestmark = [pytest.mark.django_db, pytest.mark.one_database]


def test_the_check_finds_a_dangling_description_and_a_hint_no_field_names():
    html = (
        '<p class="form-hint" id="id_a-hint">A hint</p>'
        '<input name="a" aria-describedby="id_a_helptext">'
    )

    assert description_problems(html) == [
        "a is described by #id_a_helptext, which is not in the page",
        "hint 'A hint' is not any field's",
    ]


def test_every_page_ties_its_hints_to_their_fields(checked_site, practitioner):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(practitioner)
    found = {}
    for checked in all_pages(practitioner):
        response = (signed_in if checked.signed_in else anonymous).get(checked.path)
        problems = description_problems(response.content.decode())
        if problems:
            found[checked.path] = problems

    assert not found, "\n".join(f"{path}: {problems}" for path, problems in found.items())


def test_a_form_sent_back_with_errors_ties_each_error_to_its_field(client, seeded_site):
    response = client.post(reverse("sign_in"), {"username": "", "password": ""})

    assert "form-error" in response.content.decode()
    assert description_problems(response.content.decode()) == []


def test_the_fork_form_with_errors_ties_hints_and_errors_to_fields(
    client, seeded_site, practitioner
):
    client.force_login(practitioner)
    template = TemplatePage.objects.live().order_by("path").first()

    response = client.post(reverse("agreements:fork", args=[template.pk]), {"known_as": ""})

    html = response.content.decode()
    assert "form-error" in html
    assert description_problems(html) == []


def test_the_area_editor_with_errors_ties_hints_and_errors_to_fields(client, practitioner):
    agreement = PersonalisedAgreementFactory(owner=practitioner)
    client.force_login(practitioner)
    first = agreement.areas()[0]
    data = open_area_form(client, agreement, first.id)
    data["party-0-0-text"] = ""
    data["actions-0-who"] = "Someone"
    data["actions-0-by_when"] = "not a date"

    response = client.post(area_url(agreement, first.id), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_party-0-0-text_error"' in html
    assert description_problems(html) == []

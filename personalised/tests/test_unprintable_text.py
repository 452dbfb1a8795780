"""Control characters and noncharacters: every text field of every form refuses them with a
message at the field, keeping what was saved; the DOCX drops any that are already stored."""

import importlib
import inspect
import pkgutil
import re

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.factories import PractitionerFactory
from guidance.feedback import Feedback
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, PartyConsent, PersonalisedAgreement
from personalised.tests.editing import agree_url, area_url, details_url, form_data, open_area_form
from personalised.tests.exporting import docx_text, fill_areas
from personalised.tests.records_helpers import agree_all
from security.printable import PrintableTextFormMixin, strip_unprintable, validate_printable

pytestmark = pytest.mark.django_db

CHARACTERS = ["\x08", "\x0b", "\x1b", "\ufffe"]
CHARACTER_IDS = ["U+0008", "U+000B", "U+001B", "U+FFFE"]
PROJECT_APPS = (
    "accounts",
    "agreements",
    "guidance",
    "home",
    "pagecache",
    "personalised",
    "search",
    "security",
    "seeding",
    "site",
    "versioning",
)


def _errors(response) -> dict[str, str]:
    """Each field's error message on the page, by the field's id."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    errors: dict[str, str] = {}
    for error in page.select(".form-errors[id]"):
        field_id = error["id"].removesuffix("_error")
        errors[field_id] = errors.get(field_id, "") + error.get_text(" ", strip=True)
    return errors


def _refused_at(response, field_ids: list[str], character: str) -> None:
    errors = _errors(response)
    code = f"U+{ord(character):04X}"
    for field_id in field_ids:
        assert field_id in errors, f"no message at {field_id}: {errors}"
        assert "cannot be shown or printed" in errors[field_id]
        assert code in errors[field_id]


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    "character",
    [chr(code) for code in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]]
    + ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"],
)
def test_control_characters_and_noncharacters_are_refused(character):
    with pytest.raises(ValidationError):
        validate_printable(f"Sam{character}Person")


def test_tabs_newlines_and_any_language_are_allowed():
    validate_printable("Line one\r\nLine two\tand a tab: Zażółć, بہت شکریہ, 日本, 🙂")


def test_the_exports_drop_what_xml_cannot_hold_and_keep_the_rest():
    assert strip_unprintable("Sam\x00\x08\x1b\ud800\ufffe\U0010ffff\tP\r\nJo 🙂") == (
        "Sam\tP\r\nJo 🙂"
    )


def _project_forms() -> list[type]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            # Settings modules read the environment of a server; they hold no forms.
            if not any(
                part in module.name for part in (".tests", ".migrations", "settings", "gunicorn")
            ):
                importlib.import_module(module.name)
    return [
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith(PROJECT_APPS) and ".tests" not in form.__module__
    ]


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_form_of_the_project_refuses_unprintable_text():
    project_forms = _project_forms()

    assert len(project_forms) >= 15
    missing = [
        f"{form.__module__}.{form.__name__}"
        for form in project_forms
        if not issubclass(form, PrintableTextFormMixin) and not inspect.isabstract(form)
    ]
    assert missing == []


# --------------------------------------------------------------------------- agreements

DETAILS = [
    "person_name",
    "known_as",
    "party-local-authority",
    "party-provider",
    "party-person",
]


@pytest.fixture
def owned(client):
    owner = PractitionerFactory()
    client.force_login(owner)
    return client, PersonalisedAgreementFactory(owner=owner)


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_using_a_template_refuses_them_in_every_detail(owned, character):
    client, agreement = owned
    count = PersonalisedAgreement.objects.count()
    data = dict.fromkeys(DETAILS, f"Sa{character}m") | {"pronouns": "they"}

    response = client.post(reverse("agreements:fork", args=[agreement.source_page_id]), data)

    assert response.status_code == 400
    _refused_at(response, [f"id_{name}" for name in DETAILS], character)
    assert PersonalisedAgreement.objects.count() == count
    # What was typed is shown again, to be corrected.
    assert form_data(response.content.decode())["known_as"] == f"Sa{character}m"


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_the_details_form_refuses_them_and_keeps_the_saved_details(owned, character):
    client, agreement = owned
    data = form_data(client.get(details_url(agreement)).content.decode())
    data.update(dict.fromkeys(DETAILS, f"Chan{character}ged"))

    response = client.post(details_url(agreement), data)

    assert response.status_code == 400
    _refused_at(response, [f"id_{name}" for name in DETAILS], character)
    agreement.refresh_from_db()
    assert agreement.known_as == "Sam"
    assert agreement.revisions.count() == 1


AREA_FIELDS = ["party-0-0-text", "new_prompts_0", "this_means", "actions-0-who", "actions-0-what"]


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_the_area_editor_refuses_them_in_prompts_this_means_and_actions(owned, character):
    client, agreement = owned
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data.update(dict.fromkeys(AREA_FIELDS, f"Walks{character} on Sundays"))
    before = list(agreement.body.raw_data)

    response = client.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    _refused_at(response, [f"id_{field}" for field in AREA_FIELDS], character)
    agreement.refresh_from_db()
    assert list(agreement.body.raw_data) == before
    assert agreement.revisions.count() == 1
    assert form_data(response.content.decode())["this_means"] == f"Walks{character} on Sundays"


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_recording_a_partys_agreement_refuses_them(owned, character):
    client, agreement = owned
    data = form_data(client.get(agree_url(agreement)).content.decode())
    data["provider-agreed_by"] = f"J{character}o"

    response = client.post(agree_url(agreement), data)

    assert response.status_code == 400
    _refused_at(response, ["id_provider-agreed_by"], character)
    assert not PartyConsent.objects.filter(agreement=agreement).exists()


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_sharing_and_filtering_refuse_them(owned, character):
    client, agreement = owned
    colleague = PractitionerFactory()

    shared = client.post(
        reverse("agreements:share", kwargs={"uuid": agreement.uuid}),
        {
            "who": f"{colleague.username[:3]}{character}{colleague.username[3:]}",
            "permission": "view",
        },
    )
    filtered = client.get(reverse("agreements:list"), {"q": f"Sa{character}m"})

    _refused_at(shared, ["id_who"], character)
    assert not AgreementShare.objects.filter(agreement=agreement).exists()
    _refused_at(filtered, ["id_q"], character)


# --------------------------------------------------------------------------- feedback, accounts


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_feedback_refuses_them(owned, character):
    client, agreement = owned

    response = client.post(
        reverse("leave_feedback"),
        {"page": str(agreement.source_page_id), "body": f"It{character} worked"},
    )

    assert response.status_code == 200
    _refused_at(response, ["id_body"], character)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("character", CHARACTERS, ids=CHARACTER_IDS)
def test_sign_in_and_password_reset_refuse_them(client, character):
    practitioner = PractitionerFactory(username="pat", email="pat@example.org")

    signed_in = client.post(
        reverse("sign_in"), {"username": f"p{character}at", "password": "a-long-test-password"}
    )
    reset = client.post(reverse("password_reset"), {"email": f"pat{character}@example.org"})

    _refused_at(signed_in, ["id_username"], character)
    assert "_auth_user_id" not in client.session
    _refused_at(reset, ["id_email"], character)
    assert mail.outbox == []

    client.post(reverse("password_reset"), {"email": "pat@example.org"})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = f"a-new{character}-password-2026"
    chosen = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )

    _refused_at(chosen, ["id_new_password1"], character)
    practitioner.refresh_from_db()
    assert practitioner.check_password("a-long-test-password")


# --------------------------------------------------------------------------- stored already


def test_the_docx_drops_unprintable_characters_already_stored(client):
    agreement = PersonalisedAgreementFactory()
    # (No NUL: PostgreSQL cannot store it, so no agreement can hold one.)
    unprintable = "\x08\x0b\x1b\x1f\ufffe\uffff"
    PersonalisedAgreement.objects.filter(pk=agreement.pk).update(
        known_as=f"Sam{unprintable}",
        person_name=f"Sam{unprintable} Person",
        parties=[
            {**party, "names": [f"Good{unprintable} Support"]}
            if party["key"] == "provider"
            else party
            for party in agreement.parties
        ],
    )
    agreement.refresh_from_db()
    fill_areas(
        agreement,
        {
            0: {
                "this_means": f"<p>Walks{unprintable} on Sundays</p>",
                "actions": [{"who": f"Jo{unprintable}", "what": "Call", "by_when": None}],
            }
        },
    )
    agree_all(agreement)
    PartyConsent.objects.filter(agreement=agreement).update(agreed_by=f"Ann{unprintable}")
    client.force_login(agreement.owner)

    response = client.get(reverse("agreements:docx", kwargs={"uuid": agreement.uuid}))

    assert response.status_code == 200
    text = docx_text(response.content)
    for words in ["for Sam", "Sam Person", "Good Support", "Walks on Sundays", "Jo", "Ann"]:
        assert words in text
    assert not any(character in text for character in unprintable)

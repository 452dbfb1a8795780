"""The hostile-input corpus through every page of an agreement, the exports, the share form and
the feedback forms: nothing a practitioner types runs, loads or redirects anywhere, no page
fails, and the name the agreement uses for the person is shown as typed wherever it is shown."""

import pytest
from django.urls import reverse

from accounts.factories import PractitionerFactory
from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import area, published_template
from personalised.models import PersonalisedAgreement
from personalised.tests.editing import agree_url, area_url, details_url, form_data, open_area_form
from personalised.tests.exporting import docx_text
from personalised.tests.hostile import BACKSLASH_NAMES, PAYLOADS, as_text, executable_parts

pytestmark = pytest.mark.django_db

CORPUS = PAYLOADS + BACKSLASH_NAMES
CORPUS_IDS = [f"payload{number}" for number in range(len(CORPUS))]

# Pages that name the person by the name the agreement uses for them.
NAMING_PAGES = {"agreement", "area editor", "print", "history", "revision", "updates review"}


def _template():
    """A template whose every kind of text names the person: plain text, rich text, a
    possessive ("_____ home") and "his"."""
    body = [
        {
            "type": "text",
            "value": {"heading": "About _____", "text": "<p>This is _____ plan and his.</p>"},
        },
        area(
            "Agreeing outcomes",
            commitments=["We will support _____ and _____ home."],
            prompts={"Provider": ["Get to know _____ well"], "Local Authority": ["Ask _____"]},
        ),
    ]
    return published_template(
        slug="hostile", body=with_block_ids("hostile", TemplateBodyBlock(), body)
    )


def _fork(client, template, payload: str) -> PersonalisedAgreement:
    response = client.post(
        reverse("agreements:fork", args=[template.pk]),
        {
            "person_name": payload[:120],
            "known_as": payload[:60],
            "pronouns": "he",
            "party-local-authority": payload,
            "party-provider": payload,
            "party-person": f"{payload}\nJo",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PersonalisedAgreement.objects.latest("pk")


def _fill_in(client, agreement: PersonalisedAgreement, payload: str) -> None:
    area_id = agreement.areas()[0].id
    data = open_area_form(client, agreement, area_id)
    data.update(
        {
            "party-0-0-text": payload,
            "new_prompts_1": payload,
            "this_means": payload,
            "actions-0-who": payload,
            "actions-0-what": payload,
        }
    )
    assert client.post(area_url(agreement, area_id), data).status_code == 302
    agree = form_data(client.get(agree_url(agreement)).content.decode())
    agree["provider-agreed_by"] = payload
    assert client.post(agree_url(agreement), agree).status_code == 302


def _pages(agreement: PersonalisedAgreement, payload: str) -> dict[str, str]:
    def url(name: str, **kwargs) -> str:
        return reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid, **kwargs})

    revisions = list(agreement.revisions.order_by("pk").values_list("pk", flat=True))
    return {
        "my agreements": reverse("agreements:list"),
        "my agreements, filtered": reverse("agreements:list") + "?" + _query(q=payload),
        "agreement": agreement.get_absolute_url(),
        "area editor": area_url(agreement, agreement.areas()[0].id),
        "details editor": details_url(agreement),
        "agreeing": agree_url(agreement),
        "print": url("print"),
        "history": url("history"),
        "revision": url("revision", revision_id=revisions[-1]),
        "compare": url("compare") + "?" + _query(old=revisions[0], new=revisions[-1]),
        "updates review": url("updates"),
        "sharing": url("share"),
        "audit log": url("audit_log"),
    }


def _query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@pytest.mark.parametrize("payload", CORPUS, ids=CORPUS_IDS)
def test_hostile_input_runs_on_no_agreement_page_and_the_name_is_shown_as_typed(client, payload):
    owner = PractitionerFactory()
    client.force_login(owner)
    template = _template()
    agreement = _fork(client, template, payload)
    _fill_in(client, agreement, payload)
    agreement.refresh_from_db()
    name = agreement.known_as
    assert name == payload[:60].strip()

    for page, url in _pages(agreement, payload).items():
        response = client.get(url)
        assert response.status_code == 200, f"{page}: {response.status_code}"
        html = response.content.decode()
        assert executable_parts(html) == [], f"{page} runs hostile input"
        if page in NAMING_PAGES:
            assert name in as_text(html), f"{page} does not show the name as typed"

    docx = client.get(reverse("agreements:docx", kwargs={"uuid": agreement.uuid}))
    assert docx.status_code == 200
    assert name in docx_text(docx.content)


@pytest.mark.parametrize("payload", CORPUS, ids=CORPUS_IDS)
def test_hostile_input_in_the_share_and_feedback_forms_is_re_shown_inert(client, payload):
    owner = PractitionerFactory()
    client.force_login(owner)
    template = _template()
    agreement = _fork(client, template, payload)

    # The share form answers alike whoever is named, so the words come back in its message.
    answered = client.post(
        reverse("agreements:share", kwargs={"uuid": agreement.uuid}),
        {"who": payload, "permission": "view"},
        follow=True,
    )
    assert answered.status_code == 200
    assert answered.redirect_chain[-1][0].endswith("/sharing/")
    assert "is a practitioner on this site" in answered.content.decode()
    assert executable_parts(answered.content.decode()) == []

    feedback = {"page": str(template.pk), "area": agreement.areas()[0].id, "body": payload}
    assert client.post(reverse("leave_feedback"), feedback).status_code == 302
    listed = client.get(reverse("my_feedback"))
    assert listed.status_code == 200
    assert executable_parts(listed.content.decode()) == []
    assert payload.strip() in as_text(listed.content.decode())

    # A refused form (feedback on a page that does not exist) shows the words back, inert.
    refused = client.post(reverse("leave_feedback"), {**feedback, "page": "0"})
    assert refused.status_code == 200
    assert executable_parts(refused.content.decode()) == []
    assert payload.strip() in as_text(refused.content.decode())

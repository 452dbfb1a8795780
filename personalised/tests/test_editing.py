"""Using a template and editing the agreement: the fork form, one area at a time, the details."""

import json
import uuid

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS
from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementShare, PersonalisedAgreement, SharePermission
from personalised.tests.editing import area_url, details_url, form_data, open_area_form

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def agreement(practitioner):
    return PersonalisedAgreementFactory(owner=practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _raw_area(agreement, block_id: str) -> dict:
    agreement.refresh_from_db()
    return next(block for block in agreement.body.raw_data if block["id"] == block_id)["value"]


# --------------------------------------------------------------------------- Use this template


def test_a_practitioner_sees_use_this_template_on_the_template_page(client, seeded_site):
    practitioner = PractitionerFactory()
    client.force_login(practitioner)
    template = TemplatePage.objects.get(slug=isf.SLUG)

    link = soup(client.get(template.url)).find("a", string="Use this template")

    assert link["href"] == reverse("agreements:fork", args=[template.pk])


def test_an_anonymous_reader_is_offered_to_sign_in_to_use_the_template(client, seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)

    page = soup(client.get(template.url))

    assert page.find("a", string="Use this template") is None
    link = page.find("a", string="Practitioners: sign in to use this template")
    fork_url = reverse("agreements:fork", args=[template.pk])
    assert link["href"] == f"{reverse('sign_in')}?next={fork_url}"


def test_the_anonymous_page_cache_never_hides_the_button_from_a_practitioner(client, seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    client.get(template.url)  # cached for anonymous readers, with the sign-in link
    assert soup(client.get(template.url)).find("a", string="Use this template") is None

    client.force_login(PractitionerFactory())

    assert soup(client.get(template.url)).find("a", string="Use this template") is not None


def test_the_fork_form_makes_the_agreement_and_goes_to_it(client, seeded_site):
    practitioner = PractitionerFactory()
    client.force_login(practitioner)
    template = TemplatePage.objects.get(slug=isf.SLUG)
    url = reverse("agreements:fork", args=[template.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "person_name": "Samira Khan",
            "known_as": "Samira",
            "pronouns": "she",
            "party-local-authority": "Suffolk County Council",
            "party-provider": "Good Support Ltd",
            "party-person": "Amira Khan\nYusuf Khan",
        },
    )

    agreement = PersonalisedAgreement.objects.get(owner=practitioner)
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert (agreement.person_name, agreement.known_as, agreement.pronouns) == (
        "Samira Khan",
        "Samira",
        "she",
    )
    assert agreement.party("person").names == ("Samira Khan", "Amira Khan", "Yusuf Khan")
    assert agreement.party_name("provider") == "Good Support Ltd"
    assert agreement.source_page_id == template.pk
    assert "made from the template" in client.get(response["Location"]).content.decode()


def test_the_fork_form_says_what_is_missing_and_makes_nothing(client, seeded_site):
    practitioner = PractitionerFactory()
    client.force_login(practitioner)
    template = TemplatePage.objects.get(slug=isf.SLUG)

    response = client.post(
        reverse("agreements:fork", args=[template.pk]),
        {"person_name": "", "known_as": "Sam", "pronouns": "they"},
    )

    assert response.status_code == 400
    page = soup(response)
    assert page.select_one(".error-summary")
    assert page.select("#id_person_name_error")
    assert not PersonalisedAgreement.objects.exists()


def test_only_practitioners_may_use_a_template(client, seeded_site, django_user_model):
    editor = django_user_model.objects.create_user("edie", password="x" * 20)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    template = TemplatePage.objects.get(slug=isf.SLUG)

    assert client.get(reverse("agreements:fork", args=[template.pk])).status_code == 403
    assert client.post(reverse("agreements:fork", args=[template.pk]), {}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_to_use_a_template(client, seeded_site):
    template = TemplatePage.objects.get(slug=isf.SLUG)
    response = client.get(reverse("agreements:fork", args=[template.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_a_template_that_is_not_live_cannot_be_used(client, seeded_site):
    client.force_login(PractitionerFactory())
    template = TemplatePage.objects.get(slug=isf.SLUG)
    template.unpublish()

    assert client.get(reverse("agreements:fork", args=[template.pk])).status_code == 404
    assert client.get(reverse("agreements:fork", args=[999_999])).status_code == 404


@pytest.fixture
def english_afterwards():
    """A request in Welsh leaves Welsh active in the test's thread: back to English after."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_a_template_page_in_another_language_is_used_in_that_language(
    client, seeded_site, english_afterwards
):
    from agreements.translation import ensure_locale_trees

    ensure_locale_trees()
    welsh = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="cy")
    practitioner = PractitionerFactory()
    client.force_login(practitioner)

    with translation.override("cy"):
        url = reverse("agreements:fork", args=[welsh.pk])
    assert url.startswith("/cy/")
    page = soup(client.get(url))
    assert page.html["lang"] == "cy"
    response = client.post(
        url,
        {
            "person_name": "Sam Jones",
            "known_as": "Sam",
            "pronouns": "they",
            "party-local-authority": "Cyngor Sir",
            "party-provider": "Cymorth Da",
        },
    )

    agreement = PersonalisedAgreement.objects.get(owner=practitioner)
    assert agreement.language == "cy"
    assert response["Location"] == f"/cy/agreements/{agreement.uuid}/"


# --------------------------------------------------------------------------- one area


def test_marking_an_area_not_relevant_leaves_it_out_of_the_agreement(signed_in, agreement):
    area = agreement.areas()[1]
    data = open_area_form(signed_in, agreement, area.id)
    data["relevant"] = "no"

    response = signed_in.post(area_url(agreement, area.id), data)

    assert response.status_code == 302
    assert _raw_area(agreement, area.id)["relevant"] is False
    page = soup(signed_in.get(agreement.get_absolute_url()))
    assert area.value["title"] not in page.select_one(".document-body").get_text()
    overview = page.select_one("#areas-overview").get_text(" ", strip=True)
    assert "Resources Left out: not relevant" in overview


def test_prompts_are_kept_edited_removed_and_added_keeping_the_ids_of_kept_ones(
    signed_in, agreement
):
    area = agreement.areas()[0]
    before = _raw_area(agreement, area.id)["party_prompts"]
    la_id = before[0]["value"]["prompts"][0]["id"]
    provider_id = before[1]["value"]["prompts"][0]["id"]
    family_id = before[2]["value"]["prompts"][0]["id"]
    data = open_area_form(signed_in, agreement, area.id)
    data["party-0-0-text"] = "Help _____ find a home near family"  # edited
    data["party-2-0-DELETE"] = "on"  # removed
    data["new_prompts_1"] = "Visit _____ every week\n\nLearn what _____ enjoys"  # two added

    assert signed_in.post(area_url(agreement, area.id), data).status_code == 302

    after = _raw_area(agreement, area.id)["party_prompts"]
    assert [(p["id"], p["value"]) for p in after[0]["value"]["prompts"]] == [
        (la_id, "Help _____ find a home near family")
    ]
    provider = after[1]["value"]["prompts"]
    assert provider[0] == {"type": "item", "value": "Get to know _____ well", "id": provider_id}
    assert [p["value"] for p in provider[1:]] == [
        "Visit _____ every week",
        "Learn what _____ enjoys",
    ]
    assert len({p["id"] for p in provider}) == 3
    assert all(uuid.UUID(p["id"]) for p in provider)
    assert after[2]["value"]["prompts"] == []
    assert family_id not in json.dumps(after)
    page = signed_in.get(agreement.get_absolute_url()).content.decode()
    assert "Help Sam find a home near family" in page
    assert "Visit Sam every week" in page


def test_this_means_is_saved_as_sanitised_rich_text_and_shown(signed_in, agreement):
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["this_means"] = (
        "Sam wants to live near the sea.\n\n- a <strong>quiet</strong> flat\n- near the bus"
    )

    signed_in.post(area_url(agreement, area.id), data)

    saved = _raw_area(agreement, area.id)["this_means"]
    assert saved == (
        "<p>Sam wants to live near the sea.</p>"
        "<ul><li>a <strong>quiet</strong> flat</li><li>near the bus</li></ul>"
    )
    page = soup(signed_in.get(agreement.get_absolute_url()))
    section = page.select_one(".area__this-means")
    assert section.find("h3").get_text(strip=True) == "For Sam this means:"
    assert section.find("strong").get_text() == "quiet"
    # The editor shows it back as it was written, so a second save changes nothing.
    again = open_area_form(signed_in, agreement, area.id)
    assert again["this_means"].strip() == data["this_means"]


def test_actions_are_added_changed_and_removed(signed_in, agreement):
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data.update(
        {
            "actions-0-who": "Good Support Ltd",
            "actions-0-what": "Arrange a visit to the flat",
            "actions-0-by_when": "2027-03-01",
        }
    )
    signed_in.post(area_url(agreement, area.id), data)
    actions = _raw_area(agreement, area.id)["actions"]
    assert [a["value"] for a in actions] == [
        {"who": "Good Support Ltd", "what": "Arrange a visit to the flat", "by_when": "2027-03-01"}
    ]
    action_id = actions[0]["id"]

    data = open_area_form(signed_in, agreement, area.id)
    assert data["actions-0-by_when"] == "2027-03-01"
    data.update({"actions-1-who": "Jo Person", "actions-1-what": "Bring the photos"})
    data["actions-0-what"] = "Arrange two visits to the flat"
    signed_in.post(area_url(agreement, area.id), data)
    actions = _raw_area(agreement, area.id)["actions"]
    assert (actions[0]["id"], actions[0]["value"]["what"]) == (
        action_id,
        "Arrange two visits to the flat",
    )
    assert actions[1]["value"] == {"who": "Jo Person", "what": "Bring the photos", "by_when": None}

    data = open_area_form(signed_in, agreement, area.id)
    data["actions-0-DELETE"] = "on"
    signed_in.post(area_url(agreement, area.id), data)
    assert [a["value"]["who"] for a in _raw_area(agreement, area.id)["actions"]] == ["Jo Person"]
    table = soup(signed_in.get(agreement.get_absolute_url())).select_one("table.actions")
    assert "Bring the photos" in table.get_text()


def test_the_who_of_an_action_offers_the_parties_and_family(signed_in, agreement):
    area = agreement.areas()[0]
    page = soup(signed_in.get(area_url(agreement, area.id)))
    options = [option["value"] for option in page.select("datalist#who-options option")]
    assert options == [
        "Suffolk County Council",
        "Good Support Ltd",
        "Sam",
        "Alex Person",
        "Jo Person",
    ]
    assert page.select_one("#id_actions-0-who")["list"] == "who-options"


def test_an_incomplete_action_is_refused_at_the_field_and_nothing_is_saved(signed_in, agreement):
    area = agreement.areas()[0]
    revisions = agreement.revisions.count()
    data = open_area_form(signed_in, agreement, area.id)
    data["actions-0-who"] = "Good Support Ltd"
    data["this_means"] = "Kept in the form"

    response = signed_in.post(area_url(agreement, area.id), data)

    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("#id_actions-0-what_error")
    assert form_data(response.content.decode())["this_means"] == "Kept in the form"
    assert agreement.revisions.count() == revisions


def test_every_save_is_a_revision_by_the_user_in_the_audit_log(signed_in, agreement, practitioner):
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["this_means"] = "A first draft."

    signed_in.post(area_url(agreement, area.id), data)

    agreement.refresh_from_db()
    assert agreement.revisions.count() == 2
    assert agreement.latest_revision.user == practitioner
    assert agreement.latest_revision.content["body"]
    assert (
        ModelLogEntry.objects.for_instance(agreement)
        .filter(action="wagtail.edit", user=practitioner)
        .exists()
    )


def test_the_area_editor_shows_the_area_guidance_and_the_way_to_the_next_area(
    client, seeded_site, practitioner
):
    from guidance.lookup import guidance_for_areas

    template = TemplatePage.objects.get(slug=isf.SLUG)
    agreement = PersonalisedAgreementFactory(owner=practitioner, template=template)
    client.force_login(practitioner)
    guidance = guidance_for_areas(template)
    areas = agreement.areas()
    guided = next(area for area in areas if area.id in guidance)
    index = areas.index(guided)

    page = soup(client.get(area_url(agreement, guided.id)))

    aside = page.select_one("aside.editor__guidance")
    assert guidance[guided.id][0].page.title in aside.get_text()
    pager = page.select_one("nav.area-pager")
    if index + 1 < len(areas):
        assert pager.find("a", rel="next")["href"] == area_url(agreement, areas[index + 1].id)
    if index > 0:
        assert pager.find("a", rel="prev")["href"] == area_url(agreement, areas[index - 1].id)
    assert f"Area {index + 1} of {len(areas)}" in page.find("h1").get_text()


def test_save_and_go_to_the_next_area(signed_in, agreement):
    first, second = agreement.areas()
    data = open_area_form(signed_in, agreement, first.id)
    data["next_area"] = "1"

    response = signed_in.post(area_url(agreement, first.id), data)
    assert response["Location"] == area_url(agreement, second.id)

    data = open_area_form(signed_in, agreement, second.id)
    data["next_area"] = "1"
    response = signed_in.post(area_url(agreement, second.id), data)
    assert response["Location"] == agreement.get_absolute_url()


def test_with_javascript_a_save_answers_json_with_the_fresh_form(signed_in, agreement):
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["new_prompts_0"] = "Added without a reload"

    response = signed_in.post(
        area_url(agreement, area.id), data, headers={"Accept": "application/json"}
    )

    assert response.status_code == 200
    answer = response.json()
    agreement.refresh_from_db()
    assert answer["saved"] is True
    assert answer["message"].startswith(f"Area 1, {area.value['title']}, is saved.")
    assert answer["revision"] == agreement.latest_revision_id
    fresh = form_data(f"<form class='form'>{answer['form']}</form>")
    assert fresh["based_on"] == str(agreement.latest_revision_id)
    assert fresh["party-0-1-text"] == "Added without a reload"
    assert fresh["new_prompts_0"] == ""


def test_with_javascript_errors_come_back_in_the_form(signed_in, agreement):
    area = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, area.id)
    data["party-0-0-text"] = ""

    response = signed_in.post(
        area_url(agreement, area.id), data, headers={"Accept": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert "Write the prompt, or choose to remove it." in response.json()["form"]


def test_an_area_that_is_not_in_the_agreement_is_not_found(signed_in, agreement):
    assert signed_in.get(area_url(agreement, "no-such-area")).status_code == 404


# --------------------------------------------------------------------------- details


def test_the_person_and_the_review_date_are_edited(signed_in, agreement):
    response = signed_in.get(details_url(agreement))
    data = form_data(response.content.decode())
    data.update({"known_as": "Sammy", "pronouns": "he", "review_date": "2027-06-30"})

    response = signed_in.post(details_url(agreement), data)

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.known_as, agreement.pronouns) == ("Sammy", "he")
    assert agreement.review_date.isoformat() == "2027-06-30"
    assert agreement.revisions.count() == 2
    page = signed_in.get(agreement.get_absolute_url()).content.decode()
    assert "for <bdi>Sammy</bdi>" in page
    assert "shared goals for Sammy" in page


@pytest.mark.parametrize("bad_date", ["2027-02-30", "2027-13-01", "31/31/2027", "99999-01-01"])
def test_an_impossible_review_date_is_refused_at_the_field(signed_in, agreement, bad_date):
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data.update({"review_date": bad_date, "known_as": "Not saved"})

    response = signed_in.post(details_url(agreement), data)

    assert response.status_code == 400
    assert soup(response).select_one("#id_review_date_error")
    agreement.refresh_from_db()
    assert agreement.known_as == "Sam"
    assert agreement.review_date is None


# --------------------------------------------------------------------------- who may edit


@pytest.mark.parametrize("who", ["view share", "other practitioner", "anonymous"])
def test_only_those_who_may_edit_reach_the_editor(client, agreement, who):
    area = agreement.areas()[0]
    if who != "anonymous":
        user = PractitionerFactory()
        if who == "view share":
            AgreementShare.objects.create(
                agreement=agreement, user=user, permission=SharePermission.VIEW
            )
        client.force_login(user)
    for url in (
        area_url(agreement, area.id),
        details_url(agreement),
        reverse("agreements:agree", kwargs={"uuid": agreement.uuid}),
    ):
        expected = 302 if who == "anonymous" else 404
        assert client.get(url).status_code == expected
        assert client.post(url, {"known_as": "Forged"}).status_code == expected
    agreement.refresh_from_db()
    assert agreement.known_as == "Sam"


def test_an_edit_share_may_edit(client, agreement):
    user = PractitionerFactory()
    AgreementShare.objects.create(agreement=agreement, user=user, permission=SharePermission.EDIT)
    client.force_login(user)
    area = agreement.areas()[0]
    data = open_area_form(client, agreement, area.id)
    data["this_means"] = "Written by a colleague."

    assert client.post(area_url(agreement, area.id), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.latest_revision.user == user


def test_the_agreement_page_offers_editing_only_to_those_who_may_edit(client, agreement):
    viewer = PractitionerFactory()
    AgreementShare.objects.create(agreement=agreement, user=viewer, permission=SharePermission.VIEW)
    client.force_login(viewer)
    page = soup(client.get(agreement.get_absolute_url()))
    assert page.find("a", string="Edit the areas") is None
    assert page.select_one("#areas-overview")

    client.force_login(agreement.owner)
    page = soup(client.get(agreement.get_absolute_url()))
    assert page.find("a", string="Edit the areas")["href"] == area_url(
        agreement, agreement.areas()[0].id
    )


def test_editor_pages_are_private(signed_in, agreement):
    for url in (area_url(agreement, agreement.areas()[0].id), details_url(agreement)):
        response = signed_in.get(url)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_with_javascript_the_details_save_answers_json_with_the_fresh_form(signed_in, agreement):
    data = form_data(signed_in.get(details_url(agreement)).content.decode())
    data["party-provider"] = "Saved in place Ltd"

    response = signed_in.post(details_url(agreement), data, headers={"Accept": "application/json"})

    agreement.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["saved"] is True
    fresh = form_data(f"<form class='form'>{response.json()['form']}</form>")
    assert fresh["party-provider"] == "Saved in place Ltd"
    assert fresh["based_on"] == str(agreement.latest_revision_id)

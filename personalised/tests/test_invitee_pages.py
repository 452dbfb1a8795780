"""An invited party member's own pages: they read their agreement (opening with its purpose and
the person, no instructions for practitioners, no practitioner navigation), comment on it or one
of its parts, and agree to the version they read, for themselves. Nobody else's address, no
other agreement, nothing once their invitation is revoked."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from accounts.factories import PractitionerFactory
from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised import audit
from personalised import urls as agreement_urls
from personalised.concurrency import save_change
from personalised.exports.docx import CONTENT_TYPE as DOCX
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.invitations import urls as invited_urls
from personalised.models import AgreementComment, ConsentMethod, PartyConsent, PartyMember
from personalised.tests.copies import read_pdf
from personalised.tests.exporting import docx_text
from personalised.tests.hostile import NAME_PAYLOADS, PAYLOADS, as_text, executable_parts
from personalised.tests.invitee_helpers import member_of, sign_in_invitee
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

PURPOSE_START = "This document sets out how we will work together to support Sam"


@pytest.fixture
def agreement(seeded_site):
    owner = PractitionerFactory(first_name="Priya")
    return PersonalisedAgreementFactory(
        owner=owner,
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(person_name="Sam Secretname"),
    )


@pytest.fixture
def mother(agreement) -> PartyMember:
    return member_of(agreement, "Alex Person", email="alex@example.org", role="Mother")


@pytest.fixture
def invitee(client, mother) -> Client:
    sign_in_invitee(client, mother)
    return client


def _url(name: str, member: PartyMember, **query) -> str:
    url = reverse(f"invited:{name}", kwargs={"member_uuid": member.uuid})
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _area(agreement, index: int = 1):
    return [child for child in agreement.body if child.block_type == "area"][index]


def test_the_agreement_opens_with_its_purpose_and_the_person_then_its_areas(invitee, mother):
    response = invitee.get(_url("agreement", mother))

    assert response.status_code == 200
    soup = _soup(response)
    assert "for Sam" in soup.h1.get_text()
    main = soup.find("main").get_text(" ", strip=True)
    assert PURPOSE_START in main
    assert main.index(PURPOSE_START) < main.index("Agreeing Outcomes")
    assert soup.select_one(".invitee-reader").get_text() == "You are reading this as Alex Person."
    # The ISF's instructions for practitioners are not in the family's copy.
    assert "How to use" not in main
    assert soup.select(".how-to-use") == []


def test_an_invitee_page_shows_no_practitioner_navigation(invitee, mother):
    soup = _soup(invitee.get(_url("agreement", mother)))

    header = soup.find("header", class_="site-header")
    text = header.get_text(" ", strip=True)
    for practitioners_only in ("My agreements", "My feedback", "Sign in", "Search"):
        assert practitioners_only not in text
    links = [link["href"] for link in soup.find_all("a", href=True)]
    assert not [link for link in links if "/admin" in link or "/agreements/" in link]
    assert header.find("button", string="Sign out") is not None
    # No other party member's contact details anywhere.
    assert "alex@example.org" not in soup.get_text()


def test_invitee_responses_are_private_unindexed_and_send_no_referrer_elsewhere(invitee, mother):
    for url in (_url("agreement", mother), _url("comment", mother), _url("agree", mother)):
        response = invitee.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_opening_the_agreement_is_recorded_for_the_practitioner(invitee, mother, agreement):
    invitee.get(_url("agreement", mother))

    mother.refresh_from_db()
    assert mother.last_opened_at is not None
    entry = ModelLogEntry.objects.for_instance(agreement).filter(action=audit.VIEW).latest("pk")
    assert entry.user is None
    assert entry.data["member"] == mother.pk


def test_one_agreement_goes_straight_to_it_and_two_are_listed(client, mother, seeded_site):
    assert client.get(reverse("invited:home")).status_code == 200  # not signed in: what to do
    sign_in_invitee(client, mother)
    response = client.get(reverse("invited:home"))
    assert response.status_code == 302
    assert response["Location"] == _url("agreement", mother)

    other = PersonalisedAgreementFactory(template=TemplatePage.objects.get(slug=isf.SLUG))
    sign_in_invitee(client, member_of(other, "Alex Person"))
    response = client.get(reverse("invited:home"))
    assert response.status_code == 200
    assert len(_soup(response).select(".invitee-agreements li")) == 2


def _member_routes() -> list[str]:
    """Every invitee route of one member, read from the URL configuration (so a route added
    later is walked too), with the parameters other than the member filled in."""
    routes = []
    for pattern in invited_urls.urlpatterns:
        if "member_uuid" in pattern.pattern.converters:
            routes.append(pattern.name)
    return routes


def _member_route_url(name: str, member: PartyMember) -> str:
    kwargs = {"member_uuid": member.uuid}
    if name == "download":
        kwargs |= {"copy_format": "standard", "kind": "docx"}
    return reverse(f"invited:{name}", kwargs=kwargs)


@pytest.mark.parametrize("who", ["nobody", "other member", "other agreement", "owner"])
def test_someone_elses_invitee_pages_are_not_found(client, agreement, mother, who):
    if who == "other member":
        sign_in_invitee(client, member_of(agreement, "Jo Person"))
    elif who == "other agreement":
        other = PersonalisedAgreementFactory(template=TemplatePage.objects.get(slug=isf.SLUG))
        sign_in_invitee(client, member_of(other, "Alex Person"))
    elif who == "owner":
        client.force_login(agreement.owner)

    routes = _member_routes()
    assert {"agreement", "comment", "agree", "download"} <= set(routes)
    for name in routes:
        response = client.get(_member_route_url(name, mother))
        assert response.status_code == 404, name
        assert response["Referrer-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]
    response = client.post(_url("comment", mother), {"text": "Let me in"})
    assert response.status_code == 404
    response = client.post(
        _url("agree", mother),
        {"based_on": agreement.latest_revision_id, "typed_name": "Intruder", "agree": "on"},
    )
    assert response.status_code == 404
    assert not AgreementComment.objects.exists()
    assert not PartyConsent.objects.exists()


@pytest.mark.parametrize("ended_by", ["revoked", "removed", "agreement deleted"])
def test_access_ends_at_once_when_the_invitation_or_member_goes(
    client, agreement, mother, ended_by
):
    invitation = sign_in_invitee(client, mother)
    assert client.get(_url("agreement", mother)).status_code == 200
    now = timezone.now()
    if ended_by == "revoked":
        invitation.revoked_at = now
        invitation.save()
    elif ended_by == "removed":
        PartyMember.objects.filter(pk=mother.pk).update(removed_at=now)
    else:
        agreement.deleted_at = now
        agreement.save()

    assert client.get(_url("agreement", mother)).status_code == 404


def test_an_invitee_reaches_none_of_the_practitioners_pages(invitee, agreement):
    routes = [
        pattern
        for pattern in agreement_urls.urlpatterns
        if set(pattern.pattern.converters) <= {"uuid"}
    ]
    assert len(routes) > 10
    for pattern in routes:
        kwargs = {"uuid": agreement.uuid} if pattern.pattern.converters else {}
        url = reverse(f"agreements:{pattern.name}", kwargs=kwargs)
        response = invitee.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    assert invitee.get("/admin/").status_code == 302


def test_signing_out_ends_the_invitee_session(invitee, mother):
    response = invitee.post(reverse("invited:sign_out"))

    assert response.status_code == 302
    assert invitee.get(_url("agreement", mother)).status_code == 404
    home = invitee.get(reverse("invited:home"))
    assert "You have signed out." in home.content.decode()


def test_a_comment_on_one_area_is_kept_for_the_practitioner(invitee, mother, agreement):
    area = _area(agreement)
    page = invitee.get(_url("comment", mother, block=area.id))
    assert "Comment on Area 2: Resources" in _soup(page).h1.get_text()
    assert _soup(page).find("option", selected=True)["value"] == area.id

    response = invitee.post(
        _url("comment", mother), {"block": area.id, "text": "I'd like Mum at the meetings."}
    )

    assert response.status_code == 302
    comment = AgreementComment.objects.get()
    assert (comment.member, comment.block_id, comment.text) == (
        mother,
        area.id,
        "I'd like Mum at the meetings.",
    )
    assert comment.revision_id == agreement.latest_revision_id
    after = invitee.get(response["Location"]).content.decode()
    assert "your comment is sent. Priya will read it." in after
    assert "I&#x27;d like Mum at the meetings." in after


def test_the_history_shows_each_comment_with_the_revision_its_writer_was_reading(
    invitee, mother, agreement
):
    read = agreement.latest_revision_id
    invitee.post(_url("comment", mother), {"text": "Please add Mum."})
    save_change(
        agreement,
        read,
        agreement.owner,
        lambda current: setattr(current, "review_date", timezone.localdate() + timedelta(days=30)),
    )
    practitioner = Client()
    practitioner.force_login(agreement.owner)

    page = _soup(practitioner.get(reverse("agreements:history", kwargs={"uuid": agreement.uuid})))

    (comment,) = page.select("#history-comments + ul .agreement-comment")
    assert "Please add Mum." in comment.get_text()
    link = comment.select_one(".agreement-comment__revision a")
    assert link.get_text(strip=True) == "Written while reading revision 1"
    assert link["href"] == reverse(
        "agreements:revision", kwargs={"uuid": agreement.uuid, "revision_id": read}
    )
    agreement.refresh_from_db()
    assert agreement.latest_revision_id != read  # the comment's revision is not the current one


def test_every_part_of_the_agreement_has_a_link_to_comment_on_it(invitee, mother, agreement):
    soup = _soup(invitee.get(_url("agreement", mother)))

    links = [link["href"] for link in soup.select(".invitee-comment-link a")]
    area_ids = [child.id for child in agreement.body if child.block_type == "area"]
    assert [_url("comment", mother, block=block_id) for block_id in area_ids] == [
        link for link in links if link.split("=")[-1] in area_ids
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Write what you would like changed."),
        ({"text": "Hidden\x1bcharacter"}, "hidden character"),
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"text": "About nothing", "block": "not-a-block"}, "Select a valid choice"),
    ],
)
def test_a_bad_comment_is_refused_at_its_field_and_nothing_is_kept(invitee, mother, data, message):
    response = invitee.post(_url("comment", mother), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AgreementComment.objects.exists()


def test_too_many_comments_in_an_hour_are_refused(invitee, mother, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitee_comment": {"count": 2, "seconds": 60}}
    for number in range(2):
        assert (
            invitee.post(_url("comment", mother), {"text": f"Comment {number}"}).status_code == 302
        )
    response = invitee.post(_url("comment", mother), {"text": "One more"})

    assert response.status_code == 429
    assert AgreementComment.objects.count() == 2


def test_agreeing_records_their_own_signature_bound_to_the_version_they_read(
    invitee, mother, agreement
):
    response = invitee.post(
        _url("agree", mother),
        {
            "based_on": agreement.latest_revision_id,
            "typed_name": "Alex Person",
            "agree": "on",
            "supported_by": "Dee Advocate",
        },
    )

    assert response.status_code == 302
    consent = PartyConsent.objects.get(member=mother)
    assert consent.revision_id == agreement.latest_revision_id
    assert (consent.agreed_by, consent.supported_by) == ("Alex Person", "Dee Advocate")
    assert consent.method == ConsentMethod.BY_LINK
    assert consent.agreed_at is not None and len(consent.content_hash) == 64
    assert consent.recorded_by is None
    page = invitee.get(response["Location"]).content.decode()
    assert "you have agreed to this version" in page
    assert "You agreed to this version on" in page
    # Only they agreed: the other members of their party still have to.
    assert not PartyConsent.objects.filter(member__name="Jo Person").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"typed_name": "Alex Person"}, "Tick the box to say you agree to this version."),
        ({"agree": "on"}, "Type your name to agree."),
        ({"typed_name": "   ", "agree": "on"}, "Type your name to agree."),
        ({"typed_name": "Alex\x07", "agree": "on"}, "hidden character"),
        ({"typed_name": "A" * 121, "agree": "on"}, "at most 120 characters"),
    ],
)
def test_an_incomplete_signature_is_refused_at_its_field(invitee, mother, agreement, data, message):
    response = invitee.post(
        _url("agree", mother), {"based_on": agreement.latest_revision_id, **data}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartyConsent.objects.exists()


def test_agreeing_to_a_version_changed_since_it_was_read_is_refused_and_says_what_changed(
    invitee, mother, agreement
):
    read = agreement.latest_revision_id
    agreement = save_change(
        agreement, read, agreement.owner, lambda current: setattr(current, "review_date", None)
    )
    agreement = save_change(
        agreement,
        agreement.latest_revision_id,
        agreement.owner,
        lambda current: setattr(current, "review_date", timezone.localdate() + timedelta(days=90)),
    )

    response = invitee.post(
        _url("agree", mother), {"based_on": read, "typed_name": "Alex Person", "agree": "on"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "the agreement changed while you were reading it" in page
    assert "The review date changed." in page
    assert not PartyConsent.objects.exists()
    # The form now stands on the version as it is, so agreeing again agrees to that one.
    based_on = _soup(response).find("input", {"name": "based_on"})["value"]
    assert based_on == str(agreement.latest_revision_id)


def test_a_change_after_they_agreed_asks_them_again_and_says_what_changed(
    invitee, mother, agreement
):
    invitee.post(
        _url("agree", mother),
        {"based_on": agreement.latest_revision_id, "typed_name": "Alex Person", "agree": "on"},
    )
    agreed = PartyConsent.objects.get(member=mother)
    save_change(
        agreement,
        agreement.latest_revision_id,
        agreement.owner,
        lambda current: setattr(current, "review_date", timezone.localdate() + timedelta(days=9)),
    )

    page = invitee.get(_url("agreement", mother)).content.decode()

    assert "It has changed since you agreed to it on" in page
    assert "The review date changed." in page
    assert "Agree to this version" in page
    # The earlier record stands: who, when, which revision and its hash.
    assert PartyConsent.objects.get(pk=agreed.pk).content_hash == agreed.content_hash


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_comments_are_kept_as_typed_and_shown_inert(invitee, mother, payload):
    response = invitee.post(_url("comment", mother), {"text": payload})

    assert response.status_code == 302
    assert AgreementComment.objects.get().text == payload.strip()
    page = invitee.get(response["Location"]).content.decode()
    assert payload.strip() in as_text(page)
    assert executable_parts(page) == []


@pytest.mark.parametrize("payload", NAME_PAYLOADS)
def test_hostile_typed_names_are_kept_as_typed_and_shown_inert(invitee, mother, agreement, payload):
    data = {"based_on": agreement.latest_revision_id, "typed_name": payload, "agree": "on"}
    response = invitee.post(_url("agree", mother), {**data, "supported_by": payload})

    assert response.status_code == 302
    assert PartyConsent.objects.get(member=mother).agreed_by == payload.strip()
    page = invitee.get(response["Location"]).content.decode()
    assert payload.strip() in as_text(page)
    assert executable_parts(page) == []


def test_a_hostile_member_name_and_agreement_are_shown_inert(client, agreement):
    for payload in NAME_PAYLOADS:
        member = member_of(agreement, payload)
        sign_in_invitee(client, member)
        for name in ("agreement", "comment", "agree"):
            page = client.get(_url(name, member)).content.decode()
            assert executable_parts(page) == [], (payload, name)


@pytest.mark.parametrize(
    ("copy_format", "marker"),
    [("easy-read", ".easy-read-document"), ("large-print", ".agreement-large-print")],
)
def test_easy_read_and_large_print_open_with_the_purpose_and_the_person(
    invitee, mother, copy_format, marker
):
    response = invitee.get(_url("agreement", mother, format=copy_format))

    assert response.status_code == 200
    soup = _soup(response)
    assert soup.select_one(marker) is not None
    assert "for Sam" in soup.h1.get_text()
    # The copy opens with its title for the person, then the purpose, then the body.
    in_order = soup.find_all(True)
    assert in_order.index(soup.h1) < in_order.index(soup.select_one(".document-body"))
    main = soup.find("main").get_text(" ", strip=True)
    assert "How to use" not in main
    current = soup.select_one('.invitee-formats a[aria-current="page"]')
    assert current["href"] == _url("agreement", mother, format=copy_format)
    # Their own standing and the way to agree are on every form of the copy.
    assert soup.select_one(".invitee-standing a.button")["href"] == _url("agree", mother)
    assert "/agreements/" not in str(soup.find("main"))


def test_the_copy_they_prefer_is_the_one_they_see_first(invitee, mother):
    mother.preferred_format = "easy-read"
    mother.save()

    soup = _soup(invitee.get(_url("agreement", mother)))

    assert soup.select_one(".easy-read-document") is not None
    assert _soup(invitee.get(_url("agreement", mother, format="nonsense"))).select_one(
        ".easy-read-document"
    )


@pytest.mark.parametrize("copy_format", ["standard", "easy-read", "large-print"])
def test_each_copy_downloads_as_a_word_document(invitee, mother, agreement, copy_format):
    page = _soup(invitee.get(_url("agreement", mother, format=copy_format)))
    link = page.find("a", string=re.compile("Word document"))["href"]

    response = invitee.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "Sam-Secretname" in response["Content-Disposition"]
    assert "Sam Secretname" in docx_text(response.content)
    entry = ModelLogEntry.objects.for_instance(agreement).filter(action=audit.EXPORT).get()
    assert entry.data == {"member": mother.pk, "format": f"{copy_format} docx"}


def test_a_copy_downloads_as_a_tagged_pdf(invitee, mother):
    link = _soup(invitee.get(_url("agreement", mother, format="easy-read"))).find(
        "a", string=re.compile("PDF")
    )["href"]

    response = invitee.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    read = read_pdf(response.content)
    assert "Sam" in read.text and read.marked


def test_a_download_that_is_not_a_copy_is_not_found(invitee, mother):
    for copy_format, kind in [("standard", "exe"), ("braille", "pdf")]:
        url = reverse(
            "invited:download",
            kwargs={"member_uuid": mother.uuid, "copy_format": copy_format, "kind": kind},
        )
        assert invitee.get(url).status_code == 404


def test_in_urdu_the_interface_reads_right_to_left_and_the_languages_keep_the_copy(invitee, mother):
    response = invitee.get("/ur" + _url("agreement", mother, format="standard"))

    assert response.status_code == 200
    soup = _soup(response)
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    # The agreement's own words stay English, left to right.
    assert soup.select_one(".document-body")["dir"] == "ltr"
    english = soup.select_one('.language-switcher a[hreflang="en-gb"]')["href"]
    with translation.override("en-gb"):
        assert english == _url("agreement", mother, format="standard")


@pytest.fixture(params=list(SHAPES))
def shape_member(request, client):
    shape = SHAPES[request.param]()
    agreement = PersonalisedAgreementFactory(
        template=shape.template,
        details=PersonDetailsFactory(
            person_name="Samira Khan",
            known_as="Samira",
            parties={key: names.split("\n") for key, names in shape.party_names.items()},
            blanks=shape.blank_values,
        ),
    )
    party = agreement.party_list()[0].key
    member = member_of(agreement, "Riley Member", party=party)
    sign_in_invitee(client, member)
    return shape, agreement, member


def test_any_template_reads_comments_and_agrees_for_its_own_parties(client, shape_member):
    shape, agreement, member = shape_member

    page = client.get(_url("agreement", member))
    assert page.status_code == 200
    text = _soup(page).find("main").get_text(" ", strip=True)
    for words in shape.blank_readings:
        assert words in text
    assert shape.editable_words in text

    part = _soup(page).select(".invitee-comment-link a")[-1]["href"]
    block_id = part.split("block=")[1]
    response = client.post(_url("comment", member), {"block": block_id, "text": "Please check."})
    assert response.status_code == 302
    assert AgreementComment.objects.get(member=member).block_id == block_id

    response = client.post(
        _url("agree", member),
        {"based_on": agreement.latest_revision_id, "typed_name": "Riley", "agree": "on"},
    )
    assert response.status_code == 302
    assert PartyConsent.objects.get(member=member).party == member.party

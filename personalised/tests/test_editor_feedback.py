"""What the area editor tells the practitioner: a hint that describes what the "this means" box
really does, and a confirmation, on the page they land on, naming the area that was saved."""

import pytest
from bs4 import BeautifulSoup

from personalised.factories import PersonalisedAgreementFactory
from personalised.tests.editing import area_url, open_area_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(practitioner):
    return PersonalisedAgreementFactory(owner=practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_this_means_hint_describes_the_plain_text_box_in_plain_words(signed_in, agreement):
    first = agreement.areas()[0]
    page = soup(signed_in.get(area_url(agreement, first.id)))

    hint = page.find(id="id_this_means_helptext")
    words = hint.get_text()
    assert "<" not in words and "href" not in words and "strong" not in words
    assert "empty line" in words and "“- ”" in words and "“1. ”" in words


def test_what_the_hint_describes_is_what_the_box_does(signed_in, agreement):
    first = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, first.id)
    data["this_means"] = "A first paragraph.\n\nA second one.\n- a point\n- another\n\n1. first"

    signed_in.post(area_url(agreement, first.id), data)

    agreement.refresh_from_db()
    saved = agreement.areas()[0].value["this_means"].source
    assert saved.count("<p>") == 2
    assert "<ul><li>a point</li><li>another</li></ul>" in saved
    assert "<ol><li>first</li></ol>" in saved


def _status(page: BeautifulSoup) -> str:
    return " ".join(page.select_one("#editor-status").get_text(" ").split())


def test_save_and_next_says_on_the_next_page_which_area_was_saved(signed_in, agreement):
    first, second = agreement.areas()
    data = open_area_form(signed_in, agreement, first.id)
    data["next_area"] = "1"

    response = signed_in.post(area_url(agreement, first.id), data, follow=True)

    assert response.redirect_chain[-1][0] == area_url(agreement, second.id)
    status = _status(soup(response))
    assert f"Area 1, {first.value['title']}, is saved." in status
    assert second.value["title"] not in status


def test_save_says_on_the_same_page_that_this_area_was_saved(signed_in, agreement):
    second = agreement.areas()[1]
    data = open_area_form(signed_in, agreement, second.id)

    response = signed_in.post(area_url(agreement, second.id), data, follow=True)

    assert response.redirect_chain[-1][0] == area_url(agreement, second.id)
    assert f"Area 2, {second.value['title']}, is saved." in _status(soup(response))


def test_saving_the_last_area_and_going_back_names_it_on_the_agreement_page(signed_in, agreement):
    last = agreement.areas()[-1]
    data = open_area_form(signed_in, agreement, last.id)
    data["next_area"] = "1"

    response = signed_in.post(area_url(agreement, last.id), data, follow=True)

    assert response.redirect_chain[-1][0] == agreement.get_absolute_url()
    assert f"Area 2, {last.value['title']}, is saved." in soup(response).get_text()


def test_with_javascript_the_confirmation_names_the_area_saved_in_place(signed_in, agreement):
    first = agreement.areas()[0]
    data = open_area_form(signed_in, agreement, first.id)

    answer = signed_in.post(
        area_url(agreement, first.id), data, headers={"Accept": "application/json"}
    ).json()

    assert answer["message"] == f"Area 1, {first.value['title']}, is saved."

"""Helpers for tests that post the agreement editor's forms as a browser would."""

from bs4 import BeautifulSoup
from django.urls import reverse


def form_data(html: str, form_selector: str = "form[data-agreement-editor], form.form") -> dict:
    """The fields of the page's editing form, with the values a browser would submit unchanged
    (checked boxes and radios only; the first submit button is not included)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(form_selector)
    assert form is not None, "no form on the page"
    data: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            # A browser drops the newline that Django writes after <textarea>.
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            selected = field.find("option", selected=True) or field.find("option")
            data[name] = selected.get("value", "") if selected else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") == "submit":
            continue
        else:
            data[name] = field.get("value", "")
    return data


def area_url(agreement, block_id: str) -> str:
    return reverse("agreements:edit_area", kwargs={"uuid": agreement.uuid, "block_id": block_id})


def open_area_form(client, agreement, block_id: str) -> dict:
    response = client.get(area_url(agreement, block_id))
    assert response.status_code == 200
    return form_data(response.content.decode())


def details_url(agreement) -> str:
    return reverse("agreements:edit_details", kwargs={"uuid": agreement.uuid})


def agree_url(agreement) -> str:
    return reverse("agreements:agree", kwargs={"uuid": agreement.uuid})

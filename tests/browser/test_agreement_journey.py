"""A practitioner's whole journey in a real browser: sign in, use the ISF template, work through
three areas, record each party's agreement, see the agreement agreed, and export it."""

import re

from django.urls import reverse
from docx import Document
from playwright.sync_api import expect

from personalised.factories import PersonalisedAgreementFactory
from personalised.models import AgreementStatus, PersonalisedAgreement

from .fixtures import BROWSER_TEST, save_screenshot

pytestmark = BROWSER_TEST

PASSWORD = "a-long-test-password"  # noqa: S105 the practitioner fixture's


def test_a_practitioner_forks_edits_and_agrees_an_agreement(checked_site, practitioner, open_page):
    # An anonymous reader of the ISF template signs in through the form to use it.
    page = open_page(checked_site.url)
    page.get_by_role("link", name="Practitioners: sign in to use this template").click()
    page.get_by_label("Username").fill(practitioner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Use this template")

    # Signed in, the template page offers the button itself.
    page.goto(checked_site.url)
    page.get_by_role("link", name="Use this template").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Use this template")
    page.get_by_label("The person's full name").fill("Samira Khan")
    page.get_by_label("How to refer to them").fill("Samira")
    page.get_by_label("she / her / her").check()
    # One field per party the ISF declares (the person is counted in the last already).
    page.get_by_label("Local Authority", exact=True).fill("Suffolk County Council")
    page.get_by_label("Provider", exact=True).fill("Good Support Ltd")
    page.get_by_label("Family & Person being supported").fill("Amira Khan\nYusuf Khan")
    page.get_by_role("button", name="Make the agreement").click()
    expect(page.locator(".status-banner__label")).to_have_text("Draft")
    expect(page.get_by_role("heading", level=1)).to_contain_text("for Samira")

    # Area 1: not relevant to Samira; saved by going on to the next area (a full page load).
    page.get_by_role("link", name="Edit the areas").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agreeing Outcomes")
    page.get_by_label("No, leave it out").check()
    page.get_by_role("button", name="Save and go to the next area").click()

    # Area 2: a prompt edited, one added, "this means" and an action, saved without a reload.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resources")
    page.evaluate("window.journeyMarker = 'still the same page'")
    page.get_by_label("Prompt 1 for Local Authority", exact=True).fill(
        "Provide enough resources to support _____ to achieve the agreed outcomes."
    )
    page.get_by_label("New prompts for Provider").fill("Check the budget with Samira each month")
    page.get_by_label("For Samira this means:").fill(
        "Samira manages her own budget.\n\n- a weekly plan\n- help with bills"
    )
    page.get_by_label("Who", exact=True).fill("Good Support Ltd")
    page.get_by_label("What they will do").fill("Set up the weekly budget plan with Samira")
    page.get_by_label("By when").fill("2027-03-01")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#editor-status")).to_contain_text("is saved.")
    assert page.evaluate("window.journeyMarker") == "still the same page"
    # The fresh form holds the saved prompt as an existing one, and the action.
    expect(page.get_by_label("Prompt 4 for Provider", exact=True)).to_have_value(
        "Check the budget with Samira each month"
    )
    expect(page.get_by_label("New prompts for Provider")).to_have_value("")
    expect(page.locator("#id_actions-0-who")).to_have_value("Good Support Ltd")

    # Area 3: "this means" written, saved on the way back to the agreement.
    page.get_by_role("link", name=re.compile("Next area")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Area 3 of 7")
    page.get_by_label("For Samira this means:").fill("Samira uses her tablet to talk to Amira.")
    page.get_by_role("button", name="Save and go to the next area").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Area 4 of 7")
    page.get_by_role("link", name="Back to the agreement for Samira").click()

    body = page.locator(".document-body")
    expect(body).not_to_contain_text("Agreeing Outcomes")
    expect(body).to_contain_text("Provide enough resources to support Samira")
    expect(body).to_contain_text("Check the budget with Samira each month")
    expect(body.locator(".area__this-means li").first).to_have_text("a weekly plan")
    expect(body.locator("table.actions")).to_contain_text("Set up the weekly budget plan")
    expect(body).to_contain_text("Samira uses her tablet to talk to Amira.")
    expect(page.locator("#areas-overview")).to_contain_text("Left out: not relevant")

    # Each organisation agrees, one after the other; then each person in the family, each
    # for themselves.
    for party, name in [("Local Authority", "Lee Council"), ("Provider", "Pri Provider")]:
        page.get_by_role("link", name=re.compile("Record the parties")).click()
        page.get_by_label(f"Who agreed for {party}").fill(name)
        page.get_by_role("button", name="Record agreement").click()
        expect(page.locator(".agreement-status")).to_contain_text(f"agreed by {name}")
    page.get_by_role("link", name=re.compile("Record the parties")).click()
    # .all() does not wait for the page: count the boxes first (Samira, Amira and Yusuf), or
    # a fast click reads the agreement page, finds none, and records no one.
    boxes = page.get_by_role("checkbox", name=re.compile("agrees to this version"))
    expect(boxes).to_have_count(3)
    for box in boxes.all():
        box.check()
    page.get_by_role("button", name="Record agreement").click()
    expect(page.locator(".agreement-status")).to_contain_text("agreed by Samira Khan")

    expect(page.locator(".status-banner__label")).to_have_text("Agreed")
    expect(page.locator(".agreement-status")).to_contain_text("every party has agreed")
    agreement = PersonalisedAgreement.objects.get(owner=practitioner)
    assert agreement.status() == AgreementStatus.AGREED
    save_screenshot(page, "agreed", folder="journey")

    # Export: the Word document downloads under the person's name, and the print view holds
    # the agreement as the parties agreed it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as a Word document (DOCX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert "Samira" in download.suggested_filename
    docx = Document(download.path())
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    text += "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    )
    assert "Samira uses her tablet to talk to Amira." in text
    assert "Set up the weekly budget plan" in text

    page.get_by_role("link", name="Print view", exact=True).click()
    expect(page.locator("main")).to_contain_text("Samira uses her tablet to talk to Amira.")
    expect(page.locator("main")).to_contain_text("Set up the weekly budget plan")
    save_screenshot(page, "print-view", folder="journey")


def test_saving_an_area_in_place_by_keyboard_keeps_focus_and_announces_it(
    checked_site, practitioner, open_page
):
    agreement = PersonalisedAgreementFactory(owner=practitioner, template=checked_site)
    area = agreement.areas()[0]
    page = open_page(
        reverse("agreements:edit_area", kwargs={"uuid": agreement.uuid, "block_id": area.id}),
        user=practitioner,
    )
    expect(page.locator("#editor-status")).to_have_attribute("aria-live", "polite")

    page.get_by_label("For Sam this means:").focus()
    page.keyboard.type("Typed without a mouse.")
    # From "this means", Tab goes through the action's fields (a date is several stops) to Save.
    for _stop in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "save":
            break
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#editor-status")).to_contain_text("is saved.")
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_focused()
    agreement.refresh_from_db()
    saved = next(block for block in agreement.body.raw_data if block["id"] == area.id)
    assert saved["value"]["this_means"] == "<p>Typed without a mouse.</p>"

    # An error is announced, and the error summary takes focus so it is read out first.
    page.get_by_label("Who", exact=True).fill("Good Support Ltd")
    page.get_by_role("button", name="Save", exact=True).press("Enter")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#editor-status")).to_contain_text("Not saved")

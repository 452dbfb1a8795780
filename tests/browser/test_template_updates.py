"""Reviewing and accepting a template update in a real browser: the agreement says its template
changed, the review lists each change with the editors' notes, a conflict waits for a choice,
and once everything is decided the agreement follows the new version."""

from playwright.sync_api import expect

from personalised.models import PersonalisedAgreement
from personalised.tests.test_updates import edit_body
from personalised.tests.updating_helpers import (
    block,
    column,
    fork,
    prompt_texts,
    publish,
    three_area_template,
    version_2,
    version_3,
)

from .fixtures import BROWSER_TEST, save_screenshot

pytestmark = BROWSER_TEST


def test_a_practitioner_reviews_and_accepts_a_template_update(practitioner, open_page):
    template = three_area_template()
    agreement = fork(template, practitioner)
    template = publish(template, version_2, "Reworded a provider prompt; Housing is gone.")
    publish(template, version_3, "Resources first; a column for the council.")

    def reword(body):
        column(block(body, "Agreeing outcomes"), "Provider")[0]["value"] = "Meet Sam's friends"

    agreement = edit_body(PersonalisedAgreement.objects.get(pk=agreement.pk), reword)

    page = open_page(agreement.get_absolute_url(), user=practitioner)
    expect(page.get_by_role("note", name="The template has changed")).to_contain_text(
        "version 1 → 3"
    )
    page.get_by_role("link", name="Review the changes and choose which to take").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Template changes")
    expect(page.get_by_text("Resources first; a column for the council.")).to_be_visible()
    conflict = page.locator(".update-change--conflict")
    expect(conflict).to_have_count(1)
    expect(conflict).to_contain_text("Meet Sam's friends")
    expect(conflict).to_contain_text("Get to know Sam and their family well")
    save_screenshot(page, "review", "template-updates")

    # Everything that needs no choice, at once: the conflict is left for the practitioner.
    page.get_by_role("button", name="Accept every change that is not a conflict").click()
    expect(page.get_by_role("status")).to_contain_text("1 change is left to decide.")
    expect(page.locator(".update-change")).to_have_count(1)

    page.locator(".update-change--conflict").get_by_label("Take the template’s new version").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The agreement now follows version 3 of the template."
    )
    expect(page.get_by_text("no changes to review")).to_be_visible()

    page.get_by_role("link", name="Back to the agreement for Sam").click()
    expect(page.get_by_role("note", name="The template has changed")).to_have_count(0)
    expect(page.locator(".status-banner")).to_contain_text("From template version 3")
    agreement.refresh_from_db()
    outcomes = block(agreement.body.raw_data, "Agreeing outcomes together")
    assert prompt_texts(outcomes, "Provider")[0] == "Get to know _____ and their family well"

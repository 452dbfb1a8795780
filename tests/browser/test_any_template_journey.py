"""A template that is not the ISF, through the admin and the site in a real browser: an editor
opens a clause of a direct payment agreement to practitioners' changes and publishes it; a
practitioner uses the template (its own parties and blanks, no provider), fills every blank,
changes the clause, records each party's agreement and exports the agreement."""

import re

from django.contrib.auth.models import Group
from docx import Document
from playwright.sync_api import expect

from accounts.practitioners import MODERATORS
from agreements.models import TemplatePage
from personalised.models import AgreementStatus, PersonalisedAgreement
from tests.template_shapes import direct_payment_shape

from .fixtures import BROWSER_TEST, save_screenshot

pytestmark = BROWSER_TEST


def _responsibilities(template: TemplatePage) -> tuple[int, dict]:
    for index, block in enumerate(template.body.raw_data):
        if block["type"] == "clause" and block["value"]["heading"] == "Responsibilities":
            return index, block
    raise LookupError("Responsibilities")


def test_an_editor_opens_a_clause_and_a_practitioner_takes_the_template_through(
    checked_site, practitioner, open_page, django_user_model
):
    template = direct_payment_shape().template
    index, _block = _responsibilities(template)
    # The editor has not yet let practitioners change it.
    page = template.get_latest_revision_as_object()
    body = list(page.body.raw_data)
    body[index]["value"]["practitioners_may_edit"] = False
    page.body = body
    page.change_note = "Responsibilities fixed for now."
    page.save_revision().publish()

    # In the Wagtail admin, a moderator (who may publish without review) ticks "Practitioners
    # may change this in their agreements" on the clause and publishes.
    editor = django_user_model.objects.create_user(username="mo", password="a-long-password")
    editor.groups.add(Group.objects.get(name=MODERATORS))
    admin = open_page(f"/admin/pages/{template.pk}/edit/", user=editor)
    switch = admin.locator(f'[name="body-{index}-value-practitioners_may_edit"]')
    switch.check()
    admin.get_by_label(re.compile("Change note")).fill(
        "Practitioners may now change the responsibilities."
    )
    admin.locator("footer").get_by_role("button", name="More actions").click()
    admin.locator("footer").get_by_role("button", name="Publish").click()
    expect(admin.locator(".messages")).to_contain_text("published")
    template = TemplatePage.objects.get(pk=template.pk)
    assert template.body.raw_data[index]["value"]["practitioners_may_edit"] is True

    # On the site, the practitioner uses it: the form asks for its parties and blanks only.
    site = open_page(template.url, user=practitioner)
    site.get_by_role("link", name="Use this template").click()
    expect(site.get_by_role("heading", level=1)).to_have_text("Use this template")
    form = site.locator("main form")
    expect(form).not_to_contain_text("Provider")
    site.get_by_label("The person's full name").fill("Samira Khan")
    site.get_by_label("How to refer to them").fill("Samira")
    site.get_by_label("she / her / her").check()
    site.get_by_label("The council", exact=True).fill("Northshire County Council")
    site.get_by_label("The appointed person", exact=True).fill("Jo Bloggs")
    site.get_by_label("Address", exact=True).fill("1 High Street\nNorthtown")
    site.get_by_label("Date of birth").fill("1990-04-02")
    site.get_by_label("Appointed person", exact=True).fill("Jo Bloggs")
    site.get_by_label("Weekly amount").fill("1234.50")
    site.get_by_label("Review date").fill("2027-03-01")
    site.get_by_label("prepaid card").check()
    site.get_by_role("button", name="Make the agreement").click()

    body = site.locator(".document-body")
    expect(body).to_contain_text("£1,234.50")
    expect(body).to_contain_text("2 April 1990")
    expect(body).to_contain_text("1 March 2027")
    expect(body).to_contain_text("prepaid card")
    expect(body.locator(".blank-gap")).to_have_count(0)
    # The second list of responsibilities numbers on from the first.
    expect(body.locator('ol[start="7"]')).to_have_count(1)

    # The practitioner changes the clause the editor opened.
    site.get_by_role("link", name=re.compile(r"Edit\s*\(Responsibilities\)")).click()
    field = site.locator("textarea").filter(has_text="keep every receipt").first
    field.fill("keep every receipt in the blue folder")
    site.get_by_role("button", name="Save", exact=True).click()
    # Saved, the practitioner is back on the agreement, at the clause.
    expect(site.locator(".document-body")).to_contain_text("keep every receipt in the blue folder")

    # Each of the template's own parties agrees.
    site.get_by_role("link", name=re.compile("Record the parties")).click()
    # The council by whoever agreed for it; Samira and Jo each for themselves.
    site.get_by_label("Who agreed for The council").fill("Lee Officer")
    boxes = site.get_by_role("checkbox", name=re.compile("agrees to this version"))
    expect(boxes).to_have_count(2)
    for box in boxes.all():
        box.check()
    site.get_by_role("button", name="Record agreement").click()
    expect(site.locator(".status-banner__label")).to_have_text("Agreed")
    agreement = PersonalisedAgreement.objects.get(owner=practitioner)
    assert agreement.status() == AgreementStatus.AGREED
    assert sorted(agreement.current_consents()) == ["appointed-person", "council", "person"]
    save_screenshot(site, "agreed", folder="any-template")

    # Exports carry the filled blanks, the changed clause and the template's own signatures.
    with site.expect_download() as download_info:
        site.get_by_role("link", name="Download as a Word document (DOCX)").click()
    document = Document(download_info.value.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    text += "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "keep every receipt in the blue folder" in text
    assert "£1,234.50" in text
    assert "Signed by" in text

    site.get_by_role("link", name="Print view", exact=True).click()
    expect(site.locator("main")).to_contain_text("keep every receipt in the blue folder")
    expect(site.locator("main")).to_contain_text("Signed by")
    save_screenshot(site, "print-view", folder="any-template")

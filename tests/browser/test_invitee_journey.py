"""The family's side of an agreement in a real browser: the practitioner invites the mother by
email, she follows the link from the email in a browser of her own, reads the easy-read copy,
asks for a change to one area and agrees for herself; the practitioner sees it all."""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.models import AgreementComment, ConsentMethod, PartyConsent
from personalised.tests.inviting import token_of

from .fixtures import BROWSER_TEST, save_screenshot

pytestmark = BROWSER_TEST

LINK = re.compile(r"https?://[^/\s]+(/\S*invitation/[^/\s]+/)")


def test_the_mother_is_invited_reads_the_easy_read_comments_and_agrees(
    seeded_site, practitioner, open_page
):
    agreement = PersonalisedAgreementFactory(
        owner=practitioner,
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(
            person_name="Samira Khan",
            known_as="Samira",
            parties={
                "local-authority": ["Suffolk County Council"],
                "provider": ["Good Support Ltd"],
                "person": ["Amira Khan", "Yusuf Khan"],
            },
        ),
    )

    # The practitioner gives the mother's email address and invites her by email.
    practitioner_tab = open_page(
        reverse("agreements:people", kwargs={"uuid": agreement.uuid}), user=practitioner
    )
    practitioner_tab.get_by_role("link", name="Change Amira Khan’s details").click()
    practitioner_tab.get_by_label("Email address").fill("amira@example.org")
    practitioner_tab.get_by_label("Role").fill("Mother")
    practitioner_tab.get_by_role("button", name="Save").click()
    expect(practitioner_tab.locator(".notice")).to_contain_text("Their details are saved.")
    mail.outbox.clear()
    practitioner_tab.get_by_role("button", name="Invite by email Amira Khan").click()
    expect(practitioner_tab.locator("main")).to_contain_text("An invitation is on its way")

    # The email (sent by the background task) holds her link.
    [email] = mail.outbox
    assert email.to == ["amira@example.org"]
    link = LINK.search(email.body).group(1)

    # She follows it in a browser of her own: the token leaves the address at once, and her
    # agreement opens when she presses the button (a mail scanner opening the link would not).
    mother = open_page(link, viewport="mobile")
    expect(mother.get_by_role("heading", level=1)).to_have_text("Open your agreement")
    assert token_of(link) not in mother.url
    mother.get_by_role("button", name="Open the agreement").click()
    expect(mother.get_by_role("heading", level=1)).to_contain_text("for Samira")
    assert "/invitation/" not in mother.url
    expect(mother.get_by_role("heading", level=1)).to_contain_text("for Samira")
    expect(mother.locator(".invitee-reader")).to_have_text("You are reading this as Amira Khan.")
    expect(mother.locator(".site-header")).not_to_contain_text("My agreements")

    # She reads the easy-read copy.
    mother.get_by_role("link", name="Easy read", exact=True).click()
    expect(mother.locator(".easy-read-document")).to_be_visible()
    expect(mother.locator(".easy-read-document h1")).to_contain_text("for Samira")
    save_screenshot(mother, "easy-read", folder="invitee-journey")

    # She asks for a change to one area, from the standard copy's link beside it.
    mother.get_by_role("link", name="Standard", exact=True).click()
    mother.get_by_role("link", name="Comment on Area 2: Resources").click()
    expect(mother.get_by_role("heading", level=1)).to_have_text("Comment on Area 2: Resources")
    mother.get_by_label("What would you like changed?").fill(
        "I would like Samira to choose her support workers with me."
    )
    mother.get_by_role("button", name="Send my comment").click()
    expect(mother.locator(".notice")).to_contain_text("your comment is sent. Pat will read it.")
    expect(mother.locator(".invitee-comments")).to_contain_text("choose her support workers")

    # She agrees for herself.
    mother.get_by_role("navigation", name="Your agreement").get_by_role(
        "link", name="Agree", exact=True
    ).click()
    mother.get_by_label("Your name").fill("Amira Khan")
    mother.get_by_label("I agree to this version").check()
    mother.get_by_role("button", name="Agree", exact=True).click()
    expect(mother.locator(".notice")).to_contain_text("you have agreed to this version")
    save_screenshot(mother, "agreed", folder="invitee-journey")

    consent = PartyConsent.objects.get(member__name="Amira Khan")
    assert consent.method == ConsentMethod.BY_LINK
    assert consent.revision_id == agreement.latest_revision_id and consent.content_hash
    comment = AgreementComment.objects.get()
    assert comment.member == consent.member

    # The practitioner sees she opened it, commented and agreed; Yusuf has not agreed yet.
    practitioner_tab.reload()
    # (Not "Samira Khan", whose name holds hers.)
    amira = practitioner_tab.locator(".party-member", has_text=re.compile(r"^\s*Amira Khan"))
    expect(amira).to_contain_text("Agreed to this version on")
    expect(amira).to_contain_text("Themselves, by their invitation link")
    expect(amira).to_contain_text("1 comment.")
    expect(amira).to_contain_text("opened the agreement with it")
    expect(practitioner_tab.locator(".party-member", has_text="Yusuf Khan")).to_contain_text(
        "Not agreed yet."
    )
    save_screenshot(practitioner_tab, "people-page", folder="invitee-journey")

"""Every page an invited party member sees, in English and in Urdu (right to left): axe-core finds
no WCAG 2.2 A or AA violation in Chromium, and the Nu Html Checker finds the HTML valid. The
standard, easy-read and large print copies, commenting and agreeing (and each form refused with
its errors), their agreement changed since they agreed, their list of agreements, the 404 of
an address that is not theirs, "Open your agreement" (where a working link leads), and the landing
of an invitation link that is expired, cancelled, used or forged.

One browser tab for the whole module, signed in as the member (the pages need their
invitation's session, so the site-wide checks in tests/pages.py leave them to this module)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised.concurrency import save_change
from personalised.consent.services import record_member_consent
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.invitations.tokens import new_link_token, token_hash
from personalised.models import ConsentMethod, Invitation, InvitationChannel
from personalised.tests.editing import form_data
from personalised.tests.invitee_helpers import member_of, sign_in_invitee
from tests.test_valid_html import describe, nu_html_checker_errors

from .axe import axe_violations, describe_violations
from .fixtures import BROWSER_TEST, EVERY_PAGE_SCREENSHOTS, VIEWPORTS, save_screenshot

pytestmark = [*BROWSER_TEST, pytest.mark.one_database]

LANGUAGES = ["en-gb", "ur"]
REVIEW_IN = timedelta(days=90)


@dataclass(frozen=True)
class InviteePage:
    label: str
    path: str
    status: int = 200
    #: A form to send with the page's submit button, with errors: (field label, value) pairs.
    post: dict | None = None


def _path(language: str, name: str, query: str = "", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"invited:{name}", kwargs=kwargs) + query


def _landings(language: str, tokens: dict[str, str]) -> list[InviteePage]:
    """The landing of an invitation link that no longer works, or never did."""
    return [
        InviteePage(
            f"invitation-{refusal}",
            _path(language, "start", token=token),
            404 if refusal == "forged" else 410,
        )
        for refusal, token in tokens.items()
    ]


def _hold_a_working_link(client: Client, member) -> None:
    """Follow a new, unused email link in the module's session, as the person would before
    pressing "Open the agreement"."""
    token = new_link_token()
    Invitation.objects.create(
        member=member,
        channel=InvitationChannel.EMAIL,
        token_hash=token_hash(token),
        expires_at=timezone.now() + timedelta(days=14),
    )
    assert client.get(reverse("invited:start", kwargs={"token": token})).status_code == 303


def _refused_invitations(member) -> dict[str, str]:
    """A token for each way an invitation link stops working (the member's, not the reader's)."""
    now = timezone.now()
    states = {
        "expired": {"expires_at": now - timedelta(days=1)},
        "revoked": {"revoked_at": now},
        "used": {"used_at": now},
    }
    tokens = {}
    for refusal, state in states.items():
        token = new_link_token()
        Invitation.objects.create(
            member=member,
            channel=InvitationChannel.EMAIL,
            token_hash=token_hash(token),
            expires_at=state.pop("expires_at", now + timedelta(days=14)),
            **state,
        )
        tokens[refusal] = token
    tokens["forged"] = new_link_token()
    return tokens


def _pages(language: str, member, area_id: str, stranger) -> list[InviteePage]:
    own = {"member_uuid": member.uuid}
    return [
        InviteePage("home", _path(language, "home")),
        InviteePage("standard", _path(language, "agreement", "?format=standard", **own)),
        InviteePage("easy-read", _path(language, "agreement", "?format=easy-read", **own)),
        InviteePage("large-print", _path(language, "agreement", "?format=large-print", **own)),
        InviteePage("comment", _path(language, "comment", f"?block={area_id}", **own)),
        InviteePage("comment-refused", _path(language, "comment", **own), 400, {"text": ""}),
        InviteePage("agree", _path(language, "agree", **own)),
        InviteePage(
            "agree-refused", _path(language, "agree", **own), 400, {"typed_name": "Alex Person"}
        ),
        InviteePage(
            "not-theirs", _path(language, "agreement", member_uuid=stranger.uuid), status=404
        ),
    ]


def _changed_pages(language: str, member) -> list[InviteePage]:
    own = {"member_uuid": member.uuid}
    return [
        InviteePage("changed-standard", _path(language, "agreement", "?format=standard", **own)),
        InviteePage("changed-easy-read", _path(language, "agreement", "?format=easy-read", **own)),
        InviteePage("changed-agree", _path(language, "agree", **own)),
    ]


def _form_data(client: Client, page: InviteePage) -> dict:
    """The page's form as a browser sends it (its CSRF token and revision), with the values."""
    shown = client.get(page.path)
    data = form_data(shown.content.decode())
    data.pop("agree", None)
    return {**data, **page.post}


def test_every_invitee_page_is_accessible_and_valid_in_english_and_urdu(
    seeded_site, chromium, live_server, tmp_path, settings
):
    # Each landing is fetched twice (browser, and raw for the checker) in two languages.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": {"count": 100, "seconds": 60}}
    template = TemplatePage.objects.get(slug=isf.SLUG)
    agreement = PersonalisedAgreementFactory(
        template=template, details=PersonDetailsFactory(person_name="Sam Person")
    )
    mother = member_of(agreement, "Alex Person", role="Mother")
    other = PersonalisedAgreementFactory(template=template)
    stranger = member_of(agreement, "Jo Person")
    area_id = next(child.id for child in agreement.body if child.block_type == "area")
    tokens = _refused_invitations(stranger)

    client = Client()
    sign_in_invitee(client, mother)
    sign_in_invitee(client, member_of(other, "Alex Person"))  # so the home page lists two
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = chromium.new_context(
        base_url=live_server.url, viewport=VIEWPORTS["desktop"], reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )
    tab = context.new_page()

    failures: list[str] = []
    files: dict[str, str] = {}

    def check(page: InviteePage, language: str) -> None:
        label = f"{language}--{page.label}"
        if page.post is None:
            response = tab.goto(page.path)
            raw = client.get(page.path)
        else:
            tab.goto(page.path)
            for name, value in page.post.items():
                tab.locator(f"[name={name}]").fill(value)
            with tab.expect_navigation():
                tab.locator("main form button[type=submit]").click()
            response = None
            raw = client.post(page.path, _form_data(client, page))
        if response is not None:
            assert response.status == page.status, f"{page.path} answered {response.status}"
        assert raw.status_code == page.status, f"{page.path} answered {raw.status_code}"
        violations = axe_violations(tab)
        if violations or EVERY_PAGE_SCREENSHOTS:
            save_screenshot(tab, label, folder="invitee")
        if violations:
            failures.append(f"{label} ({page.path}):\n{describe_violations(violations)}")
        file = tmp_path / f"{label}.html"
        file.write_bytes(raw.content)
        files[file.name] = page.path

    try:
        for language in LANGUAGES:
            for page in _pages(language, mother, area_id, stranger) + _landings(language, tokens):
                check(page, language)
            _hold_a_working_link(client, stranger)  # the tab shares the client's session
            check(InviteePage("open", _path(language, "open")), language)

        # They agreed, then the agreement changed: each page says so, and what changed.
        record_member_consent(
            agreement,
            mother,
            based_on=agreement.latest_revision_id,
            typed_name="Alex Person",
            method=ConsentMethod.BY_LINK,
        )
        save_change(
            agreement,
            agreement.latest_revision_id,
            agreement.owner,
            lambda current: setattr(
                current, "review_date", timezone.localdate() + timedelta(days=90)
            ),
        )
        for language in LANGUAGES:
            for page in _changed_pages(language, mother):
                check(page, language)
    finally:
        context.close()

    errors = nu_html_checker_errors(sorted(tmp_path.iterdir()))
    for name, found in sorted(errors.items()):
        failures.append(f"Nu Html Checker, {files.get(name, name)}:\n{describe(found)}")
    assert not failures, "\n".join(failures)

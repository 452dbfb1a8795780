"""Every page the accessibility, keyboard and HTML checks visit, found without anyone listing them.

Three sources, so a new page is checked the day it exists:

1. ``/sitemap.xml``: every published Wagtail page, and for each page with sub-routes
   (``RoutablePageMixin``, e.g. a template's version history) each of its routes, with real
   arguments from :data:`SUBPAGE_ARGUMENTS`.
2. The URL configuration: every named route without parameters (``/accounts/sign-in/``, ...).
   One that sends an anonymous visitor to sign in is checked signed in, as a practitioner.
3. :func:`practitioner_pages`: the signed-in pages that need data or a query string to exist.
   **Add your practitioner pages here** (personalised agreements, their edit and export pages...).

Every page has its copy in every language of ``settings.LANGUAGES`` (:func:`translated_pages`):
a Wagtail page at the copy the sitemap names as its ``hreflang`` alternate, any other page under
the language's prefix. ``test_every_page_is_checked_in_every_language`` fails when a page has no
copy in a language. The browser and HTML checks visit every page in the source language and one
page of each kind in each other language (:func:`sampled_pages`); the keyboard walk one page of
each kind (:func:`one_page_of_each_kind`).

``test_every_route_is_checked_or_excluded_with_a_reason`` (tests/test_page_discovery.py) fails
when a named route is neither reached by these pages nor listed in :data:`EXCLUDED_ROUTES` or
:data:`EXCLUDED_SUBPAGE_ROUTES` with the reason it needs no check.
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse, translate_url
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from versioning.models import PageVersion


@dataclass(frozen=True)
class CheckedPage:
    """One page to check: its path (with any query string) and the status it should answer."""

    path: str
    status: int = 200
    signed_in: bool = False
    #: What sort of page it is when its route alone does not say: a block editor's block type.
    kind: str = ""

    @property
    def label(self) -> str:
        """A readable, file-name-safe name that stays the same from run to run, e.g.
        ``practitioner--feedback_new--page-area`` (query values, such as ids, left out)."""
        parts = urlsplit(self.path)
        name = parts.path.strip("/").replace("/", "_") or "home"
        keys = [pair.split("=")[0] for pair in parts.query.split("&") if pair]
        if keys:
            name += "--" + "-".join(keys)
        return ("practitioner--" if self.signed_in else "") + name

    @property
    def language(self) -> str:
        """The interface language the page is served in, from its address."""
        return translation.get_language_from_path(self.path) or settings.LANGUAGE_CODE


# Named routes that need no page check, each with the reason. A route is named by its view name
# (``namespace:name``); a key ending in "/" excludes every route under that URL prefix.
EXCLUDED_ROUTES: dict[str, str] = {
    "admin/": "the Wagtail admin is Wagtail's own interface, with its own accessibility tests",
    "django-admin/": "Django's admin is for developers only and is not linked from the site",
    "documents/": "document downloads are files, not HTML pages",
    "api/v2/": "JSON for programs, not HTML; tests/test_api.py checks what it answers",
    "sitemap": "XML for search engines, not a page; the discovery reads it",
    "healthz": "JSON for load balancers, not a page; health/tests/test_healthz.py checks it",
    "sign_out": "POST only; its button is in the header of every signed-in page checked",
    "stay_signed_in": "POST only; its button is in the session notice of every signed-in page",
    "wagtailcore_authenticate_with_password": (
        "Wagtail's password form for password-protected pages; the site has none"
    ),
    "wagtailcore_login": "Wagtail's sign-in for login-restricted pages; the site has none",
    "agreements:docx": (
        "a Word document, not a page: personalised/tests/test_exports.py reads its structure and "
        "test_export_libreoffice.py opens it with LibreOffice"
    ),
    "agreements:easy_read_docx": (
        "a Word document, not a page: personalised/tests/test_easy_read.py reads its words, "
        "pictures and type sizes"
    ),
    "agreements:large_print_docx": (
        "a Word document, not a page: personalised/tests/test_large_print.py reads every size in it"
    ),
    "agreements:pdf": (
        "a PDF, not a page: personalised/tests/test_pdf_copies.py reads its text and structure tags"
    ),
    "agreements:update_share": "POST only: the change and stop-sharing buttons on the sharing page",
    "agreements:restore_revision": "POST only: the restore button on an earlier revision's page",
    "agreements:add_member": (
        "POST only: the form to add someone on the people page, which is checked"
    ),
    "agreements:comment": (
        "POST only: the comment and reply forms on the agreement's page, which is checked"
    ),
    # An invited party member's pages need their invitation's session, not a practitioner's:
    # tests/browser/test_invitee_pages_checked.py checks each with axe and the Nu checker.
    "invited:agreement": "an invitee's page: tests/browser/test_invitee_pages_checked.py",
    "invited:comment": "an invitee's page: tests/browser/test_invitee_pages_checked.py",
    "invited:agree": "an invitee's page: tests/browser/test_invitee_pages_checked.py",
    "invited:download": (
        "PDF and Word files, not pages: personalised/tests/test_invitee_pages.py downloads them"
    ),
    "invited:sign_out": "POST only; its button is in the header of every invitee page checked",
    "invited:open": (
        "needs a working link followed in the same session: tests/browser/"
        "test_invitee_pages_checked.py and personalised/tests/test_invitation_pages_valid.py"
    ),
    "agreements:invite_member": "POST only: the invite-by-email button on the people page",
    "agreements:resend_invitation": "POST only: the send-a-new-link button on the people page",
    "agreements:revoke_invitation": "POST only: the cancel button on the people page",
    "agreements:invitation_letter": (
        "POST only (each makes a new code): personalised/tests/test_invitation_pages_valid.py "
        "checks the letter, and the landing's other refusals, with the Nu checker"
    ),
}

# Sub-routes of routable pages that need no page check, by route name.
EXCLUDED_SUBPAGE_ROUTES: dict[str, str] = {
    "choose_comparison": "the compare form's target: it only redirects to compare_versions",
}

# A missing page: visitors see it, so it is held to the same bars.
NOT_FOUND = CheckedPage("/this-page-does-not-exist/", status=404)


def _versions(page: Page) -> list[int]:
    return list(
        PageVersion.objects.filter(page=page)
        .exclude(revision=None)
        .order_by("number")
        .values_list("number", flat=True)
    )


def _past_version_arguments(page: Page) -> list[tuple]:
    return [(number,) for number in _versions(page)[:1]]


def _comparison_arguments(page: Page) -> list[tuple]:
    numbers = _versions(page)
    return [(numbers[0], numbers[-1])] if numbers else []


# How to fill in the parameters of a sub-route: route name -> the argument tuples to visit.
SUBPAGE_ARGUMENTS: dict[str, Callable[[Page], list[tuple]]] = {
    "version": _past_version_arguments,
    "compare_versions": _comparison_arguments,
}


def practitioner_pages(user) -> Iterator[CheckedPage]:
    """The signed-in pages a practitioner uses that need data or a query string, for ``user``.

    Create what a page needs (for ``user``) and yield it. Routes without parameters that need
    sign-in are found by themselves; list them here only when they need a query string.
    """
    template = _source_templates().first()
    if template is not None:
        feedback_url = reverse("leave_feedback")
        yield CheckedPage(f"{feedback_url}?page={template.pk}", signed_in=True)
        area = next((block for block in template.body if block.block_type == "area"), None)
        if area is not None:
            yield CheckedPage(f"{feedback_url}?page={template.pk}&area={area.id}", signed_in=True)
        yield from _agreement_editing_pages(user, template)
        yield from _agreement_records_pages(user, template)
    yield from _template_update_pages(user)
    yield from _password_reset_pages()
    yield from _invitation_landing_pages()
    yield from _agreement_exports(user)


def _source_templates():
    """The live templates in the source language: their copies in the other languages hold the
    same blocks, and every page made from them is checked in every language anyway."""
    from agreements.models import TemplatePage

    return TemplatePage.objects.live().filter(locale=Locale.get_default()).order_by("path")


UPDATES_PERSON = "Sam Template-Updates"


def _template_update_pages(user) -> Iterator[CheckedPage]:
    """An agreement forked from an earlier version of a template that has been published again
    (as checked_site does), with the prompt that version reworded edited by the practitioner: its
    review page shows changes and a conflict side by side; its page and the list show the flag."""
    from agreements.models import TemplatePage
    from personalised.forking.services import PersonDetails, fork_template
    from personalised.models import PersonalisedAgreement
    from personalised.updates.services import revision_body

    agreement = PersonalisedAgreement.objects.filter(owner=user, person_name=UPDATES_PERSON).first()
    if agreement is None:
        versions = PageVersion.objects.exclude(revision=None).filter(
            page__in=TemplatePage.objects.live()
        )
        first = versions.filter(number=1, page__versions__number=2).first()
        if first is None:
            return
        template = TemplatePage.objects.get(pk=first.page_id)
        agreement = fork_template(
            template,
            owner=user,
            details=PersonDetails(
                person_name=UPDATES_PERSON,
                known_as="Sam",
                parties={
                    "local-authority": ["Suffolk County Council"],
                    "provider": ["Good Support Ltd"],
                },
            ),
        )
        # As if forked before the template was published again: the first version's blocks,
        # with one prompt the later version rewords changed by the practitioner.
        body = revision_body(first.revision)
        later = revision_body(template.live_revision)
        for old, new in zip(body, later, strict=False):
            if old["id"] == new["id"] and old != new and old["type"] == "area":
                old["value"]["party_prompts"][0]["value"]["prompts"][0]["value"] = "Meet Sam"
                break
        agreement.body = body
        agreement.source_revision = first.revision
        agreement.source_version = 1
        agreement.save()
        agreement.save_revision(user=user)
    yield CheckedPage(reverse("agreements:updates", args=[agreement.uuid]), signed_in=True)


def _agreement_records_pages(user, template) -> Iterator[CheckedPage]:
    """A personalised agreement of ``user``'s with two revisions, shared both ways, and a deleted
    one (shared too): its list, history, comparison, sharing, deleting, restoring and audit log
    pages."""
    from accounts.factories import PractitionerFactory
    from personalised.deleting import services as deletion
    from personalised.factories import PersonDetailsFactory
    from personalised.forking.services import fork_template
    from personalised.models import AgreementShare, PersonalisedAgreement

    agreement = PersonalisedAgreement.objects.filter(owner=user, person_name="Sam Checked").first()
    if agreement is None:
        details = PersonDetailsFactory(person_name="Sam Checked", known_as="Sam")
        agreement = fork_template(template, owner=user, details=details)
        agreement.review_date = agreement.created_at.date()
        agreement.save()
        agreement.save_revision(user=user)
        colleague = PractitionerFactory(username="page-check-colleague")
        AgreementShare.objects.create(agreement=agreement, user=colleague, permission="view")
        theirs = fork_template(template, owner=colleague, details=PersonDetailsFactory())
        AgreementShare.objects.create(agreement=theirs, user=user, permission="edit")
        deleted = fork_template(template, owner=user, details=PersonDetailsFactory())
        AgreementShare.objects.create(agreement=deleted, user=colleague, permission="view")
        deletion.soft_delete(deleted, user)
    revisions = list(agreement.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    for name in ("history", "share", "delete", "audit_log"):
        yield CheckedPage(reverse(f"agreements:{name}", args=[agreement.uuid]), signed_in=True)
    yield CheckedPage(
        reverse("agreements:revision", args=[agreement.uuid, revisions[0]]), signed_in=True
    )
    compare = reverse("agreements:compare", args=[agreement.uuid])
    yield CheckedPage(f"{compare}?old={revisions[0]}&new={revisions[-1]}", signed_in=True)
    yield CheckedPage(f"{reverse('agreements:list')}?status=draft&whose=mine", signed_in=True)
    deleted = PersonalisedAgreement.objects.deleted().filter(owner=user).first()
    yield CheckedPage(reverse("agreements:restore", args=[deleted.uuid]), signed_in=True)


def _password_reset_pages() -> Iterator[CheckedPage]:
    """The set-a-new-password page needs a one-time link from an email; a link that no longer
    works shows the same page's other state, which is what a checker can reach (signed in, as
    every page listed here is; it reads the same signed out)."""
    path = reverse("password_reset_confirm", args=["MQ", "set-password"])
    yield CheckedPage(path, signed_in=True)


def _invitation_landing_pages() -> Iterator[CheckedPage]:
    """An invitation link that does not work (the landing's other refusals need an invitation:
    personalised/tests/test_invitation_pages_valid.py). Signed in, as every page listed here is;
    it reads the same signed out."""
    path = reverse("invited:start", kwargs={"token": "not-an-invitation"})
    yield CheckedPage(path, status=404, signed_in=True)


def _agreement_editing_pages(user, template) -> Iterator[CheckedPage]:
    """Use this template, and an agreement in the states its pages show: an area left out, "this
    means" and an action written, agreed by every party then changed (so the page shows what
    changed), and agreed again by one party."""
    yield CheckedPage(reverse("agreements:fork", args=[template.pk]), signed_in=True)
    yield CheckedPage(reverse("agreements:follow", args=[template.pk]), signed_in=True)
    agreement = _worked_agreement(user, template)
    if agreement is None:
        return
    uuid = agreement.uuid
    yield CheckedPage(agreement.get_absolute_url(), signed_in=True)
    for area in agreement.areas()[:2]:
        path = reverse("agreements:edit_area", kwargs={"uuid": uuid, "block_id": area.id})
        yield CheckedPage(path, signed_in=True)
    yield CheckedPage(reverse("agreements:edit_details", kwargs={"uuid": uuid}), signed_in=True)
    yield CheckedPage(reverse("agreements:agree", kwargs={"uuid": uuid}), signed_in=True)
    yield CheckedPage(reverse("agreements:people", kwargs={"uuid": uuid}), signed_in=True)
    member = agreement.members.active().filter(is_the_person=False).first()
    path = reverse("agreements:edit_member", kwargs={"uuid": uuid, "member_uuid": member.uuid})
    yield CheckedPage(path, signed_in=True)
    path = reverse("agreements:remove_member", kwargs={"uuid": uuid, "member_uuid": member.uuid})
    yield CheckedPage(path, signed_in=True)


CHECKED_PERSON = "Sam Checked-Pages"


def _worked_agreement(user, template):
    import datetime

    from personalised.comments import add_comment
    from personalised.concurrency import save_change
    from personalised.consent.services import record_consents
    from personalised.forking.services import PersonDetails, fork_template
    from personalised.models import PersonalisedAgreement

    existing = PersonalisedAgreement.objects.filter(owner=user, person_name=CHECKED_PERSON).first()
    if existing is not None or not any(b.block_type == "area" for b in template.body):
        return existing
    agreement = fork_template(
        template,
        owner=user,
        details=PersonDetails(
            person_name=CHECKED_PERSON,
            known_as="Sam",
            parties={
                "local-authority": ["Suffolk County Council"],
                "provider": ["Good Support Ltd"],
                "person": "Alex Person\nJo Person".splitlines(),
            },
        ),
    )
    areas = [block.id for block in agreement.areas()]

    def work(current):
        body = [dict(block) for block in current.body.raw_data]
        for block in body:
            if block["id"] == areas[0]:
                block["value"] = {
                    **block["value"],
                    "this_means": "<p>Sam chooses <strong>where</strong> to live.</p>",
                    "actions": [
                        {
                            "type": "item",
                            "value": {
                                "who": "Good Support Ltd",
                                "what": "Arrange a visit",
                                "by_when": "2027-03-01",
                            },
                            "id": "5f0c7d1e-1d8e-4c55-9b0e-3a3c7f6d2a11",
                        }
                    ],
                }
            elif len(areas) > 1 and block["id"] == areas[-1]:
                block["value"] = {**block["value"], "relevant": False}
        current.body = body

    agreement = save_change(agreement, agreement.latest_revision_id, user, work)
    today = datetime.date.today()
    everyone = [(key, "A Signatory", today) for key in agreement.party_keys()]
    record_consents(agreement, agreement.latest_revision_id, user, everyone)

    def change(current):
        current.review_date = today + datetime.timedelta(days=365)

    agreement = save_change(agreement, agreement.latest_revision_id, user, change)
    record_consents(agreement, agreement.latest_revision_id, user, [("provider", "Pri", today)])
    # Someone in the family asked for a change to the first area; the practitioner replied.
    family = agreement.members.active().filter(party="person", is_the_person=False).first()
    add_comment(agreement, text="Could we meet on Fridays?", block_id=areas[0], member=family)
    add_comment(agreement, text="Yes: I have changed it.", block_id=areas[0], user=user)
    return agreement


def _agreement_exports(user) -> Iterator[CheckedPage]:
    """An agreement forked from each live template, with an area filled in (what it means for
    the person, an action, so their tables are checked too): its page and its print view, and
    the first one's easy-read copy and its large print view (one is enough: it is the print view
    in larger type)."""
    from agreements.blocks import EDITABLE_BLOCK_TYPES
    from personalised.factories import PersonDetailsFactory
    from personalised.forking.services import fork_template

    for index, source in enumerate(_source_templates()):
        agreement = fork_template(
            source, owner=user, details=PersonDetailsFactory(person_name="Sam Person")
        )
        data = agreement.body.stream_block.get_prep_value(agreement.body)
        for block in data:
            # As a template whose editors let practitioners change its other blocks would have
            # it: the Edit links and the block editors' pages are checked too.
            if block["type"] in EDITABLE_BLOCK_TYPES:
                block["value"]["practitioners_may_edit"] = True
        for block in data:
            if block["type"] == "area":
                block["value"]["this_means"] = "<p>Sam wants to live near the sea.</p>"
                block["value"]["actions"] = [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {"who": "Provider", "what": "Arrange visits", "by_when": None},
                    }
                ]
                break
        agreement.body = data
        agreement.save()
        agreement.save_revision(user=user)
        editors = list(_block_editor_pages(agreement))
        yield CheckedPage(
            reverse("agreements:detail", args=[agreement.uuid]),
            signed_in=True,
            # With an Edit link beside each block it opens: a page of its own kind to sample.
            kind="blocks open to practitioners" if editors else "",
        )
        yield CheckedPage(reverse("agreements:print", args=[agreement.uuid]), signed_in=True)
        if index == 0:
            # One easy-read copy (the ISF's: easy read with pictures, and prompts marked).
            yield CheckedPage(
                reverse("agreements:easy_read", args=[agreement.uuid]), signed_in=True
            )
            yield CheckedPage(
                reverse("agreements:large_print", args=[agreement.uuid]), signed_in=True
            )
        yield from editors


def _block_editor_pages(agreement) -> Iterator[CheckedPage]:
    """The editor of the first block of each kind (clause, text, definitions, schedule table)
    that the template lets practitioners change."""
    from personalised.editing.blocks import may_be_edited

    seen = set()
    for child in agreement.body:
        if child.block_type in seen or not may_be_edited(child.block_type, child.value):
            continue
        seen.add(child.block_type)
        path = reverse(
            "agreements:edit_block", kwargs={"uuid": agreement.uuid, "block_id": child.id}
        )
        yield CheckedPage(path, signed_in=True, kind=child.block_type)


# --------------------------------------------------------------------------- the URL conf


@dataclass(frozen=True)
class Route:
    name: str  # the view name, namespace:name
    pattern: str  # the whole route, e.g. "accounts/sign-in/"
    has_parameters: bool


def named_routes() -> list[Route]:
    """Every named route in the URL configuration, with its whole pattern."""
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace
                walk(
                    entry.url_patterns,
                    prefix + str(entry.pattern),
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(entry, URLPattern) and entry.name:
                pattern = prefix + str(entry.pattern)
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                has_parameters = bool(entry.pattern.regex.groups)
                routes.append(Route(name, pattern, has_parameters))

    walk(get_resolver().url_patterns, "", None)
    return routes


def exclusion_reason(route: Route) -> str | None:
    if route.name in EXCLUDED_ROUTES:
        return EXCLUDED_ROUTES[route.name]
    # i18n patterns print their language prefix as "en-gb/"; the default language has none.
    pattern = route.pattern.removeprefix("^")
    for prefix, reason in EXCLUDED_ROUTES.items():
        if prefix.endswith("/") and pattern.startswith(prefix):
            return reason
    return None


def _parameterless_paths() -> Iterator[str]:
    for route in named_routes():
        if route.has_parameters or exclusion_reason(route) is not None:
            continue
        yield reverse(route.name)


# --------------------------------------------------------------------------- discovery


def sitemap_paths(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, f"/sitemap.xml answered {response.status_code}"
    namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # Our own sitemap, rendered by the test client: not untrusted XML.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    locations = root.findall("sitemap:url/sitemap:loc", namespace)
    return [urlsplit(location.text.strip()).path for location in locations]


def route_for_path(path: str) -> tuple[Page, str] | None:
    """The Wagtail page a path serves, and the name of its sub-route (``index_route`` for the
    page itself); None when the path is not a Wagtail page."""
    match = resolve(urlsplit(path).path)
    if match.url_name != "wagtail_serve":
        return None
    request = RequestFactory().get(path)
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        result = Page.route_for_request(request, match.args[0] if match.args else "")
    if result is None:
        return None
    page = result[0]
    subpage = getattr(request, "routable_resolver_match", None)
    return page, subpage.url_name if subpage is not None else "index_route"


def subpage_route_names(page: Page) -> list[str]:
    if not isinstance(page, RoutablePageMixin):
        return []
    return [pattern.name for pattern in page.get_subpage_urls() if pattern.name != "index_route"]


def subpage_paths(page_path: str) -> Iterator[str]:
    """The paths of a routable page's sub-routes that need a check."""
    found = route_for_path(page_path)
    if found is None:
        return
    page = found[0]
    for pattern in page.get_subpage_urls() if isinstance(page, RoutablePageMixin) else []:
        name = pattern.name
        if name in EXCLUDED_SUBPAGE_ROUTES or name == "index_route":
            continue
        if pattern.pattern.regex.groups:
            provider = SUBPAGE_ARGUMENTS.get(name)
            argument_lists = provider(page) if provider else []
        else:
            argument_lists = [()]
        for arguments in argument_lists:
            yield page_path + page.reverse_subpage(name, args=arguments)


def public_pages(client: Client) -> list[CheckedPage]:
    """Every page an anonymous visitor can reach. ``client`` is an anonymous test client."""
    paths: list[str] = []
    for path in sitemap_paths(client):
        paths.append(path)
        paths.extend(subpage_paths(path))
    paths.extend(_parameterless_paths())
    pages = []
    for path in dict.fromkeys(paths):
        if not _needs_sign_in(client, path):
            pages.append(CheckedPage(path))
    return pages + [NOT_FOUND]


def signed_in_pages(user) -> list[CheckedPage]:
    """The pages only a signed-in practitioner reaches: the routes without parameters that send
    an anonymous visitor to sign in, and :func:`practitioner_pages` (which wins for a route it
    lists with a query string, such as leave feedback)."""
    listed = list(practitioner_pages(user))
    listed_paths = {urlsplit(page.path).path for page in listed}
    anonymous = Client()
    found = [
        CheckedPage(path, signed_in=True)
        for path in _parameterless_paths()
        if path not in listed_paths and _needs_sign_in(anonymous, path)
    ]
    return list(dict.fromkeys(found + listed))


def _needs_sign_in(client: Client, path: str) -> bool:
    response = client.get(path)
    sign_in = reverse("sign_in")
    return response.status_code == 302 and urlsplit(response["Location"]).path == sign_in


def source_language_pages(user) -> list[CheckedPage]:
    """The public pages and the signed-in pages for ``user`` (a practitioner), in the source
    language."""
    return public_pages(Client()) + signed_in_pages(user)


def all_pages(user) -> list[CheckedPage]:
    """Every page of :func:`source_language_pages`, and its copy in every other language."""
    pages = source_language_pages(user)
    return pages + translated_pages(pages, Client())


# --------------------------------------------------------------------------- languages


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def sitemap_alternates(client: Client) -> dict[str, dict[str, str]]:
    """Each page the sitemap lists (by path) with the paths of its copies, by language."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, f"/sitemap.xml answered {response.status_code}"
    namespace = {
        "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap)
    found: dict[str, dict[str, str]] = {}
    for url in root.findall("sitemap:url", namespace):
        path = urlsplit(url.find("sitemap:loc", namespace).text.strip()).path
        found[path] = {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("xhtml:link[@rel='alternate']", namespace)
        }
    return found


def translated_path(path: str, language: str, alternates: dict[str, dict[str, str]]) -> str | None:
    """The path of ``path``'s copy in ``language``: for a Wagtail page (or one of its
    sub-routes), the copy the sitemap names; for any other page, the same route under the
    language's prefix. None when a Wagtail page has no copy in that language."""
    found = route_for_path(path)
    if found is None:
        return translate_url(path, language)
    own_path = urlsplit(found[0].get_url()).path
    copy = alternates.get(own_path, {}).get(language)
    if copy is None:
        return None
    return copy + path.removeprefix(own_path)


def translated_pages(pages: list[CheckedPage], client: Client) -> list[CheckedPage]:
    """Each page's copy in every language but the source language (those that have one)."""
    alternates = sitemap_alternates(client)
    return [
        replace(page, path=path)
        for language in other_languages()
        for page in pages
        if (path := translated_path(page.path, language, alternates)) is not None
    ]


def page_kind(page: CheckedPage) -> tuple:
    """What sort of page ``page`` is, whatever its language: the Wagtail page type and sub-route,
    or the view, with whether it is seen signed in and its own :attr:`CheckedPage.kind`."""
    found = route_for_path(page.path)
    if found is not None:
        wagtail_page, subpage = found
        route = (type(wagtail_page).__name__, subpage)
    else:
        with translation.override(page.language):
            route = (resolve(urlsplit(page.path).path).view_name,)
    return (*route, page.status, page.signed_in, page.kind)


def sampled_pages(pages: list[CheckedPage]) -> list[CheckedPage]:
    """What the browser and HTML checks visit of ``pages``: every page in the source language,
    and in each other language one page of each kind (:func:`page_kind`).

    A page in another language is the source page's template with other words (and, in Urdu, the
    other direction): what can differ is the same for every page of a kind, so one of each kind
    in each language checks it. Where a kind has several pages (the agreement made from each
    template, a block editor of each block type is a kind of its own), each language takes a
    different one in turn, so that between them the languages see more of them.
    ``test_every_page_is_checked_in_every_language`` still requires every page to have its copy
    in every language."""
    groups: dict[tuple, list[CheckedPage]] = {}
    for page in pages:
        if page.language != settings.LANGUAGE_CODE:
            groups.setdefault((page.language, page_kind(page)), []).append(page)
    turn = {language: index for index, language in enumerate(other_languages())}
    chosen = {
        group[turn.get(language, 0) % len(group)] for (language, _kind), group in groups.items()
    }
    return [page for page in pages if page.language == settings.LANGUAGE_CODE or page in chosen]


def one_page_of_each_kind(pages: list[CheckedPage]) -> list[CheckedPage]:
    """The first page of each kind (:func:`page_kind`) in ``pages``, in their order."""
    first: dict[tuple, CheckedPage] = {}
    for page in pages:
        first.setdefault((page.language, page_kind(page)), page)
    return list(first.values())


def untranslated_pages(checked: list[CheckedPage]) -> list[str]:
    """The source-language pages in ``checked`` without a copy in ``checked`` in every other
    language: one sentence for each missing copy."""
    alternates = sitemap_alternates(Client())
    paths = {page.path for page in checked}
    problems = []
    for page in checked:
        if page.language != settings.LANGUAGE_CODE:
            continue
        for language in other_languages():
            path = translated_path(page.path, language, alternates)
            if path is None or path not in paths:
                problems.append(
                    f"{page.path} is not checked in {language!r}: "
                    + (
                        "the sitemap names no copy of it in that language (run "
                        "ensure_locale_trees, as `make run` does)"
                        if path is None
                        else f"{path} is not among the pages checked"
                    )
                )
    return problems


def unchecked_routes(checked: list[CheckedPage]) -> list[str]:
    """The named routes, and the sub-routes of the routable pages checked, that no page in
    ``checked`` reaches and that are not excluded with a reason: one sentence for each."""
    reached: set[str] = set()
    routable: dict[str, Page] = {}
    for page in checked:
        reached.add(resolve(urlsplit(page.path).path).view_name)
        found = route_for_path(page.path)
        if found is not None:
            wagtail_page, subpage = found
            routable.setdefault(type(wagtail_page).__name__, wagtail_page)
            reached.add(f"{type(wagtail_page).__name__}.{subpage}")
    problems = [
        f"route {route.name!r} ({route.pattern}) is not checked: give it a page in "
        "tests/pages.py (practitioner_pages, or SUBPAGE_ARGUMENTS) or add it to EXCLUDED_ROUTES "
        "with the reason it needs no check"
        for route in named_routes()
        if route.name not in reached and exclusion_reason(route) is None
    ]
    for class_name, page in sorted(routable.items()):
        for name in subpage_route_names(page):
            if f"{class_name}.{name}" not in reached and name not in EXCLUDED_SUBPAGE_ROUTES:
                problems.append(
                    f"{class_name} sub-route {name!r} is not checked: give it arguments in "
                    "SUBPAGE_ARGUMENTS in tests/pages.py or add it to EXCLUDED_SUBPAGE_ROUTES "
                    "with the reason it needs no check"
                )
    return problems

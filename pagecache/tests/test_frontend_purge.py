"""Publishing purges a CDN or HTTP cache in front of the site of exactly what it changed, in every
language, and never of a personalised agreement (issue 14).

The cache is a purge receiver on loopback started by the test: a small HTTP server that records
each PURGE request's method, Host header and path, as Varnish or nginx would receive it.
"""

import errno
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from wagtail.models import Page, Site

from accounts.factories import PractitionerFactory
from agreements.models import TemplatePage
from agreements.seed_content import isf, isf_guidance, partnering
from guidance.models import GuidancePage
from personalised.concurrency import save_change
from personalised.factories import PersonalisedAgreementFactory
from versioning.models import PageVersion

# This engineer's range of loopback ports (other test runs use others at the same time).
PORTS = range(8200, 8300)
PREFIXES = ["", "/cy", "/pl", "/ur"]  # English has no language prefix


class PurgeReceiver(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int):
        self.requests: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _RecordingHandler)

    def received(self) -> list[tuple[str, str, str]]:
        with self.lock:
            return list(self.requests)

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()


class _RecordingHandler(BaseHTTPRequestHandler):
    def _record(self) -> None:
        with self.server.lock:
            self.server.requests.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_GET = do_POST = _record

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def purge_receiver(every_language):
    """The receiver, configured as the front-end cache once the site is built (building it
    publishes every page, which is not what the tests look at)."""
    for port in PORTS:
        try:
            receiver = PurgeReceiver(port)
            break
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    else:
        pytest.fail(f"No free port in {PORTS}")
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    backends = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{receiver.server_address[1]}",
        }
    }
    # Sent at once, as without a task worker (in production a worker sends them).
    tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(
        WAGTAILFRONTENDCACHE=backends, WAGTAILFRONTENDCACHE_LANGUAGES=[], TASKS=tasks
    ):
        yield receiver
    receiver.shutdown()
    receiver.server_close()


@pytest.fixture
def host(every_language) -> str:
    return Site.objects.get(is_default_site=True).hostname


def purged_paths(receiver: PurgeReceiver, host: str) -> list[str]:
    received = receiver.received()
    assert {(method, sent_host) for method, sent_host, _path in received} <= {("PURGE", host)}
    paths = [path for _method, _host, path in received]
    assert len(paths) == len(set(paths)), "each address is purged once"
    return set(paths)


def versioned(path: str, page: Page) -> set[str]:
    """A versioned page's own address, its version history and each published version."""
    numbers = PageVersion.objects.filter(page_id=page.pk).values_list("number", flat=True)
    return {path, path + "versions/", *(f"{path}versions/{number}/" for number in numbers)}


def api_details(*pages: Page) -> set[str]:
    """The API detail of each page and of its copies in the other languages."""
    keys = [page.translation_key for page in pages]
    return {
        f"/api/v2/pages/{pk}/"
        for pk in Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    }


def republish(page: Page, **changes) -> None:
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_note = "Changed for the purge test."
    page.save_revision().publish()


def assert_no_agreement_address(paths) -> None:
    private = [path for path in paths if "/agreements/" in path or "/accounts/" in path]
    assert private == []


def test_publishing_a_template_purges_it_in_every_language_and_everything_that_shows_it(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    guidance = GuidancePage.objects.get(slug=isf_guidance.SLUG, locale__language_code="en-gb")

    with django_capture_on_commit_callbacks(execute=True):
        republish(template, title="The ISF Partnership Agreement, retitled")

    expected = {"/sitemap.xml", "/api/v2/pages/"}
    for prefix in PREFIXES:
        expected |= versioned(f"{prefix}/templates/{isf.SLUG}/", template)
        # The guidance names the template and its areas.
        expected |= versioned(f"{prefix}/guidance/{isf_guidance.SLUG}/", guidance)
        expected |= {f"{prefix}/templates/", f"{prefix}/"}  # the index and home list templates
    index = template.get_parent()
    expected |= api_details(template, guidance, index)
    paths = purged_paths(purge_receiver, host)
    assert paths == expected  # and nothing else
    assert_no_agreement_address(paths)


def test_publishing_guidance_purges_it_its_index_and_the_template_it_is_about(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    guidance = GuidancePage.objects.get(slug=isf_guidance.SLUG, locale__language_code="en-gb")

    with django_capture_on_commit_callbacks(execute=True):
        republish(guidance, summary="Revised guidance.")

    expected = {"/sitemap.xml", "/api/v2/pages/"}
    for prefix in PREFIXES:
        expected |= versioned(f"{prefix}/guidance/{isf_guidance.SLUG}/", guidance)
        expected.add(f"{prefix}/guidance/")
        # The template shows the guidance beside its areas.
        expected |= versioned(f"{prefix}/templates/{isf.SLUG}/", template)
    expected |= api_details(guidance, guidance.get_parent(), template)
    assert purged_paths(purge_receiver, host) == expected


def test_guidance_no_longer_about_a_template_still_purges_that_template(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    guidance = GuidancePage.objects.get(slug=isf_guidance.SLUG, locale__language_code="en-gb")
    draft = guidance.get_latest_revision_as_object()
    draft.body = [
        (child.block_type, child.value)
        for child in draft.body
        if child.block_type != "area_guidance"
    ]

    with django_capture_on_commit_callbacks(execute=True):
        republish(draft, about_template=None)

    paths = purged_paths(purge_receiver, host)
    for prefix in PREFIXES:
        assert f"{prefix}/templates/{isf.SLUG}/" in paths  # it showed this guidance until now


def test_unpublishing_a_template_purges_it_in_every_language(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=partnering.SLUG, locale__language_code="en-gb")
    guidance_about_it = GuidancePage.objects.filter(about_template=template)
    assert not guidance_about_it.exists()  # so no guidance page is expected below

    with django_capture_on_commit_callbacks(execute=True):
        template.unpublish(user=None)

    expected = {"/sitemap.xml", "/api/v2/pages/"}
    for prefix in PREFIXES:
        expected |= versioned(f"{prefix}/templates/{partnering.SLUG}/", template)
        expected |= {f"{prefix}/templates/", f"{prefix}/"}
    expected |= api_details(template, template.get_parent())
    paths = purged_paths(purge_receiver, host)
    assert paths == expected
    assert not Page.objects.filter(translation_key=template.translation_key, live=True).exists()


def test_personalised_agreements_are_never_sent_to_the_purger(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    owner = PractitionerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = PersonalisedAgreementFactory(owner=owner, template=template)
        save_change(
            agreement,
            agreement.latest_revision_id,
            owner,
            lambda current: setattr(current, "title", "Sam's agreement"),
        )
    assert purge_receiver.received() == []

    # Even when something asks for one.
    from pagecache import frontend

    with django_capture_on_commit_callbacks(execute=True):
        for prefix in PREFIXES:
            frontend.purge_on_commit([f"http://{host}{prefix}/agreements/{agreement.uuid}/"])
        frontend.purge_on_commit([f"http://{host}/templates/"])
    assert purged_paths(purge_receiver, host) == {"/templates/"}


def test_nothing_is_purged_when_no_frontend_cache_is_configured(
    purge_receiver, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    with (
        override_settings(WAGTAILFRONTENDCACHE={}),
        django_capture_on_commit_callbacks(execute=True),
    ):
        republish(template, title="Retitled without a CDN")
    assert purge_receiver.received() == []


def test_a_rolled_back_publication_purges_nothing(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from pagecache import frontend

    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            republish(template, title="Never committed")
            raise RuntimeError
        # The next transaction's purge does not carry the rolled-back one's addresses.
        frontend.purge_on_commit([f"http://{host}/guidance/"])
    assert purged_paths(purge_receiver, host) == {"/guidance/"}


def test_a_new_slug_purges_the_old_address_and_the_new(
    purge_receiver, host, django_capture_on_commit_callbacks
):
    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")

    with django_capture_on_commit_callbacks(execute=True):
        republish(template, slug="isf-agreement")

    paths = purged_paths(purge_receiver, host)
    old, new = f"/templates/{isf.SLUG}/", "/templates/isf-agreement/"
    assert {old, old + "versions/", new, new + "versions/", "/templates/", "/"} <= paths
    # The other languages' copies keep their own slugs (Wagtail leaves aliases' slugs alone).
    assert {f"{prefix}/templates/{isf.SLUG}/" for prefix in PREFIXES[1:]} <= paths


def test_a_moderator_publishing_in_the_admin_purges_the_template_in_every_language(
    purge_receiver, host, client, django_user_model, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from versioning.tests.test_versions import edit_form, make_user

    template = TemplatePage.objects.get(slug=isf.SLUG, locale__language_code="en-gb")
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))
    form = edit_form(
        template.get_latest_revision_as_object(),
        title="The ISF, published in the admin",
        change_note="Retitled in the admin.",
    )
    form["action-publish"] = "action-publish"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=(template.pk,)), form)

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.title == "The ISF, published in the admin"
    paths = purged_paths(purge_receiver, host)
    for prefix in PREFIXES:
        assert versioned(f"{prefix}/templates/{isf.SLUG}/", template) <= paths
        assert {f"{prefix}/templates/", f"{prefix}/"} <= paths
    assert {"/sitemap.xml", "/api/v2/pages/"} <= paths
    assert_no_agreement_address(paths)

"""Two app servers behind one load balancer share everything that matters (issue 14).

Two gunicorns with the production settings, on two loopback ports, share one PostgreSQL database
and one Redis (tests/two_servers.py). What one server does, the other sees on its next request:
a publication, a sign-in, failed sign-ins, a save. And the faults a cluster meets are survived: a
worker killed in the middle of a save, Redis stopped and started, database connections dropped.

PostgreSQL only: SQLite is one file on one machine, and cannot be shared by two servers.
"""

import json
import os
import re
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import pytest

from agreements.seed_content import isf
from tests.two_servers import HOST, Client, running_cluster, wait_for, worker_owning_local_port

PAGE = f"/templates/{isf.SLUG}/"
EDITOR_FORM = "form[data-agreement-editor]"
STALE_MESSAGE = "Not saved: someone else saved this agreement after you opened this page."
# Within this many seconds of a publication every worker serves the new version
# (PAGE_CACHE_GENERATION_MAX_AGE in production, its default).
GENERATION_MAX_AGE = 1.0

# The cluster's practitioners, one per concern, so that no test's state reaches another's.
SAVER, LOCKED_OUT, READER, FORGETFUL = 0, 1, 2, 3

# One editor publishing in the Wagtail admin: the form data for the ISF, with its title changed,
# made by the project's own helper where the cluster's database is.
PUBLISH_FORM_SCRIPT = """
import json, sys
import django
django.setup()
from agreements.models import TemplatePage
from tests.test_sqlite_concurrency import publish_form
page = TemplatePage.objects.get(pk=int(sys.argv[1]))
print(json.dumps(publish_form(page, sys.argv[2])))
"""


def cluster_database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(url)
    # Next to the suite's own test database (test_<name>), and as much its own.
    return urlunsplit(parts._replace(path=f"/test_{parts.path.lstrip('/')}_servers"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    url = cluster_database_url()
    if url is None:
        pytest.skip(
            "two servers share a PostgreSQL database: set DATABASE_URL to a PostgreSQL "
            "(SQLite is one file on one machine)"
        )
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed")
        pytest.skip("the servers share a private redis-server: apt-get install redis-server")
    with running_cluster(url, tmp_path_factory.mktemp("cluster"), practitioners=4) as running:
        yield running


@pytest.fixture
def a(cluster):
    return cluster.servers[0]


@pytest.fixture
def b(cluster):
    return cluster.servers[1]


def practitioner(cluster, index: int) -> dict:
    return cluster.facts["practitioners"][index]


def signed_in(cluster, server, index: int) -> Client:
    client = Client(server)
    response = client.sign_in(practitioner(cluster, index)["username"])
    assert response.status == 302, response.text
    return client


def area_path(client: Client, agreement: str) -> str:
    page = client.get(f"/agreements/{agreement}/")
    assert page.status == 200
    return re.search(rf"/agreements/{agreement}/areas/[^/\"]+/", page.text).group(0)


def revisions(cluster, agreement: str) -> list[tuple[int, str]]:
    """The agreement's revisions (id, content as text), oldest first."""
    table = cluster.facts["agreement_table"]
    return cluster.database.query(
        f'SELECT r.id, r.content::text FROM wagtailcore_revision r JOIN "{table}" a '  # noqa: S608
        "ON r.object_id = a.id::text AND r.base_content_type_id = %s "
        "WHERE a.uuid = %s ORDER BY r.id",
        (cluster.facts["agreement_content_type"], agreement),
    )


def saved_body(cluster, agreement: str) -> str:
    table = cluster.facts["agreement_table"]
    [(body,)] = cluster.database.query(
        f'SELECT body::text FROM "{table}" WHERE uuid = %s',  # noqa: S608
        (agreement,),
    )
    return body


# ---------------------------------------------------------------- what the servers share


def test_a_page_published_through_one_server_is_served_new_by_the_other(cluster, a, b):
    reader = Client(b)
    before = [reader.get(PAGE) for _ in range(12)]
    # Server B has the page in its cache (the test would prove nothing otherwise).
    assert {response.status for response in before} == {200}
    assert "hit" in {response.headers.get("x-page-cache") for response in before}
    assert "(revised)" not in before[0].text
    moderator = Client(a)
    assert moderator.sign_in_to_admin("moderator", "demo-moderator-password").status == 302
    page_id = cluster.facts["template_page"]
    form = json.loads(cluster.run_script(PUBLISH_FORM_SCRIPT, str(page_id), "Revised on A."))
    edit = f"/admin/pages/{page_id}/edit/"
    form["csrfmiddlewaretoken"] = moderator.csrf_token(edit)

    published = moderator.post(edit, form)
    assert published.status == 302, published.text[:2000]

    time.sleep(GENERATION_MAX_AGE)
    after = [reader.get(PAGE) for _ in range(12)]

    assert {response.status for response in after} == {200}
    assert all("(revised)" in response.text for response in after)


def test_signed_in_through_one_server_is_signed_in_on_the_other(cluster, a, b):
    agreement = practitioner(cluster, READER)["agreement"]
    browser = signed_in(cluster, a, READER)
    stranger = Client(b)

    on_b = browser.on(b).get(f"/agreements/{agreement}/")

    assert on_b.status == 200
    assert stranger.get(f"/agreements/{agreement}/").status == 302


def test_failed_sign_ins_through_both_servers_count_together(cluster, a, b):
    username = practitioner(cluster, LOCKED_OUT)["username"]
    browser = Client(a)
    # Five failures from one address for one username lock it out
    # (SIGN_IN_FAILURE_LIMITS["username_and_address"]): three through A, two through B.
    for server in (a, a, a, b):
        assert browser.on(server).sign_in(username, "not-the-password").status == 200
    assert browser.on(b).sign_in(username, "not-the-password").status in (200, 429)

    refused_on_a = Client(a).sign_in(username)
    refused_on_b = Client(b).sign_in(username)

    assert refused_on_a.status == 429
    assert refused_on_b.status == 429
    assert "sessionid" not in refused_on_a.headers.get("set-cookie", "")


def test_a_stale_save_through_one_server_is_refused_through_the_other(cluster, a, b):
    agreement = practitioner(cluster, SAVER)["agreement"]
    through_a = signed_in(cluster, a, SAVER)
    through_b = signed_in(cluster, b, SAVER)
    path = area_path(through_a, agreement)
    form_a = through_a.form(path, EDITOR_FORM)
    form_b = through_b.form(path, EDITOR_FORM)
    assert form_a["based_on"] == form_b["based_on"]
    form_a["this_means"] = ["Saved through server A first."]
    form_b["this_means"] = ["Typed through server B, after A saved."]
    before = revisions(cluster, agreement)

    saved = through_a.post(path, form_a)
    refused = through_b.post(path, form_b)

    assert saved.status == 302
    assert refused.status == 409
    assert STALE_MESSAGE in refused.text
    # Nothing lost: B's words are still in its form, A's are saved.
    assert "Typed through server B, after A saved." in refused.text
    after = revisions(cluster, agreement)
    assert len(after) == len(before) + 1
    assert "Saved through server A first." in after[-1][1]
    assert "Typed through server B" not in saved_body(cluster, agreement)


def ask_for_password_reset(cluster, server, index: int):
    """Ask for a password reset through `server`; the email, once it has been sent."""
    address = f"{practitioner(cluster, index)['username']}@example.org"
    sent_before = len(cluster.mail.to(address))
    browser = Client(server)
    form = browser.form("/accounts/password-reset/")
    form["email"] = [address]
    assert browser.post("/accounts/password-reset/", form).status == 302
    return wait_for(
        lambda: cluster.mail.to(address)[sent_before:], f"the email to {address}", timeout=90
    )[0]


def test_a_password_reset_asked_through_one_server_is_emailed_by_the_worker_and_works_on_the_other(
    cluster, a, b
):
    username = practitioner(cluster, FORGETFUL)["username"]
    browser = Client(b)

    message = ask_for_password_reset(cluster, a, FORGETFUL)

    link = re.search(
        rf"https://{re.escape(HOST)}(\S*/accounts/password-reset/\S+/)", message.get_content()
    )
    assert link, message.get_content()
    opened = browser.get(link.group(1))
    assert opened.status == 302
    new_password = browser.form(opened.headers["location"])
    new_password.update(
        new_password1=["a-new-cluster-password"], new_password2=["a-new-cluster-password"]
    )
    assert browser.post(opened.headers["location"], new_password).status == 302

    assert Client(a).sign_in(username, "a-new-cluster-password").status == 302


# ---------------------------------------------------------------- faults


def test_a_worker_killed_in_the_middle_of_a_save_leaves_it_untouched_and_the_next_save_works(
    cluster, a
):
    agreement = practitioner(cluster, SAVER)["agreement"]
    browser = signed_in(cluster, a, SAVER)
    path = area_path(browser, agreement)
    form = browser.form(path, EDITOR_FORM)
    form["this_means"] = ["Written while the worker was killed."]
    before = revisions(cluster, agreement)
    outcome = {}

    def save() -> None:
        try:
            outcome["status"] = browser.post(path, form).status
        except OSError as error:
            outcome["error"] = error

    # The test holds the revisions table, so the save blocks inside its transaction after
    # writing the agreement's row and before writing its revision: the middle of the save.
    holder = cluster.database.connect()
    try:
        holder.execute("LOCK TABLE wagtailcore_revision IN SHARE MODE")
        saving = threading.Thread(target=save)
        saving.start()

        def blocked_save():
            return cluster.database.query(
                "SELECT pid, client_port FROM pg_stat_activity WHERE datname = %s "
                "AND wait_event_type = 'Lock' "
                "AND query LIKE 'INSERT INTO \"wagtailcore_revision\"%%'",
                (cluster.database.name,),
            )

        [(backend, client_port)] = wait_for(blocked_save, "the save to reach its revision")
        os.kill(worker_owning_local_port(a, client_port), signal.SIGKILL)
        saving.join(timeout=30)
    finally:
        holder.rollback()
        holder.close()

    assert "error" in outcome, outcome  # the browser got no answer
    # PostgreSQL ends the dead worker's transaction without committing any of it.
    wait_for(lambda: backend not in cluster.database.backend_pids(), "the backend to end")
    assert revisions(cluster, agreement) == before
    assert "Written while the worker was killed." not in saved_body(cluster, agreement)

    again = browser.post(path, form)

    assert again.status == 302
    after = revisions(cluster, agreement)
    assert len(after) == len(before) + 1
    assert "Written while the worker was killed." in after[-1][1]
    assert "Written while the worker was killed." in saved_body(cluster, agreement)


def test_redis_stopped_and_started_during_requests_gives_no_server_error(cluster, a, b):
    agreement = practitioner(cluster, READER)["agreement"]
    readers = [Client(a), Client(b)]
    practitioners = [signed_in(cluster, a, READER), signed_in(cluster, b, READER)]
    outcomes: list[tuple[float, str, int]] = []
    stop = threading.Event()

    def keep_asking(client: Client, path: str) -> None:
        while not stop.is_set():
            asked_at = time.monotonic()
            outcomes.append((asked_at, path, client.get(path).status))

    threads = [threading.Thread(target=keep_asking, args=(c, PAGE)) for c in readers] + [
        threading.Thread(target=keep_asking, args=(c, f"/agreements/{agreement}/"))
        for c in practitioners
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        cluster.redis.stop()
        down_from = time.monotonic()
        # Email asked for while the queue is down is sent by the server itself.
        sent_while_down = ask_for_password_reset(cluster, a, READER)
        time.sleep(max(0.0, 3 - (time.monotonic() - down_from)))
        cluster.redis.start()
        down_until = time.monotonic()
        # Each worker leaves Redis alone for 5 s after a failure (site/cache.py RETRY_AFTER).
        time.sleep(6)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert [o for o in outcomes if o[2] >= 500] == []
    assert {status for _, _, status in outcomes} == {200}, "a practitioner was signed out"
    assert [o for o in outcomes if down_from < o[0] < down_until], "nothing asked while it was down"
    assert "hit" in {Client(a).get(PAGE).headers.get("x-page-cache") for _ in range(12)}
    assert "password" in sent_while_down["Subject"].lower()
    # The worker carried on once Redis was back.
    assert ask_for_password_reset(cluster, b, READER)


def test_publishing_while_redis_is_down_gives_no_server_error(cluster, a, b):
    moderator = Client(b)
    assert moderator.sign_in_to_admin("moderator", "demo-moderator-password").status == 302
    page_id = cluster.facts["template_page"]
    form = json.loads(
        cluster.run_script(PUBLISH_FORM_SCRIPT, str(page_id), "While Redis was down.")
    )
    edit = f"/admin/pages/{page_id}/edit/"
    form["csrfmiddlewaretoken"] = moderator.csrf_token(edit)
    [(title_before,)] = cluster.database.query(
        "SELECT title FROM wagtailcore_page WHERE id = %s", (page_id,)
    )
    cluster.redis.stop()
    try:
        # Its search and reference index updates are tasks: they run at once instead of
        # waiting in Redis (site/task_backends.py).
        published = moderator.post(edit, form)
    finally:
        cluster.redis.start()

    assert published.status == 302
    assert cluster.database.query(
        "SELECT title FROM wagtailcore_page WHERE id = %s", (page_id,)
    ) == [(f"{title_before} (revised)",)]


def test_dropped_database_connections_are_replaced_on_their_own(cluster, a, b):
    agreement = practitioner(cluster, READER)["agreement"]
    browsers = [signed_in(cluster, server, READER) for server in (a, b)]
    workers = cluster.workers_per_server * cluster.threads_per_worker

    def read(n: int) -> int:
        browser = browsers[n % 2]
        return Client(browser.server, dict(browser.cookies)).get(f"/agreements/{agreement}/").status

    def read_concurrently() -> list[int]:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(read, range(workers * 4)))

    assert set(read_concurrently()) == {200}
    connections = cluster.database.backend_pids()
    assert connections, "the servers keep no connection open"

    cluster.database.query(
        "SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (connections,)
    )
    wait_for(
        lambda: not set(connections) & set(cluster.database.backend_pids()),
        "the connections to be dropped",
    )

    assert set(read_concurrently()) == {200}

"""Two app servers as production runs them, for tests/test_two_servers.py and bench/cluster.

Two gunicorns with the production settings on two loopback ports share one PostgreSQL database
(created, migrated and seeded here) and one Redis: a private redis-server started here, so that a
test may stop it without touching the Redis anyone else uses. A task worker (RQ, on that Redis)
sends the email, through SMTP, to a sink that keeps every message (aiosmtpd, in this process).
A client sends what the proxy in front would (``Host``, ``X-Forwarded-Proto: https``) and keeps
its own cookies, as a browser behind a load balancer does: the same cookies go to whichever
server it asks.
"""

import contextlib
import email
import email.policy
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
HOST = "agreements.example.org"
SERVER_PORTS = range(8100, 8200)
REDIS_PORTS = range(6390, 6400)
PASSWORD = "a-long-cluster-password"  # noqa: S105 throwaway accounts in a throwaway database

# Django with the cluster's settings, run once: the database migrated and seeded as `make run`
# seeds it (demo accounts included, for the moderator), the static files collected, then
# practitioners, each with an agreement forked from the ISF. Prints what the tests need to know.
BUILD_SCRIPT = """
import json, sys
import django
django.setup()
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_seed_content", verbosity=0)
call_command("load_demo_accounts", force=True, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from accounts.factories import PractitionerFactory
from personalised.factories import PersonalisedAgreementFactory
from agreements.models import TemplatePage
from agreements.seed_content import isf
count, password = int(sys.argv[1]), sys.argv[2]
template = TemplatePage.objects.get(slug=isf.SLUG)
practitioners = []
for n in range(count):
    user = PractitionerFactory(username=f"cluster-practitioner-{n}", password=password)
    agreement = PersonalisedAgreementFactory(owner=user, template=template)
    practitioners.append({"username": user.username, "agreement": str(agreement.uuid)})
model = type(agreement)
print(json.dumps({
    "practitioners": practitioners,
    "agreement_table": model._meta.db_table,
    "agreement_content_type": ContentType.objects.get_for_model(model).pk,
    "template_page": template.pk,
}))
"""


def free_port(ports: range) -> int:
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def wait_for(check, what: str, timeout: float = 60, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


# ---------------------------------------------------------------- PostgreSQL


@dataclass
class Database:
    """One PostgreSQL database of the cluster's own, on the server DATABASE_URL names."""

    url: str

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    def _maintenance(self):
        import psycopg

        parts = urlsplit(self.url)
        return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)

    def create(self) -> None:
        with self._maintenance() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with self._maintenance() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def connect(self, **options):
        import psycopg

        return psycopg.connect(self.url, **options)

    def query(self, sql: str, params=()) -> list[tuple]:
        with self.connect(autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()

    def backend_pids(self, exclude: int | None = None) -> list[int]:
        """The server processes serving this database's clients (the app's connections)."""
        rows = self.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,),
        )
        return [pid for (pid,) in rows if pid != exclude]


# ---------------------------------------------------------------- Redis


@dataclass
class PrivateRedis:
    """A redis-server of our own on a port of our own, with nothing kept on disk."""

    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 the system's redis-server
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self._answers, f"redis-server on port {self.port}", timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


# ---------------------------------------------------------------- the servers


@dataclass
class Server:
    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    def workers(self) -> list[int]:
        """The pids of this gunicorn's worker processes (its master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def worker_owning_local_port(server: Server, port: int) -> int:
    """The worker of `server` whose socket has the local TCP port `port` (its connection to
    PostgreSQL, as pg_stat_activity.client_port names it)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    for pid in server.workers():
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return pid
    raise LookupError(f"no worker of {server.name} has local port {port}")


class MailSink:
    """An SMTP server on loopback that keeps every message it is handed."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port(SERVER_PORTS))

    @property
    def port(self) -> int:
        return self.controller.port

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [message for message in self.messages if address in message["To"]]


@dataclass
class Cluster:
    database: Database
    redis: PrivateRedis
    work: Path
    mail: MailSink = field(default_factory=MailSink)
    servers: list[Server] = field(default_factory=list)
    worker: subprocess.Popen | None = None
    worker_restarts: int = 0
    _stopping: threading.Event = field(default_factory=threading.Event)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    key_prefix: str = field(default_factory=lambda: f"cluster-{secrets.token_hex(6)}")
    workers_per_server: int = 2
    threads_per_worker: int = 4
    facts: dict = field(default_factory=dict)

    def environment(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "EMAIL_", "SENTRY_", "DATABASE_", "REDIS_"))
            and not key.startswith(("GUNICORN_", "PAGE_CACHE_", "TASKS_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="site.settings.production",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS=HOST,
            DATABASE_URL=self.database.url,
            # Persistent connections, as a busy site wants: a dropped one must be noticed.
            DATABASE_CONN_MAX_AGE="60",
            REDIS_URL=self.redis.url,
            REDIS_KEY_PREFIX=self.key_prefix,
            DJANGO_STATIC_ROOT=str(self.work / "static"),
            DJANGO_MEDIA_ROOT=str(self.work / "media"),
            # Tasks wait in Redis for the RQ worker; it sends the email to the sink.
            TASKS_BACKEND="rq",
            TASKS_REDIS_URL=self.redis.url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.mail.port),
            EMAIL_USE_TLS="false",
            DEFAULT_FROM_EMAIL=f"Partnership agreements <no-reply@{HOST}>",
            WAGTAILADMIN_BASE_URL=f"https://{HOST}",
            GUNICORN_WORKERS=str(self.workers_per_server),
            GUNICORN_THREADS=str(self.threads_per_worker),
            GUNICORN_LOG_LEVEL="warning",
            DJANGO_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def run_script(self, script: str, *args: str) -> str:
        """Run `script` with Django set up as the servers have it; what it printed."""
        done = subprocess.run(  # noqa: S603 our own interpreter and script
            [sys.executable, "-c", script, *args],
            cwd=PROJECT,
            env=self.environment(),
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"a script with the cluster's settings failed:\n{done.stderr}")
        return done.stdout

    def build(self, practitioners: int) -> None:
        """A fresh database, migrated and seeded as `make run` seeds it, with `practitioners`
        practitioners each owning one agreement; the static files collected."""
        self.database.create()
        # The seed loaders say what they published; the facts are the last line.
        output = self.run_script(BUILD_SCRIPT, str(practitioners), PASSWORD)
        self.facts = json.loads(output.splitlines()[-1])

    def start_server(self, name: str) -> Server:
        port = free_port(SERVER_PORTS)
        server = Server(name, port, self.work / f"gunicorn-{name}.log")
        with server.log.open("ab") as log:
            server.process = subprocess.Popen(  # noqa: S603 our own gunicorn
                [str(VENV_BIN / "gunicorn"), "-c", "site/gunicorn.conf.py"],
                cwd=PROJECT,
                env=self.environment(GUNICORN_BIND=f"127.0.0.1:{port}"),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.servers.append(server)

        def healthy() -> bool:
            if server.process.poll() is not None:
                raise RuntimeError(f"gunicorn {name} exited:\n{server.log.read_text()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                return Client(server).get("/healthz").status == 200
            return False

        wait_for(healthy, f"gunicorn {name} on port {port}", timeout=90, interval=0.3)
        return server

    def supervise_worker(self) -> None:
        """Start the task worker, and start it again whenever it stops, as systemd does with
        Restart=always: an RQ worker quits when Redis goes away in the middle of a job."""
        self.start_worker()

        def watch() -> None:
            while not self._stopping.wait(0.5):
                if self.worker.poll() is not None:
                    self.worker_restarts += 1
                    self.start_worker()

        threading.Thread(target=watch, daemon=True).start()

    def start_worker(self) -> subprocess.Popen:
        """The task worker, as README "Background tasks and email" runs it with RQ."""
        log = self.work / "worker.log"
        with log.open("ab") as log_file:
            self.worker = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "rqworker",
                    "default",
                    "--job-class",
                    "django_tasks_rq.Job",
                    "--with-scheduler",
                ],
                cwd=PROJECT,
                env=self.environment(),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self.worker

    def stop(self) -> None:
        self._stopping.set()
        if self.worker is not None and self.worker.poll() is None:
            self.worker.send_signal(signal.SIGTERM)
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait()
        for server in self.servers:
            if server.process.poll() is None:
                server.process.send_signal(signal.SIGTERM)
        for server in self.servers:
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
        self.servers.clear()

    def logs(self) -> str:
        logs = [(s.name, s.log) for s in self.servers] + [("worker", self.work / "worker.log")]
        return "\n".join(f"== {name}\n{log.read_text()}" for name, log in logs if log.exists())


@contextlib.contextmanager
def running_cluster(database_url: str, work: Path, practitioners: int = 2, **options):
    """The database built, the private Redis, two servers ("a" and "b") and the task worker
    started; all stopped (and the database dropped) afterwards."""
    cluster = Cluster(Database(database_url), PrivateRedis(free_port(REDIS_PORTS)), work, **options)
    cluster.redis.start()
    cluster.mail.controller.start()
    try:
        cluster.build(practitioners)
        cluster.start_server("a")
        cluster.start_server("b")
        cluster.supervise_worker()
        yield cluster
    finally:
        cluster.stop()
        cluster.mail.controller.stop()
        cluster.redis.stop()
        with contextlib.suppress(Exception):
            cluster.database.drop()


# ---------------------------------------------------------------- a browser


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.body, "html.parser")


@dataclass
class Client:
    """One person's browser behind the load balancer: cookies kept, whichever server is asked."""

    server: Server
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60

    def request(self, method: str, path: str, data=None, headers=None) -> Response:
        body = urlencode(data, doseq=True) if data is not None else None
        sent = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}{path}",
            "Connection": "close",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep_cookie(value)
            return Response(
                response.status, {k.lower(): v for k, v in response.getheaders()}, content
            )
        finally:
            connection.close()

    def _keep_cookie(self, header: str) -> None:
        pair, *attributes = header.split(";")
        name, _, value = pair.strip().partition("=")
        expired = any(a.strip().lower().startswith("max-age=0") or "1970" in a for a in attributes)
        if expired or not value.strip('"'):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data, **kwargs) -> Response:
        return self.request("POST", path, data=data, **kwargs)

    def on(self, server: Server) -> "Client":
        """The same browser (the same cookies), its next requests sent to `server`."""
        self.server = server
        return self

    def form(self, path: str, selector: str = "form[method=post]") -> dict[str, list[str]]:
        """The fields a browser would submit from the page's form, as they are filled in."""
        page = self.get(path)
        if page.status != 200:
            raise AssertionError(f"GET {path}: {page.status}")
        return form_fields(page.soup().select_one(selector))

    def csrf_token(self, path: str) -> str:
        """The CSRF token a form on the page at `path` would send."""
        page = self.get(path)
        return page.soup().select_one("input[name=csrfmiddlewaretoken]")["value"]

    def sign_in(self, username: str, password: str = PASSWORD) -> Response:
        data = self.form("/accounts/sign-in/")
        data.update(username=[username], password=[password])
        return self.post("/accounts/sign-in/", data)

    def sign_in_to_admin(self, username: str, password: str) -> Response:
        data = self.form("/admin/login/")
        data.update(username=[username], password=[password])
        return self.post("/admin/login/", data)


def form_fields(form) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for element in form.select("input[name], textarea[name], select[name]"):
        name = element["name"]
        if element.name == "textarea":
            value = element.text.removeprefix("\n")
        elif element.name == "select":
            chosen = element.select_one("option[selected]") or element.select_one("option")
            value = chosen.get("value", chosen.text) if chosen else ""
        elif element.get("type") in ("checkbox", "radio"):
            if not element.has_attr("checked"):
                continue
            value = element.get("value", "on")
        elif element.get("type") in ("submit", "button", "image"):
            continue
        else:
            value = element.get("value", "")
        fields.setdefault(name, []).append(value)
    return fields

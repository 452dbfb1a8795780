"""Load on two app servers: practitioners saving their own agreements while anonymous readers
read the public pages, every request sent to either server in turn (no sticky sessions).

Run it with `bench/cluster` or `make bench-cluster`; `bench/cluster --help` lists the options.
It builds a throwaway cluster (tests/two_servers.py: a PostgreSQL database of its own next to
the one DATABASE_URL names, a private redis-server, two gunicorns with the production settings),
signs the practitioners in, then for --duration seconds each practitioner saves an area of their
agreement again and again (as the editor's JavaScript does: a form post asking for JSON) and each
reader fetches public pages. It prints throughput and p50/p99 per kind, the errors, and checks
that every save the site acknowledged is a revision in the database. It exits 1 on any error or
lost save.
"""

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.two_servers import HOST, Client, Server, running_cluster  # noqa: E402

EDITOR_FORM = "form[data-agreement-editor]"


@dataclass
class Kind:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Practitioner:
    username: str
    agreement: str
    path: str
    form: dict[str, list[str]]
    cookies: dict[str, str]
    based_on: str
    acknowledged: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- a small HTTP client
# One connection per request, closed after it, as a proxy in front (nginx's default) does.


async def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, dict[str, str], bytes]:
    async def exchange():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            lines = [
                f"{method} {path} HTTP/1.1",
                f"Host: {HOST}",
                "X-Forwarded-Proto: https",
                "Connection: close",
                f"Content-Length: {len(body)}",
                *(f"{name}: {value}" for name, value in (headers or {}).items()),
            ]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        head, _, content = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        received = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            received[name.strip().lower()] = value.strip()
        if received.get("transfer-encoding") == "chunked":
            content = dechunk(content)
        return int(status_line.split()[1]), received, content

    return await asyncio.wait_for(exchange(), timeout)


def dechunk(data: bytes) -> bytes:
    out = bytearray()
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2 :]
    return bytes(out)


# ---------------------------------------------------------------- the two kinds of user


async def practitioner_saves(
    person: Practitioner, ports: list[int], stop_at: float, kind: Kind, think: float
) -> None:
    count = 0
    cookie = "; ".join(f"{k}={v}" for k, v in person.cookies.items())
    while time.monotonic() < stop_at:
        if count:
            await asyncio.sleep(think)
        count += 1
        text = f"Save {count} by {person.username}."
        data = dict(person.form, based_on=[person.based_on], this_means=[text])
        started = time.perf_counter()
        try:
            status, _, content = await request(
                ports[count % len(ports)],
                "POST",
                person.path,
                body=urlencode(data, doseq=True).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "Cookie": cookie,
                    "Referer": f"https://{HOST}{person.path}",
                },
            )
        except (OSError, TimeoutError, ValueError) as error:
            kind.errors.append(f"{person.username}: {error!r}")
            continue
        if status != 200:
            kind.errors.append(f"{person.username}: {status} {content[:200]!r}")
            continue
        answer = json.loads(content)
        if not answer.get("saved"):
            kind.errors.append(f"{person.username}: not saved: {answer.get('message')}")
            continue
        kind.latencies.append((time.perf_counter() - started) * 1000)
        person.acknowledged.append(text)
        person.based_on = str(answer["revision"])


async def reader_reads(
    number: int, ports: list[int], paths: list[str], stop_at: float, kind: Kind, think: float
) -> None:
    count = number  # readers start at different pages and servers
    while time.monotonic() < stop_at:
        if count > number:
            await asyncio.sleep(think)
        count += 1
        path = paths[count % len(paths)]
        started = time.perf_counter()
        try:
            status, _, _ = await request(ports[count % len(ports)], "GET", path)
        except (OSError, TimeoutError, ValueError) as error:
            kind.errors.append(f"reader {number} {path}: {error!r}")
            continue
        if status != 200:
            kind.errors.append(f"reader {number} {path}: {status}")
            continue
        kind.latencies.append((time.perf_counter() - started) * 1000)


async def load(
    practitioners: list[Practitioner],
    readers: int,
    servers: list[Server],
    seconds: float,
    think: float,
) -> tuple[Kind, Kind, float]:
    ports = [server.port for server in servers]
    paths = public_paths()
    saves, reads = Kind("save"), Kind("read")
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(practitioner_saves(person, ports, stop_at, saves, think) for person in practitioners),
        *(reader_reads(n, ports, paths, stop_at, reads, think) for n in range(readers)),
    )
    return saves, reads, time.monotonic() - started


def public_paths() -> list[str]:
    from agreements.seed_content import isf, partnering

    return ["/", "/templates/", f"/templates/{isf.SLUG}/", f"/templates/{partnering.SLUG}/"]


# ---------------------------------------------------------------- before and after


def prepare(cluster, index: int) -> Practitioner:
    """Sign one practitioner in (through either server) and open their area's editor."""
    facts = cluster.facts["practitioners"][index]
    client = Client(cluster.servers[index % 2])
    signed_in = client.sign_in(facts["username"])
    if signed_in.status != 302:
        sys.exit(f"{facts['username']} could not sign in: {signed_in.status}")
    agreement = facts["agreement"]
    detail = client.get(f"/agreements/{agreement}/")
    path = re.search(rf"/agreements/{agreement}/areas/[^/\"]+/", detail.text).group(0)
    form = client.form(path, EDITOR_FORM)
    return Practitioner(
        facts["username"], agreement, path, form, dict(client.cookies), form["based_on"][0]
    )


def lost_saves(cluster, practitioners: list[Practitioner]) -> tuple[list[str], int]:
    """Acknowledged saves with no revision holding their words, and revisions made in all."""
    table = cluster.facts["agreement_table"]
    lost, made = [], 0
    for person in practitioners:
        rows = cluster.database.query(
            f'SELECT r.content::text FROM wagtailcore_revision r JOIN "{table}" a '  # noqa: S608
            "ON r.object_id = a.id::text AND r.base_content_type_id = %s WHERE a.uuid = %s",
            (cluster.facts["agreement_content_type"], person.agreement),
        )
        contents = [content for (content,) in rows]
        made += len(contents) - 1  # the fork's own revision
        lost += [
            text
            for text in person.acknowledged
            if not any(f"{text}<" in c or f'{text}"' in c for c in contents)
        ]
    return lost, made


def summary(kind: Kind, seconds: float) -> str:
    if len(kind.latencies) >= 2:
        quantiles = statistics.quantiles(kind.latencies, n=100)
        p50, p99 = quantiles[49], quantiles[98]
    else:
        p50 = p99 = float("nan")
    return (
        f"{kind.name:<6} {len(kind.latencies):>7} {len(kind.latencies) / seconds:>8.1f}/s "
        f"{p50:>8.0f} {p99:>8.0f} {len(kind.errors):>7}"
    )


def database_url(base: str) -> str:
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/cluster needs PostgreSQL: set DATABASE_URL to one (its server is used)")
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/')}_cluster_bench"))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--practitioners", type=int, default=50)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="seconds each user waits between requests (0: each asks again at once)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL; the bench creates and drops <its name>_cluster_bench beside it",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as work:
        print(f"Building the cluster ({args.practitioners} practitioners)...", flush=True)
        with running_cluster(
            database_url(args.database_url),
            Path(work),
            practitioners=args.practitioners,
            workers_per_server=args.workers,
            threads_per_worker=args.threads,
        ) as cluster:
            print("Signing the practitioners in...", flush=True)
            with ThreadPoolExecutor(max_workers=4) as pool:
                practitioners = list(
                    pool.map(lambda n: prepare(cluster, n), range(args.practitioners))
                )
            print(
                f"Load: {args.practitioners} practitioners saving, {args.readers} readers, "
                f"{args.duration:g} s, against 2 servers x {args.workers} workers x "
                f"{args.threads} threads, {args.think:g} s between each user's requests...",
                flush=True,
            )
            load_average = os.getloadavg()
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            saves, reads, seconds = asyncio.run(
                load(practitioners, args.readers, cluster.servers, args.duration, args.think)
            )
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            lost, made = lost_saves(cluster, practitioners)
            server_errors = cluster.logs().count("level=ERROR")
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    acknowledged = sum(len(p.acknowledged) for p in practitioners)
    print()
    print(f"{'kind':<6} {'done':>7} {'rate':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    print(summary(saves, seconds))
    print(summary(reads, seconds))
    print()
    print(f"saves acknowledged: {acknowledged}; revisions made: {made}; lost: {len(lost)}")
    print(f"server errors logged: {server_errors}")
    print(
        f"load generator CPU: {client_cpu:.1f} s over {seconds:.1f} s; machine load average "
        f"before: {load_average[0]:.1f} ({os.cpu_count()} CPUs)"
    )
    for error in (saves.errors + reads.errors)[:10]:
        print("error:", error)
    for text in lost[:10]:
        print("lost:", text)
    if saves.errors or reads.errors or lost or made != acknowledged:
        sys.exit(1)


if __name__ == "__main__":
    main()

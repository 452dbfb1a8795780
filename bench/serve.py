"""Serving benchmark: the ISF template page, cached and uncached, against the same bytes as a
static file, all from one production stack (gunicorn, WhiteNoise, production settings).

Run it with `bench/serve` or `make bench`; `bench/serve --help` lists the options. See
bench/README.md for what it does and what it printed.
"""

import argparse
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
PAGE_PATH = "/templates/isf-partnership-agreement/"
STATIC_NAME = "bench/isf-partnership-agreement.html"
# Any query string keeps a request out of the page cache; the page itself ignores it.
UNCACHED_SUFFIX = "?uncached=1"


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(work: Path, port: int, args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "site.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # thrown away with the run
            "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(work / "static"),
            # The shared cache is Redis (REDIS_URL, default 127.0.0.1:6379): keep to our own keys.
            "REDIS_KEY_PREFIX": f"bench-{secrets.token_hex(8)}",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on loopback: no redirect to HTTPS.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
            "GUNICORN_LOG_LEVEL": "warning",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run(
        [str(PYTHON), "manage.py", *command],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path):
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "site/gunicorn.conf.py"],
            cwd=PROJECT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_answering(port, process, log)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        with contextlib.suppress(OSError):
            get(port, "/static/css/site.css")
            return
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer on port {port} within 30 s:\n{log.read_text()}")


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def check_targets(port: int, targets: dict[str, str], page: bytes) -> None:
    """Each target must answer 200 with the page's bytes, and only `cached` from the cache.
    Each worker keeps its own cached copy, so ask a few times: every worker must get one."""
    for name, path in targets.items():
        hits = 0
        for _ in range(20):
            status, headers, body = get(port, path)
            hits += headers.get("x-page-cache") == "hit"
            problems = []
            if status != 200:
                problems.append(f"status {status}")
            if body != page:
                problems.append(f"{len(body)} bytes, not the page's {len(page)}")
            if problems:
                sys.exit(f"{name} ({path}): " + ", ".join(problems))
        if name == "cached" and hits == 0:
            sys.exit(f"{name} ({path}): never served from the page cache")
        if name != "cached" and hits:
            sys.exit(f"{name} ({path}): served from the page cache")


# ---------------------------------------------------------------- load generators

_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _WRK_UNITS[unit]


def run_wrk(name: str, url: str, args: argparse.Namespace, seconds: float) -> Result:
    output = subprocess.run(
        [
            "wrk",
            f"-t{args.load_threads}",
            f"-c{args.connections}",
            f"-d{seconds:g}s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _wrk_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _wrk_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return Result(name, rate, p50, p99, errors)


def run_python(name: str, url: str, args: argparse.Namespace, seconds: float) -> Result:
    """A small keep-alive load generator for machines without wrk. It is slower than wrk (one
    Python process), so compare its ratios with each other, not its rates with wrk's."""
    host_port, path = url.removeprefix("http://").split("/", 1)
    host, port = host_port.split(":")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", "/" + path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=100)
    return Result(name, len(latencies) / seconds, quantiles[49], quantiles[98], errors)


# ---------------------------------------------------------------- the run


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per target")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="measurements per target, interleaved; the best is kept",
    )
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--load-threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--python-load",
        action="store_true",
        help="use the Python load generator even if wrk is installed",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if not PYTHON.exists():
        sys.exit("No .venv here: run `make install` first.")
    use_wrk = shutil.which("wrk") is not None and not args.python_load
    if not use_wrk and not args.python_load:
        print(
            "wrk is not installed (Debian: `apt-get install wrk`); using the Python load generator."
        )
    load = run_wrk if use_wrk else run_python

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    port = free_port()
    env = environment(work, port, args)
    log = work / "gunicorn.log"
    try:
        print(f"Preparing a throwaway site in {work}: migrate, seed, collectstatic")
        manage(env, "migrate", "--no-input")
        manage(env, "load_seed_content")
        manage(env, "collectstatic", "--no-input")

        # WhiteNoise indexes the static files when it starts, so save the page's bytes first
        # and start again.
        with gunicorn(env, port, log):
            status, _, page = get(port, PAGE_PATH + UNCACHED_SUFFIX)
            if status != 200:
                sys.exit(f"{PAGE_PATH} answered {status}:\n{log.read_text()}")
        static_file = work / "static" / STATIC_NAME
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(page)
        shutil.rmtree(work / "cache", ignore_errors=True)

        targets = {
            "static": f"/static/{STATIC_NAME}",
            "cached": PAGE_PATH,
            "uncached": PAGE_PATH + UNCACHED_SUFFIX,
        }
        with gunicorn(env, port, log):
            check_targets(port, targets, page)
            print(
                f"gunicorn: {args.workers} worker(s) x {args.threads} thread(s) "
                f"on 127.0.0.1:{port}; {len(page):,} bytes per response; "
                f"load: {'wrk' if use_wrk else 'Python'}, {args.connections} connections, "
                f"{args.rounds} x {args.duration:g} s per target, interleaved, best kept"
            )
            best: dict[str, Result] = {}
            for name, path in targets.items():
                load(name, f"http://127.0.0.1:{port}{path}", args, args.warmup)
            for _ in range(args.rounds):
                for name, path in targets.items():
                    result = load(name, f"http://127.0.0.1:{port}{path}", args, args.duration)
                    if (
                        name not in best
                        or result.requests_per_second > best[name].requests_per_second
                    ):
                        best[name] = result
        report(best)
    finally:
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, Result]) -> None:
    print()
    print(f"{'target':<10}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for result in results.values():
        print(
            f"{result.name:<10}{result.requests_per_second:>12,.0f}{result.p50_ms:>10.2f}"
            f"{result.p99_ms:>10.2f}{result.errors:>8}"
        )
    static = results["static"].requests_per_second
    cached = results["cached"].requests_per_second / static
    uncached = results["uncached"].requests_per_second / static
    print()
    verdict = "met" if cached >= 0.5 else "NOT met"
    print(f"cached/static   {cached:.2f}  (goal: at least 0.50: {verdict})")
    print(f"uncached/static {uncached:.2f}")
    if any(result.errors for result in results.values()):
        sys.exit("Some requests failed: see the errors column.")


if __name__ == "__main__":
    main()

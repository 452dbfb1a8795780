"""Pages benchmark: how long the public ISF template page (anonymous, page cache bypassed) and a
practitioner's reading view of an ISF agreement take to render in-process, with their SQL query
counts.

Run it with `bench/pages` or `make bench-pages`; `bench/pages --help` lists the options. See
bench/README.md for what it does and what it printed.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
#: The goals for each page's median time, in milliseconds (issue 14).
GOALS_MS = {"ISF template page": 15.0, "ISF agreement page": 25.0}
BENCH_USERNAME = "bench-pages-practitioner"


@dataclass
class Measure:
    name: str
    median_ms: float
    p90_ms: float
    cpu_median_ms: float
    query_counts: set[int]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "site.settings.test"
    # Render every time: the page cache would otherwise answer the anonymous page from memory.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(PROJECT))
    import projectpath

    projectpath.install()  # the project's "site" package (see projectpath.py)
    import django

    django.setup()


def prepare_site():
    """Migrate, load the seed content and the other languages' pages, and fork the ISF template
    for a practitioner, unless an earlier run left all that in this database."""
    from django.core.management import call_command
    from wagtail.models import Locale

    from accounts.factories import PractitionerFactory
    from agreements.models import TemplatePage
    from agreements.seed_content import isf
    from personalised.factories import PersonDetailsFactory
    from personalised.forking.services import fork_template
    from personalised.models import PersonalisedAgreement

    call_command("migrate", verbosity=0, interactive=False)
    practitioner = PractitionerFactory(username=BENCH_USERNAME)
    agreement = PersonalisedAgreement.objects.filter(owner=practitioner).first()
    if agreement is None:
        from agreements.translation import ensure_locale_trees
        from seeding.loader import load_seed_content

        load_seed_content()
        ensure_locale_trees()
        template = TemplatePage.objects.get(slug=isf.SLUG, locale=Locale.get_default())
        agreement = fork_template(
            template,
            owner=practitioner,
            details=PersonDetailsFactory.build(person_name="Sam Person"),
        )
    return practitioner, agreement


def pages(practitioner, agreement) -> dict[str, tuple[Callable[[], bytes], str]]:
    """Each page measured (or only saved, for comparing the HTML): a fetch and its address."""
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Locale

    from agreements.models import TemplatePage
    from agreements.seed_content import isf, partnering

    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(practitioner)

    def url_of(slug: str, language: str | None = None) -> str:
        locale = Locale.objects.get(language_code=language) if language else Locale.get_default()
        return TemplatePage.objects.get(slug=slug, locale=locale).url

    def fetcher(client: Client, url: str) -> Callable[[], bytes]:
        def fetch() -> bytes:
            response = client.get(url)
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            return response.content

        return fetch

    found = {
        "ISF template page": (anonymous, url_of(isf.SLUG)),
        "ISF agreement page": (signed_in, reverse("agreements:detail", args=[agreement.uuid])),
        "Suffolk template page": (anonymous, url_of(partnering.SLUG)),
        "Welsh ISF template page": (anonymous, url_of(isf.SLUG, "cy")),
    }
    return {name: (fetcher(client, url), url) for name, (client, url) in found.items()}


UNKEPT = "ISF page, nothing kept"


def without_kept_fragments(fetch: Callable[[], bytes]) -> Callable[[], bytes]:
    """The same page with FRAGMENT_CACHE_SECONDS = 0: its body and the site's navigation
    rendered for every request, as for the first reader after a publication."""
    from django.test import override_settings

    def fetch_unkept() -> bytes:
        with override_settings(FRAGMENT_CACHE_SECONDS=0):
            return fetch()

    return fetch_unkept


def measure(name: str, fetch: Callable[[], bytes], rounds: int, warm_up: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm_up):  # templates compiled, content types and translations cached
        fetch()
    times, cpu_times, counts = [], [], set()
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            fetch()
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        counts.add(len(queries.captured_queries))
    deciles = statistics.quantiles(times, n=10) if len(times) > 1 else times * 9
    median_cpu = statistics.median(cpu_times)
    return Measure(name, statistics.median(times), deciles[-1], median_cpu, counts)


def profile(fetch: Callable[[], bytes], rounds: int, lines: int) -> None:
    import cProfile
    import pstats

    fetch()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        fetch()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)


def report(results: list[Measure]) -> int:
    print()
    print(f"{'page':26}{'median ms':>11}{'p90 ms':>9}{'CPU ms':>9}{'queries':>9}   verdict")
    failures = 0
    for result in results:
        goal = GOALS_MS.get(result.name)
        verdict = []
        if goal is not None:
            verdict.append(
                f"{'ok' if result.median_ms <= goal else 'SLOW'} (goal {goal:.0f} ms median)"
            )
            failures += result.median_ms > goal
        if len(result.query_counts) > 1:
            verdict.append("query count varies between runs")
            failures += 1
        queries = "/".join(str(count) for count in sorted(result.query_counts))
        print(
            f"{result.name:26}{result.median_ms:11.1f}{result.p90_ms:9.1f}"
            f"{result.cpu_median_ms:9.1f}{queries:>9}   {'; '.join(verdict)}"
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nload average (1, 5, 15 min): {load}; CPUs: {os.cpu_count()}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100, help="timed renders of each page")
    parser.add_argument("--warm-up", type=int, default=10, help="renders before timing")
    parser.add_argument(
        "--database-url",
        help="a database to use and keep, e.g. sqlite:////tmp/bench-pages.sqlite3 (filled on the "
        "first run, reused after, so that HTML saved by two runs can be compared byte for byte; "
        "default: SQLite in a temporary directory)",
    )
    parser.add_argument("--html", type=Path, metavar="DIR", help="save each page's HTML in DIR")
    parser.add_argument(
        "--profile", metavar="PAGE", help="print a cProfile of PAGE (e.g. 'ISF agreement page')"
    )
    parser.add_argument("--all", action="store_true", help="also time the Suffolk and Welsh pages")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as work:
        setup_django(args.database_url or f"sqlite:///{Path(work) / 'db.sqlite3'}")
        from django.db import connection

        print(f"== database: {connection.vendor}; preparing the site")
        practitioner, agreement = prepare_site()
        found = pages(practitioner, agreement)
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            for name, (fetch, url) in found.items():
                (args.html / (name.replace(" ", "-").lower() + ".html")).write_bytes(fetch())
                print(f"saved {name} ({url})")
        if args.profile:
            profile(found[args.profile][0], rounds=args.rounds, lines=60)
            return 0
        timed = {name: fetch for name, (fetch, _url) in found.items()}
        if not args.all:
            timed = {name: timed[name] for name in GOALS_MS}
        timed[UNKEPT] = without_kept_fragments(found["ISF template page"][0])
        print(f"== {args.rounds} renders of each after {args.warm_up} to warm up")
        return report(
            [measure(name, fetch, args.rounds, args.warm_up) for name, fetch in timed.items()]
        )


if __name__ == "__main__":
    sys.exit(main())

"""Agreements benchmark: forking, reading, listing and exporting personalised agreements with 100
and then 10,000 agreements in the database, timed in-process with their SQL query counts.

Run it with `bench/agreements` or `make bench-agreements`; `bench/agreements --help` lists the
options. See bench/README.md for what it does and what it printed.
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
#: The goal for each operation's median time, in seconds (issue #4).
GOAL_SECONDS = 0.2
#: Of all agreements, the share the measured practitioner owns, and the share shared with them.
OWNED_EVERY = 10  # one in ten
SHARED_EVERY = 100  # one in a hundred
OTHER_OWNERS = 50
BATCH = 500


@dataclass
class Measure:
    name: str
    median_seconds: float
    median_cpu_seconds: float
    queries: int
    query_counts: set[int]
    slowest: list[tuple[float, str]]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "site.settings.test"
    sys.path.insert(0, str(PROJECT))
    import projectpath

    projectpath.install()  # the project's "site" package (see projectpath.py)
    import django

    django.setup()


def prepare_site() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_seed_content", verbosity=0)


# --------------------------------------------------------------------------- bulk agreements


# Who the ISF's declared parties are in each bench agreement (the person is added at fork).
BENCH_PARTIES = {
    "local-authority": ["Suffolk County Council"],
    "provider": ["Good Support Ltd"],
    "person": ["Alex Person", "Jo Person"],
}


def fill_to(total: int, bench_user, others: list) -> None:
    """Add agreements (with their first revision, fork log entry, some shares and parties'
    agreements) until there are ``total``, in bulk: as a year of practitioners' work would leave
    them, without forking each one."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import ModelLogEntry, Revision

    from agreements.models import TemplatePage
    from agreements.seed_content import isf
    from personalised import audit
    from personalised.forking.services import PersonDetails, agreement_parties, copy_body
    from personalised.models import (
        AgreementShare,
        PartyConsent,
        PartyMember,
        PersonalisedAgreement,
        SharePermission,
    )

    template = TemplatePage.objects.get(slug=isf.SLUG)
    body = copy_body(template)
    parties = [party["key"] for party in template.declared_parties()]
    content_type = ContentType.objects.get_for_model(PersonalisedAgreement)
    existing = PersonalisedAgreement.objects.count()
    now = timezone.now()

    for start in range(existing, total, BATCH):
        count = min(BATCH, total - start)
        with transaction.atomic():
            agreements = []
            for number in range(start, start + count):
                owner = bench_user if number % OWNED_EVERY == 0 else others[number % len(others)]
                details = PersonDetails(
                    person_name=f"Person {number}", known_as=f"P{number}", parties=BENCH_PARTIES
                )
                named_parties = agreement_parties(template, details)
                agreements.append(
                    PersonalisedAgreement(
                        owner=owner,
                        title=template.title,
                        source_page=template,
                        source_revision_id=template.live_revision_id,
                        source_version=template.version,
                        language=template.locale.language_code,
                        person_name=f"Person {number}",
                        known_as=f"P{number}",
                        parties=named_parties,
                        party_count=len(named_parties),
                        body=body,
                    )
                )
            created = PersonalisedAgreement.objects.bulk_create(agreements)
            if created[0].pk is None:  # databases that do not return ids from a bulk insert
                created = list(PersonalisedAgreement.objects.order_by("-pk")[: len(created)][::-1])
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=content_type,
                        base_content_type=content_type,
                        object_id=str(agreement.pk),
                        user=agreement.owner,
                        created_at=now,
                        content=agreement.serializable_data(),
                        object_str=str(agreement),
                    )
                    for agreement in created
                ]
            )
            if revisions[0].pk is None:
                revisions = list(Revision.objects.order_by("-pk")[: len(revisions)][::-1])
            for agreement, revision in zip(created, revisions, strict=True):
                agreement.latest_revision = revision
            PersonalisedAgreement.objects.bulk_update(created, ["latest_revision"])
            ModelLogEntry.objects.bulk_create(
                [
                    ModelLogEntry(
                        content_type=content_type,
                        object_id=str(agreement.pk),
                        label=str(agreement),
                        action=audit.FORK,
                        user=agreement.owner,
                        timestamp=now,
                        data={"template": template.pk, "version": template.version},
                    )
                    for agreement in created
                ]
            )
            shares = [
                AgreementShare(
                    agreement=agreement,
                    user=bench_user,
                    permission=SharePermission.VIEW,
                    created_by=agreement.owner,
                )
                for number, agreement in enumerate(created, start=start)
                if agreement.owner_id != bench_user.pk and number % SHARED_EVERY == 1
            ]
            AgreementShare.objects.bulk_create(shares)
            # A third of them agreed by every party: one person in each, who agreed.
            members = PartyMember.objects.bulk_create(
                [
                    PartyMember(agreement=agreement, party=party, name="Someone")
                    for number, agreement in enumerate(created, start=start)
                    if number % 3 == 0
                    for party in parties
                ]
            )
            PartyConsent.objects.bulk_create(
                [
                    PartyConsent(
                        agreement=member.agreement,
                        party=member.party,
                        member=member,
                        agreed_by="Someone",
                        agreed_on=now.date(),
                        revision=member.agreement.latest_revision,
                    )
                    for member in members
                ]
            )


def analyse() -> None:
    """Bring the query planner's statistics up to date, as autovacuum does on a live database
    after a day's inserts; straight after a bulk load they still describe empty tables."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --------------------------------------------------------------------------- measuring


def measure(name: str, action: Callable[[], object], rounds: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm: templates compiled, content types cached
    times, cpu_times, counts = [], [], []
    for _round in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            action()
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        counts.append(len(queries.captured_queries))
    slowest = sorted(
        ((float(query["time"]), query["sql"]) for query in queries.captured_queries), reverse=True
    )
    return Measure(
        name,
        statistics.median(times),
        statistics.median(cpu_times),
        max(counts),
        set(counts),
        slowest,
    )


def operations(bench_user) -> dict[str, Callable[[], object]]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from agreements.models import TemplatePage
    from agreements.seed_content import isf
    from personalised.factories import PersonDetailsFactory
    from personalised.forking.services import fork_template
    from personalised.models import PersonalisedAgreement

    template = TemplatePage.objects.get(slug=isf.SLUG)
    client = Client()
    client.force_login(bench_user)
    agreement = PersonalisedAgreement.objects.filter(owner=bench_user).order_by("pk").first()

    def get(url: str) -> Callable[[], object]:
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            return response.content

        return fetch

    found = {
        "fork the ISF template": lambda: fork_template(
            template, owner=bench_user, details=PersonDetailsFactory.build()
        ),
        "render an agreement": get(reverse("agreements:detail", args=[agreement.uuid])),
    }
    try:
        found["list My agreements"] = get(reverse("agreements:list"))
    except NoReverseMatch:
        found["list My agreements"] = _visible_to_rendering(bench_user)
    found["print view"] = get(reverse("agreements:print", args=[agreement.uuid]))
    found["export a DOCX"] = get(reverse("agreements:docx", args=[agreement.uuid]))
    return found


def _visible_to_rendering(user) -> Callable[[], object]:
    """Without the "My agreements" page: the first page of what it lists, rendered."""
    from django.template import Context, Template

    from personalised.models import PersonalisedAgreement

    template = Template(
        "{% for a in agreements %}{{ a.title }} {{ a.person_name }} {{ a.status_label }}"
        " {{ a.review_date }}{% endfor %}"
    )

    def render():
        agreements = PersonalisedAgreement.objects.visible_to(user).order_by("-updated_at")[:20]
        return template.render(Context({"agreements": agreements}))

    return render


# --------------------------------------------------------------------------- the run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[100, 10_000],
        help="agreement counts to measure at, in rising order (default 100,10000)",
    )
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each (default 15)")
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        metavar="N",
        help="also print each operation's N slowest queries at the largest size",
    )
    parser.add_argument(
        "--database-url",
        help="a throwaway database to fill, such as "
        "postgres://postgres@127.0.0.1:5432/bench_agreements "
        "(default: SQLite in a temporary directory)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-agreements-") as work:
        setup_django(args.database_url or f"sqlite:///{Path(work) / 'db.sqlite3'}")
        from django.db import connection

        from accounts.factories import PractitionerFactory

        print(f"== database: {connection.vendor}; migrating and loading the seed content")
        prepare_site()
        bench_user = PractitionerFactory(username="bench-practitioner")
        others = [PractitionerFactory(username=f"other-{n}") for n in range(OTHER_OWNERS)]

        results: dict[int, dict[str, Measure]] = {}
        for size in args.sizes:
            started = time.perf_counter()
            fill_to(size, bench_user, others)
            analyse()
            print(f"== {size:,} agreements ({time.perf_counter() - started:.1f} s to add them)")
            results[size] = {
                name: measure(name, action, args.rounds)
                for name, action in operations(bench_user).items()
            }
        if args.slowest:
            print_slowest(results[args.sizes[-1]], args.slowest)
        return report(results)


def print_slowest(measures: dict[str, Measure], count: int) -> None:
    for measure_ in measures.values():
        print(f"-- {measure_.name}: slowest queries of the last run")
        for seconds, sql in measure_.slowest[:count]:
            print(f"   {seconds * 1000:7.1f} ms  {sql[:300]}")


def report(results: dict[int, dict[str, Measure]]) -> int:
    sizes = list(results)
    names = list(results[sizes[0]])
    header = f"{'operation':24}" + "".join(f"{f'{size:,} agreements':>30}" for size in sizes)
    print()
    print(header + "   verdict")
    print(f"{'':24}" + "".join(f"{'median ms':>11}{'CPU ms':>9}{'queries':>10}" for _ in sizes))
    failures = 0
    for name in names:
        row = f"{name:24}"
        for size in sizes:
            result = results[size][name]
            row += (
                f"{result.median_seconds * 1000:11.1f}{result.median_cpu_seconds * 1000:9.1f}"
                f"{result.queries:10d}"
            )
        slow = any(results[size][name].median_seconds >= GOAL_SECONDS for size in sizes)
        counts = {results[size][name].queries for size in sizes}
        varying = any(len(results[size][name].query_counts) > 1 for size in sizes)
        verdict = []
        if slow:
            verdict.append(f"SLOW (goal under {GOAL_SECONDS * 1000:.0f} ms)")
        if len(counts) > 1:
            verdict.append("QUERIES GROW with the number of agreements")
        if varying:
            verdict.append("(query count varies between runs)")
        failures += bool(slow or len(counts) > 1)
        print(row + "   " + ("; ".join(verdict) or "ok"))
    print()
    print("every operation under 0.2 s with a fixed query count: " + ("no" if failures else "yes"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

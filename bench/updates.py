"""Template updates benchmark: how long it takes to work out what an agreement's template has
changed, for one agreement (its review page) and for a page of "My agreements" (the flag on each
row), with 100 and then 10,000 agreements forked from five versions of the ISF template.

Run it with `bench/updates` or `make bench-updates`; `bench/updates --help` lists the options.
See bench/README.md for what it printed.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VERSIONS = 5
OWNED_EVERY = 10  # the measured practitioner owns one agreement in ten
BATCH = 500


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "site.settings.test"
    sys.path.insert(0, str(PROJECT))
    import projectpath

    projectpath.install()  # the project's "site" package (see projectpath.py)
    import django

    django.setup()


def publish_versions() -> list:
    """The ISF template in five versions, each changing prompts, titles and the areas' order.
    Returns each version's revision, oldest first."""
    from django.core.management import call_command

    from agreements.models import TemplatePage
    from agreements.seed_content import isf
    from versioning.models import PageVersion

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_seed_content", verbosity=0)
    template = TemplatePage.objects.get(slug=isf.SLUG)
    for number in range(2, VERSIONS + 1):
        page = template.get_latest_revision_as_object()
        areas = [index for index, block in enumerate(page.body) if block.block_type == "area"]
        area = page.body[areas[number % len(areas)]]
        area.value["party_prompts"][0]["prompts"][0] = f"Reworded in version {number}"
        area.value["title"] = f"{area.value['title']} (v{number})"
        moved = page.body[areas[-1]]
        del page.body[areas[-1]]
        page.body.insert(areas[0], ("area", moved.value, moved.id))
        page.change_note = f"Version {number}: a prompt reworded, a title changed, an area moved."
        page.save_revision().publish()
        template.refresh_from_db()
    versions = PageVersion.objects.filter(page=template).order_by("number")
    return [version.revision for version in versions]


def fill_to(total: int, bench_user, others: list, revisions: list) -> None:
    """Agreements forked from each of the five versions in turn, in bulk."""
    from django.db import transaction

    from agreements.models import TemplatePage
    from personalised.forking.services import PersonDetails, agreement_parties
    from personalised.models import PersonalisedAgreement
    from personalised.updates.services import revision_body

    template = TemplatePage.objects.get(pk=revisions[0].object_id)
    bodies = [revision_body(revision) for revision in revisions]
    parties = agreement_parties(
        template,
        PersonDetails(
            person_name="",
            known_as="",
            parties={
                "local-authority": ["Suffolk County Council"],
                "provider": ["Good Support Ltd"],
            },
        ),
    )
    existing = PersonalisedAgreement.objects.count()
    for start in range(existing, total, BATCH):
        with transaction.atomic():
            PersonalisedAgreement.objects.bulk_create(
                [
                    PersonalisedAgreement(
                        owner=bench_user if number % OWNED_EVERY == 0 else others[number % 7],
                        title=template.title,
                        source_page=template,
                        source_revision=revisions[number % VERSIONS],
                        source_version=number % VERSIONS + 1,
                        person_name=f"Person {number}",
                        known_as=f"P{number}",
                        parties=parties,
                        party_count=len(parties),
                        body=bodies[number % VERSIONS],
                    )
                    for number in range(start, min(start + BATCH, total))
                ]
            )


def measure(run: Callable[[], object], rounds: int, clear_cache: bool) -> tuple[float, int]:
    """The median time of ``run`` and its SQL query count (the same every round, or the most)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from personalised.updates import services as updating

    times, queries = [], 0
    for _ in range(rounds):
        if clear_cache:
            cache.clear()
            updating._known_pairs.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        queries = max(queries, len(captured))
    return statistics.median(times), queries


def run_size(
    total: int, rounds: int, bench_user, others, revisions
) -> list[tuple[str, float, int]]:
    from django.test import Client
    from django.urls import reverse

    from personalised.models import PersonalisedAgreement
    from personalised.updates.display import shown_sections
    from personalised.updates.services import agreements_with_updates, updates_for

    fill_to(total, bench_user, others, revisions)
    oldest = (
        PersonalisedAgreement.objects.select_related("source_page")
        .filter(owner=bench_user, source_revision=revisions[0])
        .first()
    )

    def one_agreement():
        agreement = PersonalisedAgreement.objects.select_related("source_page").get(pk=oldest.pk)
        updates = updates_for(agreement)
        shown_sections(updates.review.source, updates.review.live, updates.changes)

    page = list(
        PersonalisedAgreement.objects.visible_to(bench_user).select_related("source_page")[:20]
    )
    client = Client()
    client.force_login(bench_user)
    list_url = reverse("agreements:list")

    def my_agreements():
        response = client.get(list_url)
        assert response.status_code == 200
        assert b"Template updated" in response.content

    results = [
        ("one agreement: its update list (v1 -> v5)", *measure(one_agreement, rounds, False)),
        (
            "a page of 20: flags, cold cache",
            *measure(lambda: agreements_with_updates(page), rounds, True),
        ),
        (
            "a page of 20: flags, warm cache",
            *measure(lambda: agreements_with_updates(page), rounds, False),
        ),
        ("My agreements: whole page, warm", *measure(my_agreements, rounds, False)),
    ]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000", help="agreements in the database")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(arguments.database_url or f"sqlite:///{directory}/bench.sqlite3")
        from accounts.factories import PractitionerFactory

        revisions = publish_versions()
        bench_user = PractitionerFactory(username="bench")
        others = [PractitionerFactory(username=f"other{number}") for number in range(7)]
        table = {}
        sizes = [int(size) for size in arguments.sizes.split(",")]
        for size in sizes:
            for name, seconds, queries in run_size(
                size, arguments.rounds, bench_user, others, revisions
            ):
                table.setdefault(name, {})[size] = (seconds, queries)
        header = f"{'':44}" + "".join(f"{f'{size:,} agreements':>26}" for size in sizes)
        print(header)
        for name, by_size in table.items():
            cells = "".join(
                f"{f'{seconds * 1000:8.2f} ms, {queries:2d} queries':>26}"
                for seconds, queries in (by_size[size] for size in sizes)
            )
            print(f"{name:44}{cells}")


if __name__ == "__main__":
    main()

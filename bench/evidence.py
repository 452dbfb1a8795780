"""Evidence benchmark: how long the nightly task takes to compute a template's evidence for its
editors (``evidence.computing``), and how many SQL queries it asks, with 10,000 agreements forked
from five versions of the ISF template, as practitioners leave them: prompts reworded, removed,
reordered and added, areas marked not relevant, some agreed by every party.

Run it with `bench/evidence` or `make bench-evidence`; `bench/evidence --help` lists the options.
See bench/README.md for what it printed.
"""

import argparse
import copy
import datetime
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from updates import BATCH, VERSIONS, publish_versions, setup_django

PRACTITIONERS = 40
MONTHS = 12
PARTIES = ["local-authority", "provider", "person"]


def _variants(body: list, number: int) -> list[list]:
    """Bodies as practitioners leave them, from one version's body: untouched, a prompt
    reworded, one removed and the rest reordered, one added (a wording many agreements share),
    an area marked not relevant."""
    areas = [index for index, block in enumerate(body) if block["type"] == "area"]
    variants = [body]
    for kind in range(1, 5):
        changed = copy.deepcopy(body)
        area = changed[areas[(number + kind) % len(areas)]]["value"]
        column = area["party_prompts"][kind % 3]["value"]["prompts"]
        if kind == 1 and column:
            column[0]["value"] = f"{column[0]['value']} (our words)"
        elif kind == 2 and column:
            column.pop()
            column.reverse()
        elif kind == 3:
            column.append({"type": "item", "value": "Meet every month", "id": f"added-{number}"})
        else:
            area["relevant"] = False
        variants.append(changed)
    return variants


def fill(total: int, practitioners: list, revisions: list) -> None:
    """``total`` agreements, forked from each version in turn, in bulk; a third of them agreed
    by every party; created over the last twelve months."""
    from django.db import transaction
    from django.utils import timezone

    from agreements.models import TemplatePage
    from personalised.forking.services import PersonDetails, agreement_parties
    from personalised.models import PartyConsent, PersonalisedAgreement
    from personalised.updates.services import revision_body

    template = TemplatePage.objects.get(pk=revisions[0].object_id)
    bodies = [
        _variants(revision_body(revision), number) for number, revision in enumerate(revisions)
    ]
    parties = agreement_parties(
        template,
        PersonDetails(
            person_name="",
            known_as="",
            parties={"local-authority": ["Suffolk County Council"], "provider": ["Good Ltd"]},
        ),
    )
    for start in range(0, total, BATCH):
        with transaction.atomic():
            created = PersonalisedAgreement.objects.bulk_create(
                [
                    PersonalisedAgreement(
                        owner=practitioners[number % len(practitioners)],
                        title=template.title,
                        source_page=template,
                        source_revision=revisions[number % VERSIONS],
                        source_version=number % VERSIONS + 1,
                        person_name=f"Person {number}",
                        known_as=f"P{number}",
                        parties=parties,
                        party_count=len(parties),
                        body=bodies[number % VERSIONS][number // VERSIONS % 5],
                    )
                    for number in range(start, min(start + BATCH, total))
                ]
            )
    agreements = list(PersonalisedAgreement.objects.order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    size = -(-len(agreements) // MONTHS)
    for month in range(MONTHS):
        chunk = agreements[month * size : (month + 1) * size]
        if chunk:
            PersonalisedAgreement.objects.filter(pk__range=(chunk[0], chunk[-1])).update(
                created_at=now - datetime.timedelta(days=30 * month)
            )
    agreed = agreements[::3]
    for start in range(0, len(agreed), BATCH):
        PartyConsent.objects.bulk_create(
            PartyConsent(
                agreement_id=pk,
                party=party,
                agreed_by="Signed",
                agreed_on=(now + datetime.timedelta(days=pk % 120)).date(),
                revision=revisions[0],
                recorded_by=practitioners[0],
            )
            for pk in agreed[start : start + BATCH]
            for party in PARTIES
        )
    del created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(arguments.database_url or f"sqlite:///{directory}/bench.sqlite3")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from accounts.factories import PractitionerFactory
        from agreements.models import TemplatePage
        from evidence.computing import compute_and_store
        from evidence.models import EvidenceCount, EvidenceWording

        revisions = publish_versions()
        practitioners = [
            PractitionerFactory(username=f"practitioner{number}") for number in range(PRACTITIONERS)
        ]
        start = time.perf_counter()
        fill(arguments.agreements, practitioners, revisions)
        print(f"{arguments.agreements:,} agreements created in {time.perf_counter() - start:.1f} s")
        template = TemplatePage.objects.get(pk=revisions[0].object_id)
        for run in ("first run", "second run (replacing the first)"):
            with CaptureQueriesContext(connection) as captured:
                start, cpu = time.perf_counter(), time.process_time()
                snapshot = compute_and_store(template)
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"evidence, {run}: {seconds:.2f} s ({cpu:.2f} s of this process's CPU), "
                f"{len(captured)} queries; "
                f"{snapshot.agreement_count:,} agreements, "
                f"{EvidenceCount.objects.filter(snapshot=snapshot).count():,} counts, "
                f"{EvidenceWording.objects.filter(snapshot=snapshot).count()} wordings stored"
            )


if __name__ == "__main__":
    main()

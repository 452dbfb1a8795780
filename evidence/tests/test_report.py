"""The editors' evidence report: only editors and moderators reach it; every figure it shows,
draws or exports is suppressed under 5 and rounded to 5, whichever filters are combined or
subtracted; practitioners' words appear only as the wordings evidence stored; and it renders in
the same number of queries however many counts there are.

The counts are made directly (EvidenceSnapshot, EvidenceCount rows), so that each test says
exactly which raw numbers lie behind what must be shown."""

import csv
import io
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import PractitionerFactory
from accounts.practitioners import EDITORS, MODERATORS
from agreements.models import TemplatePage
from evidence.models import EvidenceCount, EvidenceSnapshot, EvidenceWording, Measure
from evidence.tests.helpers import JANUARY, count, snapshot_for
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
FEWER = "fewer than 5"


@pytest.fixture(params=list(SHAPES))
def template(request) -> TemplatePage:
    return SHAPES[request.param]().template


def user_in(*groups: str, **extra):
    user = PractitionerFactory(**extra)
    user.groups.set([Group.objects.get(name=group) for group in groups])
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(user_in(EDITORS))
    return client


def first_section(template: TemplatePage) -> dict:
    return next(
        raw for raw in template.body.raw_data if raw["type"] not in ("how_to_use", "parties")
    )


def first_item_id(value) -> str:
    """The id of the first list item inside a block's value."""
    if isinstance(value, list):
        for part in value:
            if isinstance(part, dict) and "id" in part and "value" in part:
                return part["id"]
            if found := first_item_id(part):
                return found
    elif isinstance(value, dict):
        for part in value.values():
            if found := first_item_id(part):
                return found
    return ""


def report_url(template, **filters) -> str:
    url = reverse("evidence_admin:report", args=[template.pk])
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"{url}?{query}" if query else url


def csv_rows(client, template, **filters) -> list[list[str]]:
    url = report_url(template, **filters).replace(
        reverse("evidence_admin:report", args=[template.pk]),
        reverse("evidence_admin:csv", args=[template.pk]),
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def figures(rows: list[list[str]]) -> dict[tuple[str, str, str, str], str]:
    return {tuple(row[:4]): row[4] for row in rows[1:]}


def assert_only_suppressed_figures(rows: list[list[str]]) -> None:
    for row in rows[1:]:
        figure = row[4]
        assert figure == FEWER or (int(figure) >= 5 and int(figure) % 5 == 0), row


def page_figures(html: str) -> list[str]:
    """Every number the report's tables and section lines show."""
    soup = BeautifulSoup(html, "html.parser")
    cells = [
        cell.get_text(" ", strip=True)
        for cell in soup.select("main table td, main .evidence-section p")
    ]
    return [number for cell in cells for number in re.findall(r"\b\d+\b", cell)]


# --------------------------------------------------------------------------------- access

URLS = ["index", "report", "csv"]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("role", ["anonymous", "practitioner", "no group", "staff, no group"])
def test_nobody_but_editors_and_moderators_reaches_the_evidence(client, name, role):
    template = SHAPES["isf"]().template
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 40)
    users = {
        "practitioner": PractitionerFactory(),
        "no group": user_in(),
        "staff, no group": user_in(is_staff=True),
    }
    if role != "anonymous":
        client.force_login(users[role])
    args = [] if name == "index" else [template.pk]

    response = client.get(reverse(f"evidence_admin:{name}", args=args))

    assert response.status_code in (302, 403), response.status_code
    assert "40" not in response.content.decode()
    recompute = client.post(reverse("evidence_admin:recompute", args=[template.pk]))
    assert recompute.status_code in (302, 403)
    assert EvidenceSnapshot.objects.get(template=template).pk == snapshot.pk  # not recomputed


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_find_the_report_under_reports(client, group):
    template = SHAPES["isf"]().template
    client.force_login(user_in(group))

    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    index = client.get(reverse("evidence_admin:index"))

    assert reverse("evidence_admin:index") in admin_home
    assert index.status_code == 200
    assert reverse("evidence_admin:report", args=[template.pk]) in index.content.decode()
    assert client.get(report_url(template)).status_code == 200


def test_recompute_now_asks_for_the_evidence_and_comes_back(editor_client):
    template = SHAPES["suffolk"]().template
    PersonalisedAgreementFactory(template=template)

    response = editor_client.post(reverse("evidence_admin:recompute", args=[template.pk]))

    assert response.status_code == 302
    assert response["Location"] == report_url(template)
    # The test settings run tasks at once: the evidence task has run.
    assert EvidenceSnapshot.objects.get(template=template).agreement_count == 1
    assert (
        editor_client.get(reverse("evidence_admin:recompute", args=[template.pk])).status_code
        == 405
    )


# ---------------------------------------------------------------------------- suppression


def test_each_section_shows_rounded_figures_and_fewer_than_5_in_tables_and_csv(
    editor_client, template
):
    section = first_section(template)
    # A list item, or else the block's own text field, counted by its name.
    item = first_item_id(section["value"]) or "heading"
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 33)
    count(snapshot, Measure.KEPT, 23, section["id"])
    count(snapshot, Measure.REWORDED, 3, section["id"])
    count(snapshot, Measure.REMOVED, 7, section["id"])
    count(snapshot, Measure.KEPT, 1, section["id"], item)
    count(snapshot, Measure.REMOVED, 12, section["id"], item)

    response = editor_client.get(report_url(template))

    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True).lower()
    assert "kept in 25, reworded in fewer than 5, removed in 5 of 35 agreements" in text
    for raw in ("23", "33", "12"):
        assert raw not in page_figures(response.content.decode())
    rows = csv_rows(editor_client, template)
    assert_only_suppressed_figures(rows)
    shown = figures(rows)
    heading = next(row[0] for row in rows[1:] if row[3] == "kept as written" and row[2] == "")
    assert shown[(heading, "", "", "kept as written")] == "25"
    assert shown[(heading, "", "", "reworded")] == FEWER
    assert shown[(heading, "", "", "agreements with this section")] == "35"
    assert [row[4] for row in rows if row[2] and row[3] == "removed"] == ["10"]
    assert [row[4] for row in rows if row[2] and row[3] == "kept as written"] == [FEWER]


def test_all_minus_welsh_never_reveals_the_english_few(editor_client, template):
    """Three English agreements kept the section; nine Welsh ones did. "All" and "Welsh" are
    both shown as 10: their difference says nothing of the three."""
    section = first_section(template)
    snapshot = snapshot_for(template)
    for language, kept, agreements in (("en-gb", 3, 3), ("cy", 9, 9)):
        count(snapshot, Measure.AGREEMENTS, agreements, language=language)
        count(snapshot, Measure.KEPT, kept, section["id"], language=language)

    every = figures(csv_rows(editor_client, template))
    welsh = figures(csv_rows(editor_client, template, language="cy"))
    english = figures(csv_rows(editor_client, template, language="en-gb"))

    for place, figure in every.items():
        if figure != FEWER and welsh.get(place, FEWER) != FEWER:
            assert (int(figure) - int(welsh[place])) % 5 == 0
    kept = next(place for place in every if place[3] == "kept as written" and not place[2])
    assert (every[kept], welsh[kept], english[kept]) == ("10", "10", FEWER)
    page = editor_client.get(report_url(template, language="en-gb")).content.decode()
    assert "3" not in page_figures(page)


def test_months_snap_to_whole_months_and_a_bad_range_is_refused_at_the_field(
    editor_client, template
):
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 20, month=JANUARY)
    count(snapshot, Measure.AGREEMENTS, 10, month=MARCH)
    whole = ("Whole template", "", "", "agreements")

    assert figures(csv_rows(editor_client, template))[whole] == "30"
    assert figures(csv_rows(editor_client, template, from_month="2026-02"))[whole] == "10"
    assert figures(csv_rows(editor_client, template, to_month="2026-02"))[whole] == "20"

    response = editor_client.get(report_url(template, from_month="2026-03", to_month="2026-01"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert "The last month comes before the first." in soup.get_text()
    response = editor_client.get(report_url(template, from_month="March"))
    assert "Give a month as year and month" in response.content.decode()


def test_a_version_filter_shows_that_versions_figures_only(editor_client, template):
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 15, version=1)
    count(snapshot, Measure.AGREEMENTS, 40, version=2)
    whole = ("Whole template", "", "", "agreements")

    assert figures(csv_rows(editor_client, template, version=1))[whole] == "15"


def test_practitioners_words_appear_only_as_stored_wordings(editor_client, template):
    """The report reads only counts and the wordings evidence kept (above both thresholds):
    nothing of an agreement, whatever it says."""
    section = first_section(template)
    agreement = PersonalisedAgreementFactory(
        template=template, details=PersonDetailsFactory(person_name="Quentin Secretperson")
    )
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 12)
    count(snapshot, Measure.ADDED, 6, section["id"])
    EvidenceWording.objects.create(
        snapshot=snapshot, block_id=section["id"], text="meet every month", agreement_count=7
    )

    page = editor_client.get(report_url(template)).content.decode()
    exported = editor_client.get(reverse("evidence_admin:csv", args=[template.pk])).content.decode()

    for shown in (page, exported):
        assert "meet every month" in shown
        assert "Quentin Secretperson" not in shown
        assert agreement.owner.last_name not in shown
    assert next(
        row[2:] for row in csv.reader(io.StringIO(exported)) if row[3] == "wording added"
    ) == ["meet every month", "wording added", "5"]


def test_the_csv_makes_every_cell_inert(editor_client):
    template = SHAPES["isf"]().template
    snapshot = snapshot_for(template)
    count(snapshot, Measure.AGREEMENTS, 10)
    EvidenceWording.objects.create(
        snapshot=snapshot, block_id="", text="=hyperlink(1)", agreement_count=5
    )

    exported = editor_client.get(reverse("evidence_admin:csv", args=[template.pk])).content.decode()

    assert "'=hyperlink(1)" in exported


def test_the_charts_are_svg_with_no_style_attributes_and_the_table_has_the_numbers(
    editor_client,
):
    template = SHAPES["direct_payment"]().template
    section = first_section(template)
    snapshot = snapshot_for(template)
    count(snapshot, Measure.KEPT, 20, section["id"])
    count(snapshot, Measure.AGREED_WITHIN_30_DAYS, 9)

    soup = BeautifulSoup(editor_client.get(report_url(template)).content, "html.parser")

    charts = soup.select("main svg[role=img]")
    assert len(charts) == 2
    for chart in charts:
        assert chart.find("title").get_text(strip=True)
        assert not chart.find_all(style=True)
        assert not soup.select("main script")
    bars = [rect for rect in charts[1].find_all("rect") if rect.find("title")]
    assert [bar.find("title").get_text() for bar in bars] == ["kept as written: 20"]
    assert "Agreed within 30 days" in soup.get_text()


# -------------------------------------------------------------------------- page editor


def test_the_page_editor_shows_each_sections_line(editor_client, template):
    section = first_section(template)
    snapshot = snapshot_for(template)
    count(snapshot, Measure.KEPT, 20, section["id"])
    count(snapshot, Measure.REWORDED, 10, section["id"])
    count(snapshot, Measure.REMOVED, 5, section["id"])

    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[template.pk]))

    text = BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)
    assert "kept in 20, reworded in 10, removed in 5 of 35 agreements" in text
    assert reverse("evidence_admin:report", args=[template.pk]) in page.content.decode()


# ------------------------------------------------------------------------------- queries


def _fill(template: TemplatePage, months: int, languages: list[str]) -> None:
    snapshot = snapshot_for(template)
    sections = [
        raw for raw in template.body.raw_data if raw["type"] not in ("how_to_use", "parties")
    ]
    rows = []
    for month in range(1, months + 1):
        for language in languages:
            where = {"month": date(2025, month, 1), "language": language}
            rows.append((Measure.AGREEMENTS, "", "", where))
            for section in sections:
                item = first_item_id(section["value"])
                for measure in (Measure.KEPT, Measure.REWORDED, Measure.REMOVED):
                    rows.append((measure, section["id"], "", where))
                    rows.append((measure, section["id"], item or "heading", where))
    EvidenceCount.objects.bulk_create(
        EvidenceCount(
            snapshot=snapshot,
            version=1,
            month=where["month"],
            language=where["language"],
            block_id=block_id,
            item_id=item_id,
            measure=measure,
            count=7,
        )
        for measure, block_id, item_id, where in rows
    )


def test_the_report_renders_in_the_same_number_of_queries_with_few_or_many_counts(
    editor_client, django_assert_num_queries
):
    few, many = SHAPES["isf"]().template, SHAPES["suffolk"]().template
    _fill(few, months=1, languages=["en-gb"])
    _fill(many, months=12, languages=["en-gb", "cy", "pl", "ur"])
    assert EvidenceCount.objects.filter(snapshot__template=many).count() > 20 * (
        EvidenceCount.objects.filter(snapshot__template=few).count()
    )
    editor_client.get(report_url(few))  # the session and the admin's menus, once
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(report_url(few)).status_code == 200

    with django_assert_num_queries(len(queries)):
        assert editor_client.get(report_url(many)).status_code == 200

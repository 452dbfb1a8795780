"""A database made at today's main (a53b0d0), migrated forward by this code, still holds every
table, row, page, revision, audit log entry and content type, and each reads the same.

The fixture (tests/migration_fixture/, made by its build.py with a53b0d0's own code) is the
database file and a record of what it read as then; this test migrates a copy in a separate
process running this checkout, records it again the same way, and compares. Models that moved
between apps keep their tables and their content type rows (relabelled, same ids), so the only
differences allowed are those labels, and the content changes that data migrations are there to
make, each applied to the record of before by the same functions (see ``expected_content``).
"""

import copy
import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from agreements import content_upgrades
from tests.migration_fixture import tree

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "migration_fixture"

#: Content types whose model moved to another app (or was renamed): old label -> new label.
MOVED = {
    "agreements.pageversion": "versioning.pageversion",
    "agreements.personalisedagreement": "personalised.personalisedagreement",
    "agreements.partyagreement": "personalised.partyconsent",
    "agreements.agreementshare": "personalised.agreementshare",
}


def migrate_and_record(database_url: str, out: Path) -> dict:
    argv, env = tree.command(ROOT, FIXTURE / "record.py", str(out), "--migrate")
    env = {
        **os.environ,
        **env,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "site.settings.dev",
    }
    subprocess.run(argv, cwd=ROOT, env=env, check=True, timeout=600)  # noqa: S603 our own script
    return json.loads(out.read_text())


def _bodies_parsed(record: dict) -> None:
    """Template pages', agreements' and their revisions' bodies as data, not JSON text, so that
    a body a migration rewrote compares by what it holds."""

    def parse(fields: dict) -> None:
        if isinstance(fields.get("body"), str):
            fields["body"] = json.loads(fields["body"])

    for page in record["pages"]:
        if page["model"] == "TemplatePage":
            parse(page)
    for revision in record["revisions"]:
        if revision["model"] in ("TemplatePage", "PersonalisedAgreement"):
            parse(revision["content"])
            parse(revision["reads_as"])
    for rows in record["rows_by_content_type"].values():
        for row in rows:
            if _is_agreement(row):
                parse(row)


def _is_agreement(row: dict) -> bool:
    return "body" in row and "language" in row and "person_name" in row


def expected_content(before: dict, locales: dict) -> int:
    """What the data migrations of issue 12 change, applied to the record of before: each
    signatories block's words (in its page's or agreement's language) and the Suffolk
    agreement's restored clause numbers (agreements.content_upgrades). Returns how many Suffolk
    bodies (pages and revisions) were restructured."""
    languages = {str(pk): code for pk, code in locales.items()}
    page_revisions = [rev for rev in before["revisions"] if rev["model"] == "TemplatePage"]
    # A page's record holds its own fields only: its locale and translation group are read from
    # its revisions, or, for an alias (which has none), from its place in its language's tree
    # ("/home-cy/...") and its slug, which the pages of one group share here.
    keys_by_slug = {
        rev["content"]["slug"]: rev["content"]["translation_key"] for rev in page_revisions
    }

    def page_place(page: dict) -> tuple[str, str]:
        root, *_rest, slug = page["url_path"].strip("/").split("/")
        language = root.removeprefix("home-") if root.startswith("home-") else "en-gb"
        return language, keys_by_slug[slug]

    template_pages = [page for page in before["pages"] if page["model"] == "TemplatePage"]
    signatures = {}
    for page in template_pages:
        found = content_upgrades.suffolk_signature(page["body"])
        if found:
            signatures.setdefault(page_place(page)[1], found)
    restructured = 0

    def upgrade_template(body: list, language: str, key: str) -> None:
        nonlocal restructured
        content_upgrades.add_signatory_words(body, language)
        restructured += content_upgrades.restructure_suffolk(body, signatures.get(key), str(key))

    for page in template_pages:
        upgrade_template(page["body"], *page_place(page))
    for revision in before["revisions"]:
        content, reads_as = revision["content"], revision["reads_as"]
        if revision["model"] == "TemplatePage":
            language = languages[str(content["locale"])]
            upgrade_template(reads_as["body"], language, content["translation_key"])
        elif revision["model"] == "PersonalisedAgreement":
            content_upgrades.add_signatory_words(reads_as["body"], content["language"])
        else:
            continue
        content["body"] = reads_as["body"]
    for rows in before["rows_by_content_type"].values():
        for row in rows:
            if _is_agreement(row):
                content_upgrades.add_signatory_words(row["body"], row["language"])
    return restructured


def without_blank_fields(after: dict) -> dict:
    """The record without the fields blanks added (issue 12), checked first: a template that
    writes _____ declares the person's-name blank (pages and revisions), nothing else does, and
    no agreement has a blank filled in or declared."""
    after = copy.deepcopy(after)
    for page in after["pages"]:
        if page["model"] == "TemplatePage":
            declared = json.loads(page.pop("blanks") or "[]")
            writes_it = "_____" in page["body"] or "_____" in (page["intro"] or "")
            assert [item["value"]["key"] for item in declared] == (["name"] if writes_it else [])
    for revision in after["revisions"]:
        if revision["model"] == "TemplatePage":
            revision["content"].pop("blanks", None)  # as its page: checked above
            revision["reads_as"].pop("blanks")
        elif revision["model"] == "PersonalisedAgreement":
            reads_as = revision["reads_as"]
            assert (reads_as.pop("blanks"), reads_as.pop("blank_declarations")) == ({}, [])
    for rows in after["rows_by_content_type"].values():
        for row in rows:
            if "blank_declarations" in row:
                assert (row.pop("blanks"), row.pop("blank_declarations")) == ({}, [])
    return after


#: Fields issues 13 and 15 added to templates, guidance and versions, empty or defaulted on
#: existing content: what each is, checked in without_new_fields.
PAGE_FIELDS_OF_ISSUES_13_AND_15 = ("intro_easy_read", "change_kind", "last_updated_at")
CONSENT_FIELDS_OF_ISSUE_13 = ("member", "method", "supported_by", "agreed_at", "content_hash")


def _without_easy_read(value):
    """A body (parsed or as stored) without the optional easy-read fields blocks gained."""
    if isinstance(value, str) and value.startswith("[") and "easy_read" in value:
        return json.dumps(_without_easy_read(json.loads(value)))
    if isinstance(value, dict):
        return {
            key: _without_easy_read(item)
            for key, item in value.items()
            if not key.startswith("easy_read")
        }
    if isinstance(value, list):
        return [_without_easy_read(item) for item in value]
    return value


def without_new_fields(after: dict) -> dict:
    """The record without what issues 13 and 15 added: easy-read fields (empty on existing
    content), a version's kind of change (major), the last updated date (the page's last
    major version's), and a consent's member and how it was given. Each party's consent was
    given to each of its members: only the first copy of each is compared."""
    after = copy.deepcopy(after)
    for page in after["pages"]:
        for name in PAGE_FIELDS_OF_ISSUES_13_AND_15:
            value = page.pop(name, None)
            if name == "intro_easy_read":
                assert _parsed(value) in (None, "", []), value
        if "body" in page:
            page["body"] = _without_easy_read(page["body"])
    for revision in after["revisions"]:
        for data in (revision["content"], revision["reads_as"]):
            for name in PAGE_FIELDS_OF_ISSUES_13_AND_15:
                data.pop(name, None)
            if "body" in data:
                data["body"] = _without_easy_read(data["body"])
    for content_type, rows in after["rows_by_content_type"].items():
        name = after["content_types"].get(content_type)
        if name == "versioning.pageversion":
            for row in rows:
                assert row.pop("change_kind") == "major"
        elif name == "personalised.partyconsent":
            seen, first = set(), []
            for row in rows:
                assert row["method"] == "recorded" and row["member"] is not None
                for field in CONSENT_FIELDS_OF_ISSUE_13:
                    row.pop(field)
                key = (row["agreement"], row["party"], row["revision"])
                if key not in seen:
                    seen.add(key)
                    first.append(row)
            rows[:] = first
    return after


def _parsed(value):
    return json.loads(value) if isinstance(value, str) else value


def _without_party_keys(body):
    """A template body as stored before its prompt columns were linked to declared parties."""
    body = _parsed(body)
    for block in body or []:
        if block.get("type") == "area":
            for column in block["value"]["party_prompts"]:
                column["value"].pop("party_key", None)
    return body


def _template_as_before_parties(data: dict) -> None:
    """Issue 12 (declared parties): a template gained ``parties``, declared for the seed shapes,
    and its areas' columns a ``party_key``; nothing else of it changes."""
    if "body" in data:
        data["body"] = _without_party_keys(data["body"])
    data.pop("parties", None)


def _agreement_as_before_parties(data: dict) -> None:
    """Issue 12: an agreement's local authority, provider and family members became its
    ``parties``, word for word (the person first in theirs); read back as the old fields."""
    if "parties" not in data:
        return
    parties = {party["key"]: party["names"] for party in _parsed(data.pop("parties"))}
    data.pop("party_count", None)
    data["local_authority"] = (parties.get("local-authority") or [""])[0]
    data["provider"] = (parties.get("provider") or [""])[0]
    data["family_members"] = "\n".join((parties.get("person") or [""])[1:])
    if "body" in data:
        # Its areas' columns linked as its template's are.
        data["body"] = _without_party_keys(data["body"])


def as_before_issue_12(record: dict, after: bool) -> dict:
    """The record with what issue 12's data migrations changed turned back, so that everything
    else is compared exactly (and the parties' names prove no word was lost)."""
    record = json.loads(json.dumps(record))
    for page in record["pages"]:
        if page["model"] == "TemplatePage":
            if after:
                _template_as_before_parties(page)
            else:
                page["body"] = _parsed(page["body"])
    for revision in record["revisions"]:
        for data in (revision["content"], revision["reads_as"]):
            if revision["model"] == "TemplatePage":
                if after:
                    _template_as_before_parties(data)
                elif "body" in data:
                    data["body"] = _parsed(data["body"])
            elif revision["model"] == "PersonalisedAgreement":
                if after:
                    _agreement_as_before_parties(data)
                elif "body" in data:
                    data["body"] = _parsed(data["body"])
    for content_type, rows in record["rows_by_content_type"].items():
        if MOVED.get(
            record["content_types"].get(content_type), record["content_types"].get(content_type)
        ) in {"personalised.personalisedagreement"}:
            for row in rows:
                if after:
                    _agreement_as_before_parties(row)
                elif "body" in row:
                    row["body"] = _parsed(row["body"])
    return record


def assert_parties_declared(after: dict) -> None:
    """The seed templates declare their parties; every agreement has its three."""
    declared = [
        _parsed(page["parties"])
        for page in after["pages"]
        if page["model"] == "TemplatePage" and page.get("parties")
    ]
    assert {3, 8} <= {len(parties) for parties in declared}, declared
    agreements = [
        row
        for content_type, rows in after["rows_by_content_type"].items()
        if after["content_types"].get(content_type) == "personalised.personalisedagreement"
        for row in rows
    ]
    assert agreements and all(row["party_count"] == 3 for row in agreements)


def _people_names(after: dict) -> int:
    """How many names the agreements' parties of people hold: each became a party member."""
    return sum(
        len(party["names"])
        for content_type, rows in after["rows_by_content_type"].items()
        if after["content_types"].get(content_type) == "personalised.personalisedagreement"
        for row in rows
        for party in _parsed(row["parties"])
        if party["kind"] == "people"
    )


def assert_reads_the_same(before: dict, after: dict) -> None:
    assert_parties_declared(after)
    names = _people_names(after)
    after = without_blank_fields(without_new_fields(after))
    before, after = as_before_issue_12(before, False), as_before_issue_12(after, True)
    _bodies_parsed(before)
    _bodies_parsed(after)
    # The Suffolk page in all four languages, and its revision: the migration has work to do.
    assert expected_content(before, after["locales"]) == 5
    # Every content type keeps its id (moved models relabelled in place); models added since
    # main (background tasks, party members, for example) bring content types of their own,
    # with new ids, and none of main's models is made again under a new one.
    kept = {pk: MOVED.get(name, name) for pk, name in before["content_types"].items()}
    assert {pk: name for pk, name in after["content_types"].items() if pk in kept} == kept
    added = {name for pk, name in after["content_types"].items() if pk not in kept}
    assert not added & set(kept.values()), added
    counts = dict(after["row_counts"])
    # The new migrations, and the new apps' content types and permissions, are all that is added.
    for table in ("django_migrations", "django_content_type", "auth_permission"):
        assert counts.pop(table) >= before["row_counts"][table]
    new_tables = {
        table: rows for table, rows in counts.items() if table not in before["row_counts"]
    }
    # But party members: each name in a party of people became one, and so did whoever agreed
    # for an organisation (personalised 0011; test_members_migration.py checks each row).
    # A party's consent became each of its members' (copied for all but the first).
    members = counts.pop("personalised_partymember")
    new_tables.pop("personalised_partymember")
    assert all(rows == 0 for rows in new_tables.values()), new_tables
    assert members >= names > 0
    consents = "agreements_partyagreement"
    assert counts.pop(consents) >= before["row_counts"][consents] > 0
    unchanged = ("django_migrations", "django_content_type", "auth_permission", consents)
    assert {k: v for k, v in counts.items() if k not in new_tables} == {
        k: v for k, v in before["row_counts"].items() if k not in unchanged
    }
    for part in ("pages", "revisions", "page_log", "model_log", "rows_by_content_type"):
        assert after[part] == before[part], part
    # And the fixture is not empty: the test has something to compare.
    assert len(before["pages"]) > 20
    assert {revision["model"] for revision in before["revisions"]} >= {
        "PersonalisedAgreement",
        "TemplatePage",
    }
    assert len(before["model_log"]) > 20


# A SQLite file of its own, migrated in another process, whichever database the suite runs on.
@pytest.mark.one_database
def test_a_sqlite_database_made_at_main_migrates_forward_and_reads_the_same(tmp_path):
    database = tmp_path / "main.sqlite3"
    with gzip.open(FIXTURE / "main.sqlite3.gz") as packed, database.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    with gzip.open(FIXTURE / "main.sqlite3.json.gz") as record:
        before = json.load(record)

    after = migrate_and_record(f"sqlite:///{database}", tmp_path / "after.json")

    assert_reads_the_same(before, after)


POSTGRES_URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(
    not POSTGRES_URL.startswith("postgres"), reason="runs when the suite runs on PostgreSQL"
)
def test_a_postgresql_database_made_at_main_migrates_forward_and_reads_the_same(tmp_path):
    # A database of its own beside the suite's, named after the one DATABASE_URL names.
    url = urlsplit(POSTGRES_URL)
    name = f"{url.path.lstrip('/') or 'postgres'}_old"
    old_url = urlunsplit(url._replace(path=f"/{name}"))
    # Made and dropped from the server's maintenance database, as Django makes its test database.
    maintenance_url = urlunsplit(url._replace(path="/postgres"))
    dump = tmp_path / "main.sql"
    with gzip.open(FIXTURE / "main.postgresql.sql.gz") as packed, dump.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    with gzip.open(FIXTURE / "main.postgresql.json.gz") as record:
        before = json.load(record)

    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run(  # noqa: S603 our own fixture
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", old_url, "-f", str(dump)],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=300,
        )
        after = migrate_and_record(old_url, tmp_path / "after.json")
    finally:
        with psycopg.connect(maintenance_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert_reads_the_same(before, after)

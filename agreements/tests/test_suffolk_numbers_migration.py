"""The data migration that gives signatories their words and the Suffolk agreement its own
clause numbers: the old body becomes the new seed's, every other word of the page renders
byte for byte as before, in every language, and pages that do not match are left alone.

``suffolk_before_issue_12/`` holds the Suffolk page's stored body as it was published before
this change, and its body rendered then (main at the time, in each language).
"""

import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale, Revision

from agreements import content_upgrades
from agreements.block_ids import with_block_ids
from agreements.blocks import TemplateBodyBlock
from agreements.factories import TemplatePageFactory, clause, paragraph
from agreements.models import TemplateIndexPage, TemplatePage
from agreements.numbering import Numbering
from agreements.seed_content import partnering

BEFORE = Path(__file__).parent / "suffolk_before_issue_12"
LANGUAGES = ("en-gb", "cy", "pl", "ur")
_BODY = Template(
    "{% load wagtailcore_tags %}"
    "{% for block in body %}{% include_block block with block_id=block.id %}{% endfor %}"
)
# Where the rendered body carries clause numbers; these are compared by the numbering tests.
_NUMBERS = [
    (re.compile(r'clause-\d+(?=["-])'), "clause-#"),
    (re.compile(r'(<span class="clause__number">)\d+(</span>)'), r"\1#\2"),
    (re.compile(r'(<span class="sub-clause__number">)\d+(\.\d+</span>)'), r"\1#\2"),
    (re.compile(r'(<a href="#clause-termination">[^<\d]*)\d+'), r"\1#"),
]
_GAP = re.compile(r'<p class="clause-gap">[^<]*</p>')


def old_body() -> list:
    return json.loads((BEFORE / "body.json").read_text(encoding="utf-8"))


def upgraded(raw: list, language: str = "en-gb") -> list:
    signature = content_upgrades.suffolk_signature(raw)
    content_upgrades.add_signatory_words(raw, language)
    content_upgrades.restructure_suffolk(raw, signature, "suffolk")
    return raw


def render(raw: list, language: str) -> str:
    value = TemplateBodyBlock().to_python(raw)
    with translation.override(language):
        return _BODY.render(
            Context({"body": value, "numbering": Numbering(value), "agreement": None})
        )


def without_numbers(html: str) -> str:
    for pattern, replacement in _NUMBERS:
        html = pattern.sub(replacement, html)
    return html


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def restructured_as_expected(old_html: str) -> str:
    """The old rendering with exactly the restructuring the issue decided, and nothing else:
    "Commissioning of Services" a sub-heading at the end of clause 4, "Aims and Objectives" a
    clause after the heading-only "Operational Conduct"."""
    section_start = '<section class="clause" id="clause-#" aria-labelledby="clause-#-heading">\n'
    commissioning_start = old_html.index(
        section_start
        + '    <h2 id="clause-#-heading" class="clause__heading"><span class="clause__number">#'
        "</span> Commissioning of Services</h2>"
    )
    commissioning_end = old_html.index("</section>\n\n", commissioning_start) + len(
        "</section>\n\n"
    )
    commissioning = old_html[commissioning_start:commissioning_end]
    policy = re.search(r"<p>It is the policy.*?</p>\n", commissioning).group(0)
    html = old_html[:commissioning_start] + old_html[commissioning_end:]
    provider_paragraph = re.search(r"<p>The Provider Partner is responsible.*?</p>\n", html)
    html = replace_once(
        html,
        provider_paragraph.group(0),
        provider_paragraph.group(0)
        + '<h3 class="clause__subheading">Commissioning of Services</h3>\n'
        + policy,
    )
    return replace_once(
        html,
        "Operational Conduct</h2>\n"
        '    <div class="clause__content">\n'
        '        <h3 class="clause__subheading">Aims and Objectives</h3>\n'
        "<p>The Operational",
        "Operational Conduct</h2>\n"
        '    <div class="clause__content">\n'
        "        \n"
        "    </div>\n"
        "</section>\n\n"
        + section_start
        + '    <h2 id="clause-#-heading" class="clause__heading"><span class="clause__number">#'
        "</span> Aims and Objectives</h2>\n"
        '    <div class="clause__content">\n'
        "        <p>The Operational",
    )


def test_the_migration_turns_the_old_body_into_the_new_seed():
    def comparable(node):
        # Block ids aside (the seed's are derived from positions; the migration keeps the old
        # ones), and fields left empty, which the seed's blocks write out and old data lacks
        # (an easy read with no lines among them: its "draft" box starts ticked).
        if isinstance(node, dict):
            return {
                key: comparable(value)
                for key, value in node.items()
                if key != "id"
                and value not in (None, "", False)
                and not (key == "easy_read" and not value.get("lines"))
            }
        if isinstance(node, list):
            return [comparable(item) for item in node]
        return node

    seed = with_block_ids(partnering.SLUG, TemplateBodyBlock(), partnering.body())

    assert comparable(upgraded(old_body())) == comparable(seed)


def test_the_migration_keeps_every_block_id_and_adds_two():
    def ids(node) -> set[str]:
        found = set()
        if isinstance(node, dict):
            if "type" in node and node.get("id"):
                found.add(node["id"])
            for child in node.values():
                found |= ids(child)
        elif isinstance(node, list):
            for child in node:
                found |= ids(child)
        return found

    old = old_body()
    aims_subheading = next(
        block for block in old if block["value"].get("heading") == "Operational Conduct"
    )["value"]["content"][0]["id"]
    commissioning = next(
        block for block in old if block["value"].get("heading") == "Commissioning of Services"
    )["id"]

    new_ids = ids(upgraded(old_body()))

    assert ids(old) - new_ids == {aims_subheading, commissioning}
    assert len(new_ids - ids(old)) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_other_word_renders_byte_identical_apart_from_the_restored_numbers(language):
    old_html = (BEFORE / f"body-{language}.html").read_text(encoding="utf-8")

    new_html = render(upgraded(old_body(), language), language)

    assert len(_GAP.findall(new_html)) == 1  # before the Signatories (the gap for 17)
    assert without_numbers(_GAP.sub("", new_html)) == restructured_as_expected(
        without_numbers(old_html)
    )


def test_the_restored_numbers_are_the_sources():
    html = render(upgraded(old_body()), "en-gb")

    assert (
        'subject to the provision of <a href="#clause-termination">clause 8 (Termination)' in html
    )
    for number, heading in [
        (8, "Termination of the Partnering Agreement"),
        (12, "Operational Conduct"),
        (13, "Aims and Objectives"),
        (14, "Communication"),
        (15, "Documentation"),
        (16, "Funding"),
        (18, "Signatories"),
    ]:
        assert f'<span class="clause__number">{number}</span> {heading}</h2>' in html
    assert '<p class="clause-gap">Clause 17 is not in this document.</p><section' in html
    assert '<span class="sub-clause__number">18.8</span>' in html


def test_a_body_that_is_not_the_suffolk_agreement_as_it_was_is_left_alone():
    edited = old_body()
    edited.insert(5, clause("Notices", paragraph("In writing.")))
    # An editor's added clause: the numbers the migration would fix no longer fit.
    before = json.dumps(edited)

    assert content_upgrades.suffolk_signature(edited) is None
    assert not content_upgrades.restructure_suffolk(edited, None, "suffolk")
    assert json.dumps(edited) == before


# The migration on the database -----------------------------------------------------------------


def run_migration() -> None:
    migration = importlib.import_module(
        "agreements.migrations.0019_signatory_words_and_suffolk_numbers"
    )
    migration.upgrade(apps, None)


def stored_body(page: TemplatePage) -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM agreements_templatepage WHERE page_ptr_id = %s", [page.pk])
        return json.loads(cursor.fetchone()[0])


def store_body(page: TemplatePage, raw: list) -> None:
    """As the page was stored before this change (no new fields), live and in its revision."""
    TemplatePage.objects.filter(pk=page.pk).update(body=json.dumps(raw))
    revision = page.get_latest_revision()
    revision.content["body"] = json.dumps(raw)
    revision.save(update_fields=["content"])


def headings(raw: list) -> list[str]:
    return [block["value"].get("heading") for block in raw if block["type"] != "parties"]


def welsh(raw: list) -> list:
    """The body as a translator left it: every heading and sub-heading in "Welsh", same ids."""
    for block in raw:
        value = block["value"]
        if value.get("heading"):
            value["heading"] = f"[cy] {value['heading']}"
        for item in value.get("content") or []:
            if item["type"] == "subheading":
                item["value"] = f"[cy] {item['value']}"
    return raw


@pytest.mark.django_db
def test_the_migration_restructures_every_locale_and_revision_by_block_id(every_language):
    index = TemplateIndexPage.objects.get(locale__language_code="en-gb")
    page = TemplatePageFactory(parent=index, slug="suffolk-2005", body=[])
    page.save_revision().publish()
    store_body(page, old_body())
    welsh_page = page.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh_page.save_revision()
    store_body(welsh_page, welsh(old_body()))
    other = TemplatePageFactory(
        parent=index, slug="other", body=[clause("Commissioning of Services", paragraph("a"))]
    )
    other.save_revision().publish()
    other_before = stored_body(other)

    run_migration()

    english, cymraeg = stored_body(page), stored_body(welsh_page)
    assert headings(english)[3:6] == [
        "Obligations and Responsibilities of Partners",
        "Monitoring and Liaison",
        "Performance Indicators",
    ]
    assert headings(english)[11:14] == [
        "Operational Conduct",
        "Aims and Objectives",
        "Communication",
    ]
    # The Welsh page is found by its block ids; its own words move with the blocks.
    assert headings(cymraeg)[11:13] == ["[cy] Operational Conduct", "[cy] Aims and Objectives"]
    obligations = cymraeg[4]["value"]["content"]
    assert obligations[-2]["value"] == "[cy] Commissioning of Services"
    assert obligations[-1]["value"].startswith("It is the policy")
    # New blocks have the same ids in both languages, so the translation stays matched.
    assert [block["id"] for block in english] == [block["id"] for block in cymraeg]
    assert english[4]["value"]["content"][-2]["id"] == obligations[-2]["id"]
    signatories = english[-2]["value"]
    assert (signatories["numbered"], signatories["number"]) == (True, 18)
    assert signatories["signatories"][0]["value"]["wording"] == "Signed on behalf of"
    assert cymraeg[-2]["value"]["signatories"][0]["value"]["wording"] == "Llofnodwyd ar ran"
    for revised in (page, welsh_page):
        # Read again: the page holds the revision it loaded before the migration.
        revision = Revision.objects.get(pk=revised.get_latest_revision().pk)
        assert json.loads(revision.content["body"]) == stored_body(revised)
    assert stored_body(other) == other_before

    run_migration()  # again: nothing left to change

    assert stored_body(page) == english
    assert stored_body(welsh_page) == cymraeg


@pytest.mark.django_db
def test_the_migration_is_safe_on_a_database_without_the_seed_pages():
    assert not TemplatePage.objects.exists()

    run_migration()

    assert not TemplatePage.objects.exists()

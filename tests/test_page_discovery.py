"""The page checks (axe, keyboard, Nu Html Checker) find every page by themselves, and no route
can be added without being checked or excluded with a reason."""

import pytest
from django.conf import settings
from django.urls import path

from tests import pages

pytestmark = [pytest.mark.django_db, pytest.mark.one_database]


def paths(found: list[pages.CheckedPage]) -> set[str]:
    return {page.path for page in found}


def test_discovery_finds_public_pages_their_versions_and_parameterless_routes(checked_site):
    public = paths(pages.public_pages(pages.Client()))

    assert {
        "/",
        "/templates/",
        "/templates/isf-partnership-agreement/",
        "/templates/isf-partnership-agreement/versions/",
        "/templates/isf-partnership-agreement/versions/1/",
        "/templates/isf-partnership-agreement/versions/1/compare/2/",
        "/templates/suffolk-partnering-agreement/versions/1/compare/1/",
        "/guidance/how-to-use-the-isf-partnership-agreement/versions/",
        "/accounts/sign-in/",
        pages.NOT_FOUND.path,
    } <= public
    assert not {path for path in public if path.startswith(("/admin/", "/feedback/"))}


def test_pages_that_need_sign_in_are_checked_signed_in(checked_site, practitioner):
    signed_in = pages.signed_in_pages(practitioner)

    assert all(page.signed_in for page in signed_in)
    assert "/feedback/" in paths(signed_in)
    assert f"/feedback/new/?page={checked_site.pk}" in paths(signed_in)
    # Leave feedback needs a page to be about: its bare URL is a 404, so it is not checked bare.
    assert "/feedback/new/" not in paths(signed_in)


def test_every_route_is_checked_or_excluded_with_a_reason(checked_site, practitioner):
    assert pages.unchecked_routes(pages.all_pages(practitioner)) == []


def test_discovery_finds_every_page_in_every_language(checked_site_in_every_language, practitioner):
    found = pages.all_pages(practitioner)
    checked = paths(found)
    agreement = next(page for page in found if page.path.endswith("/print/"))

    for prefix in ("/cy", "/pl", "/ur"):
        assert {
            f"{prefix}/",
            f"{prefix}/templates/isf-partnership-agreement/",
            f"{prefix}/templates/isf-partnership-agreement/versions/1/compare/2/",
            f"{prefix}/guidance/how-to-use-the-isf-partnership-agreement/",
            f"{prefix}/accounts/sign-in/",
            f"{prefix}/feedback/",
            f"{prefix}/feedback/new/?page={checked_site_in_every_language.pk}",
            f"{prefix}{agreement.path}",
            f"{prefix}{pages.NOT_FOUND.path}",
        } <= checked
    urdu = [page for page in found if page.language == "ur"]
    assert len(urdu) == len(pages.source_language_pages(practitioner))
    assert all(page.signed_in for page in urdu if "/agreements/" in page.path)


def test_every_page_is_checked_in_every_language(checked_site_in_every_language, practitioner):
    assert pages.untranslated_pages(pages.all_pages(practitioner)) == []


def test_a_page_without_a_copy_in_a_language_is_reported(
    checked_site_in_every_language, practitioner
):
    from agreements.factories import TemplatePageFactory
    from agreements.models import TemplateIndexPage

    # Added outside the admin, after the trees were synchronised: no copies were made.
    index = TemplateIndexPage.objects.get(locale__language_code="en-gb")
    page = TemplatePageFactory(parent=index, slug="english-only", title="English only")
    page.save_revision().publish()

    problems = pages.untranslated_pages(pages.all_pages(practitioner))

    assert sorted(problem.split(":")[0] for problem in problems) == sorted(
        f"/templates/english-only/{suffix} is not checked in {language!r}"
        for language in ("cy", "pl", "ur")
        for suffix in (
            "",
            "easy-read/",
            "versions/",
            "versions/1/",
            "versions/1/compare/1/",
        )
    )


def test_a_new_route_that_nothing_checks_is_reported(checked_site, practitioner, settings):
    from site import urls as site_urls  # the project's site package (see projectpath.py)

    class URLConf:
        urlpatterns = [
            *site_urls.urlpatterns[:-1],
            path("reports/<int:year>/", lambda request, year: None, name="yearly_report"),
            site_urls.urlpatterns[-1],
        ]

    settings.ROOT_URLCONF = URLConf

    problems = pages.unchecked_routes(pages.all_pages(practitioner))

    assert len(problems) == 1
    assert problems[0].startswith("route 'yearly_report' (reports/<int:year>/) is not checked")


def test_a_new_routable_sub_route_without_arguments_is_reported(
    checked_site, practitioner, monkeypatch
):
    monkeypatch.delitem(pages.SUBPAGE_ARGUMENTS, "version")

    problems = pages.unchecked_routes(pages.all_pages(practitioner))

    assert sorted(problems) == [
        "GuidancePage sub-route 'version' is not checked: give it arguments in SUBPAGE_ARGUMENTS "
        "in tests/pages.py or add it to EXCLUDED_SUBPAGE_ROUTES with the reason it needs no check",
        "TemplatePage sub-route 'version' is not checked: give it arguments in SUBPAGE_ARGUMENTS "
        "in tests/pages.py or add it to EXCLUDED_SUBPAGE_ROUTES with the reason it needs no check",
    ]


def test_the_sample_has_every_source_page_and_each_kind_in_each_language_taking_turns(
    checked_site_in_every_language, practitioner
):
    found = pages.all_pages(practitioner)

    sample = pages.sampled_pages(found)

    source = settings.LANGUAGE_CODE
    assert [page for page in sample if page.language == source] == [
        page for page in found if page.language == source
    ]
    kinds = {(page.language, pages.page_kind(page)) for page in found}
    assert {(page.language, pages.page_kind(page)) for page in sample} == kinds
    assert len(sample) < len(found)
    # A block editor of each block type, and the agreement page with an Edit link beside each
    # open block, in every language.
    for language, _name in settings.LANGUAGES:
        in_language = [page for page in sample if page.language == language]
        editors = {
            page.kind for page in in_language if pages.page_kind(page)[0] == "agreements:edit_block"
        }
        assert editors >= {"clause", "definitions", "schedule_table"}, (language, editors)
        assert any(page.kind == "blocks open to practitioners" for page in in_language)

    # Where a kind has several pages, each language takes a different one.
    def source_path(page: pages.CheckedPage) -> str:
        return page.path.removeprefix(f"/{page.language}")

    several: dict[tuple, set[str]] = {}
    welsh = pages.other_languages()[0]
    for page in found:
        if page.language == welsh:
            several.setdefault(pages.page_kind(page), set()).add(source_path(page))
    several = {kind: paths for kind, paths in several.items() if len(paths) > 1}
    assert several, "no kind has several pages: nothing to take turns at"
    for kind, paths in several.items():
        chosen = {
            source_path(page)
            for page in sample
            if page.language != source and pages.page_kind(page) == kind
        }
        assert len(chosen) == min(len(paths), len(pages.other_languages())), (kind, chosen)


def test_the_keyboard_walk_has_one_page_of_each_kind(checked_site, practitioner):
    found = pages.source_language_pages(practitioner)

    walked = pages.one_page_of_each_kind(found)

    assert {pages.page_kind(page) for page in walked} == {pages.page_kind(p) for p in found}
    assert len(walked) == len({pages.page_kind(page) for page in walked}) < len(found)

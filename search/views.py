"""Search across the published templates and guidance, with Wagtail's search backend: one
result per matching area, clause or guidance block."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText, SearchQuery

from agreements.models import TemplatePage
from guidance.models import GuidancePage

from .matching import Match, find_matches, key_words
from .stems import word_forms

RESULTS_PER_PAGE = 10
#: Longer queries are cut: nobody types more, and the backend's work grows with the words.
MAX_QUERY_LENGTH = 200
#: Every page found is read to find its matching blocks (so results can be counted and paged);
#: a site has tens of templates and guidance pages, and this bounds the work if it had more.
MAX_PAGES_READ = 100


@dataclass(frozen=True)
class Result:
    page: Page
    match: Match | None

    @property
    def fragment(self) -> str:
        return f"#{self.match.anchor}" if self.match and self.match.anchor else ""


def searchable_pages(locale: Locale) -> models.QuerySet:
    """Published, public templates and guidance (never drafts, never personal data), each once:
    its copy in the reader's language, or the default language's where it has none there.

    Every language has a copy of each English page (an alias until translated), all holding
    the same words, so without this a reader would find each page once per language."""
    pages = Page.objects.live().public().type(TemplatePage, GuidancePage)
    default = Locale.get_default()
    if locale.pk == default.pk:
        return pages.filter(locale=locale)
    in_readers_language = pages.filter(locale=locale).values_list("translation_key", flat=True)
    return pages.filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=list(in_readers_language)))
    )


def backend_query(words: list[str]) -> SearchQuery:
    """The query for Wagtail's backend: every word, in any of its endings.

    Words only: quotes and operators mean something to the backends' query syntax (an
    unmatched quote is an error in SQLite's), and nothing to our readers. PostgreSQL stems
    English itself (``SEARCH_CONFIG``); SQLite's full text index holds whole words, so each
    word is asked for in the endings that ``search.stems`` takes back to the same stem."""
    if connection.vendor == "postgresql":
        return PlainText(" ".join(words), operator="and")
    return And([Or([PlainText(form) for form in word_forms(word)]) for word in words])


def find_results(query: str, locale: Locale) -> list[Result]:
    """A result for each matching block of each page found, the pages in the backend's order
    of relevance and each page's blocks in reading order; a page whose words are only in its
    title or introduction is one result linking to the page."""
    words = key_words(query)
    if not words:
        return []
    found_ids = [
        page.pk for page in searchable_pages(locale).search(backend_query(words))[:MAX_PAGES_READ]
    ]
    # Each page's live (published) content, its specific type read in one query per type.
    pages = {page.pk: page for page in Page.objects.filter(pk__in=found_ids).specific()}
    return [
        Result(pages[pk], match)
        for pk in found_ids
        for match in (find_matches(pages[pk], query) or [None])
    ]


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        results = find_results(query, Locale.get_active())
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query, "results_page": results_page},
    )

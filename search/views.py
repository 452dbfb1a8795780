"""Search across the published templates and guidance, with Wagtail's search backend."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Locale, Page

from agreements.models import TemplatePage
from guidance.models import GuidancePage

from .matching import Match, find_match, query_words

RESULTS_PER_PAGE = 10
#: Longer queries are cut: nobody types more, and the backend's work grows with the words.
MAX_QUERY_LENGTH = 200


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


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        # Words only: quotes and operators mean something to the backends' query syntax
        # (an unmatched quote is an error in SQLite's), and nothing to our readers.
        words = query_words(query)
        found = (
            searchable_pages(Locale.get_active()).search(" ".join(words), operator="and")
            if words
            else []
        )
        results_page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        # Only this page of results is read in full, each from its live (published) content.
        results_page.object_list = [
            Result(page, find_match(page, query))
            for page in (found_page.specific for found_page in results_page.object_list)
        ]
    return render(
        request,
        "search/search.html",
        {"query": query, "results_page": results_page},
    )

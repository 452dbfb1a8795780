"""The copies of an agreement as tagged, accessible PDF files (PDF/UA-1), written by WeasyPrint
from the same HTML documents as the print views.

Tagged means a screen reader (and a PDF's reflow) finds the document's structure: headings,
paragraphs, lists and tables, its language (from ``<html lang>``) and its title. WeasyPrint
lays the document out as print media, so the print stylesheets apply and the site's navigation
and the view's own tools are left out, as on paper.

The renderer reads nothing from the network: stylesheets and pictures are the site's own static
and media files, read from disk; any other address (one a practitioner typed, say) is refused.
"""

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from personalised.exports.easy_read import render_easy_read
from personalised.exports.formats import CopyFormat
from personalised.exports.large_print import render_large_print
from personalised.exports.print import render_print
from personalised.models import PersonalisedAgreement

CONTENT_TYPE = "application/pdf"
#: PDF/UA-1 (ISO 14289-1): a tagged PDF with its language, title and fonts embedded.
PDF_VARIANT = "pdf/ua-1"

#: Each copy that has a PDF, and the function that renders it as an HTML document.
RENDERERS: dict[str, Callable[[HttpRequest, PersonalisedAgreement], str]] = {
    CopyFormat.STANDARD: render_print,
    CopyFormat.LARGE_PRINT: render_large_print,
    CopyFormat.EASY_READ: render_easy_read,
}


def pdf_bytes(html: str, *, base_url: str, title: str | None = None) -> bytes:
    """An HTML document as a tagged PDF. ``base_url`` is the address the document's relative
    links are read against (the site's); ``title`` replaces the document's ``<title>`` as the
    PDF's title."""
    document = HTML(string=html, base_url=base_url, url_fetcher=_SiteFiles(base_url)).render(
        pdf_variant=PDF_VARIANT
    )
    if title is not None:
        document.metadata.title = title
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def pdf_for(request: HttpRequest, agreement: PersonalisedAgreement, copy_format: str) -> bytes:
    """One copy of the agreement (a ``CopyFormat`` value) as a tagged PDF. Http404 for a copy
    that has no PDF. The PDF's title is the agreement's, without the person's name, as the Word
    document's is: a file's properties travel further than its pages."""
    render = RENDERERS.get(copy_format)
    if render is None:
        raise Http404
    html = render(request, agreement)
    return pdf_bytes(html, base_url=request.build_absolute_uri("/"), title=agreement.title)


class _SiteFiles(URLFetcher):
    """Reads the site's static and media files from disk, and nothing else."""

    def __init__(self, base_url: str) -> None:
        super().__init__(allowed_protocols=())
        self.origin = urlsplit(base_url)[:2]

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = _local_file(url, self.origin)
        if path is None:
            raise ValueError("Only the site's own static and media files are read.")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": kind}, status=200
        )


def _local_file(url: str, origin: tuple[str, str]) -> Path | None:
    parts = urlsplit(url)
    if parts[:2] != origin:
        return None
    path = unquote(parts.path)
    try:
        return _site_file(path)
    except SuspiciousFileOperation:  # a path that leads out of the folder
        return None


def _site_file(path: str) -> Path | None:
    if path.startswith(settings.STATIC_URL):
        relative = path.removeprefix(settings.STATIC_URL)
        collected = Path(safe_join(settings.STATIC_ROOT, relative))
        # Collected (and, in production, hashed) files first; in development the apps' own.
        found = collected if collected.is_file() else finders.find(relative)
        return Path(found) if found else None
    if path.startswith(settings.MEDIA_URL):
        media = Path(safe_join(settings.MEDIA_ROOT, path.removeprefix(settings.MEDIA_URL)))
        return media if media.is_file() else None
    return None

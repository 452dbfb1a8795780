"""Exports of one personalised agreement: the print views (standard, large print and easy read),
the Word documents (standard, large print and easy read) and the PDF copies.

All are in the agreement's language (which may not be the interface's: an agreement forked
from the Welsh template prints in Welsh from the English site), and all are logged.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone

from personalised import audit
from personalised.access import Access, get_agreement_or_404
from personalised.exports import pdf as pdf_copies
from personalised.exports.docx import CONTENT_TYPE, agreement_docx
from personalised.exports.easy_read import easy_read_docx, render_easy_read
from personalised.exports.formats import CopyFormat
from personalised.exports.large_print import render_large_print
from personalised.exports.naming import content_disposition
from personalised.exports.print import render_print
from personalised.models import PersonalisedAgreement
from personalised.privacy import private


def _page(agreement: PersonalisedAgreement, html: str) -> HttpResponse:
    response = HttpResponse(html)
    response["Content-Language"] = agreement.language
    return response


def _download(
    agreement: PersonalisedAgreement, content: bytes, content_type: str, extension: str, copy=""
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        agreement, timezone.localdate(), extension, copy
    )
    response["Content-Language"] = agreement.language
    response["X-Content-Type-Options"] = "nosniff"
    return response


@private
def print_view(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.EXPORT, request.user, format="print")
    return _page(agreement, render_print(request, agreement))


@private
def large_print(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.EXPORT, request.user, format="large-print")
    return _page(agreement, render_large_print(request, agreement))


@private
def docx(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    content = agreement_docx(agreement, timezone.localdate())
    audit.record(agreement, audit.EXPORT, request.user, format="docx")
    return _download(agreement, content, CONTENT_TYPE, "docx")


@private
def large_print_docx(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    content = agreement_docx(agreement, timezone.localdate(), large_print=True)
    audit.record(agreement, audit.EXPORT, request.user, format="large-print-docx")
    return _download(agreement, content, CONTENT_TYPE, "docx", CopyFormat.LARGE_PRINT)


@private
def pdf(request: HttpRequest, uuid, format: str) -> HttpResponse:
    # ``format``: the route's parameter, as the shared routes name it (CopyFormat's values).
    copy_format = format
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    if request.method not in ("GET", "HEAD"):
        # A download changes nothing, and each one is a few seconds' work for the server.
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if copy_format not in pdf_copies.RENDERERS:
        raise Http404
    content = pdf_copies.pdf_for(request, agreement, copy_format)
    audit.record(agreement, audit.EXPORT, request.user, format=f"pdf-{copy_format}")
    copy = "" if copy_format == CopyFormat.STANDARD else copy_format
    return _download(agreement, content, pdf_copies.CONTENT_TYPE, "pdf", copy)


@private
def easy_read(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.EXPORT, request.user, format="easy-read")
    html = render_easy_read(
        request,
        agreement,
        back_url=reverse("agreements:detail", kwargs={"uuid": agreement.uuid}),
        docx_url=reverse("agreements:easy_read_docx", kwargs={"uuid": agreement.uuid}),
    )
    return _page(agreement, html)


@private
def easy_read_docx_view(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    content = easy_read_docx(agreement)
    audit.record(agreement, audit.EXPORT, request.user, format="easy-read-docx")
    return _download(agreement, content, CONTENT_TYPE, "docx", CopyFormat.EASY_READ)

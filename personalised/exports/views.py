"""Exports of one personalised agreement: the print view and the Word document.

Both are in the agreement's language (which may not be the interface's: an agreement forked
from the Welsh template prints in Welsh from the English site), and both are logged.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from personalised import audit
from personalised.access import Access, get_agreement_or_404
from personalised.exports.docx import CONTENT_TYPE, agreement_docx
from personalised.exports.easy_read import easy_read_docx, render_easy_read
from personalised.exports.naming import content_disposition
from personalised.exports.print import print_context
from personalised.privacy import private


@private
def print_view(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    audit.record(agreement, audit.EXPORT, request.user, format="print")
    with translation.override(agreement.language):
        # Rendered here, inside the override, rather than lazily after the view returns.
        response = render(
            request,
            "personalised/print.html",
            print_context(agreement, timezone.localdate()),
        )
    response["Content-Language"] = agreement.language
    return response


@private
def docx(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    today = timezone.localdate()
    content = agreement_docx(agreement, today)
    audit.record(agreement, audit.EXPORT, request.user, format="docx")
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(agreement, today, "docx")
    response["Content-Language"] = agreement.language
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    response = HttpResponse(html)
    response["Content-Language"] = agreement.language
    return response


@private
def easy_read_docx_view(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.VIEW)
    today = timezone.localdate()
    content = easy_read_docx(agreement)
    audit.record(agreement, audit.EXPORT, request.user, format="easy-read-docx")
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        agreement, today, "docx", suffix="easy-read"
    )
    response["Content-Language"] = agreement.language
    response["X-Content-Type-Options"] = "nosniff"
    return response

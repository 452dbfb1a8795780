"""The copies an invitee can read and download: each form (standard, easy read, large print)
as a page and as files, made by the same functions as the practitioner's exports, so that the
family's copy says exactly what the practitioner's does."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from personalised.exports import pdf
from personalised.exports.content import agreement_numbering
from personalised.exports.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from personalised.exports.docx import agreement_docx
from personalised.exports.easy_read import easy_read_context, easy_read_docx
from personalised.exports.formats import CopyFormat
from personalised.exports.print import print_context
from personalised.invitee.reading import commentable_parts
from personalised.models import PartyMember, PersonalisedAgreement
from personalised.purpose import agreement_purpose


def _standard_page(agreement: PersonalisedAgreement) -> dict:
    return {
        "agreement": agreement,
        "purpose": agreement_purpose(agreement),
        "parts": commentable_parts(agreement),
        # The numbers every copy gives the areas and clauses (block templates read them).
        "numbering": agreement_numbering(agreement),
    }


def _large_print_page(agreement: PersonalisedAgreement) -> dict:
    return print_context(agreement, timezone.localdate())


#: Each form's page: its template (the practitioners' copy's, with the invitee's tools around
#: it) and the copy's own context.
PAGES: dict[str, tuple[str, Callable[[PersonalisedAgreement], dict]]] = {
    CopyFormat.STANDARD: ("personalised/invitee/agreement.html", _standard_page),
    CopyFormat.EASY_READ: ("personalised/invitee/easy_read.html", easy_read_context),
    CopyFormat.LARGE_PRINT: ("personalised/invitee/large_print.html", _large_print_page),
}


@dataclass(frozen=True)
class Download:
    content_type: str
    make: Callable[[HttpRequest, PersonalisedAgreement], bytes]


def _pdf(copy_format: str) -> Callable[[HttpRequest, PersonalisedAgreement], bytes]:
    return lambda request, agreement: pdf.pdf_for(request, agreement, copy_format)


#: The files of each form, by kind (the file's extension).
DOWNLOADS: dict[str, dict[str, Download]] = {
    CopyFormat.STANDARD: {
        "pdf": Download(pdf.CONTENT_TYPE, _pdf(CopyFormat.STANDARD)),
        "docx": Download(
            DOCX_CONTENT_TYPE,
            lambda request, agreement: agreement_docx(agreement, timezone.localdate()),
        ),
    },
    CopyFormat.EASY_READ: {
        "pdf": Download(pdf.CONTENT_TYPE, _pdf(CopyFormat.EASY_READ)),
        "docx": Download(DOCX_CONTENT_TYPE, lambda request, agreement: easy_read_docx(agreement)),
    },
    CopyFormat.LARGE_PRINT: {
        "pdf": Download(pdf.CONTENT_TYPE, _pdf(CopyFormat.LARGE_PRINT)),
        "docx": Download(
            DOCX_CONTENT_TYPE,
            lambda request, agreement: agreement_docx(
                agreement, timezone.localdate(), large_print=True
            ),
        ),
    },
}


@dataclass(frozen=True)
class FormatLink:
    label: str
    url: str
    current: bool


def format_links(member: PartyMember, shown: str) -> list[FormatLink]:
    """A link to each form of the agreement, the one shown marked."""
    base = reverse("invited:agreement", kwargs={"member_uuid": member.uuid})
    return [
        FormatLink(label=str(label), url=f"{base}?format={value}", current=value == shown)
        for value, label in CopyFormat.choices
        if value in PAGES
    ]


@dataclass(frozen=True)
class DownloadLink:
    label: str
    url: str


def _label(kind: str, copy_format: str) -> str:
    labels = {
        ("pdf", CopyFormat.STANDARD): _("Download as a PDF"),
        ("docx", CopyFormat.STANDARD): _("Download as a Word document (DOCX)"),
        ("pdf", CopyFormat.EASY_READ): _("Download the easy read as a PDF"),
        ("docx", CopyFormat.EASY_READ): _("Download the easy read as a Word document (DOCX)"),
        ("pdf", CopyFormat.LARGE_PRINT): _("Download in large print as a PDF"),
        ("docx", CopyFormat.LARGE_PRINT): _("Download in large print as a Word document (DOCX)"),
    }
    return labels[kind, copy_format]


def download_links(member: PartyMember, shown: str) -> list[DownloadLink]:
    """The files of the form shown."""
    return [
        DownloadLink(
            label=_label(kind, shown),
            url=reverse(
                "invited:download",
                kwargs={"member_uuid": member.uuid, "copy_format": shown, "kind": kind},
            ),
        )
        for kind in DOWNLOADS.get(shown, {})
    ]

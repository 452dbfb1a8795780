"""The copies an invitee can read and download: each form (standard, easy read, large print)
as a page and as files, made by the same functions as the practitioner's exports, so that the
family's copy says exactly what the practitioner's does."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from personalised.exports.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from personalised.exports.docx import agreement_docx
from personalised.exports.formats import CopyFormat
from personalised.models import PartyMember, PersonalisedAgreement

#: Each form other than the standard (the invitee's own page) as a whole HTML page.
PAGES: dict[str, Callable[[HttpRequest, PersonalisedAgreement], str]] = {}


@dataclass(frozen=True)
class Download:
    kind: str  # the file's extension
    content_type: str
    make: Callable[[HttpRequest, PersonalisedAgreement], bytes]


def _standard_docx(request: HttpRequest, agreement: PersonalisedAgreement) -> bytes:
    return agreement_docx(agreement, timezone.localdate())


#: The files of each form, by kind.
DOWNLOADS: dict[str, dict[str, Download]] = {
    CopyFormat.STANDARD: {"docx": Download("docx", DOCX_CONTENT_TYPE, _standard_docx)},
}


@dataclass(frozen=True)
class FormatLink:
    label: str
    url: str
    current: bool


def format_links(request: HttpRequest, member: PartyMember, shown: str) -> list[FormatLink]:
    """A link to each form of the agreement there is, the one shown marked."""
    base = reverse("invited:agreement", kwargs={"member_uuid": member.uuid})
    available = [CopyFormat.STANDARD, *PAGES]
    return [
        FormatLink(label=str(label), url=f"{base}?format={value}", current=value == shown)
        for value, label in CopyFormat.choices
        if value in available
    ]


@dataclass(frozen=True)
class DownloadLink:
    label: str
    url: str


_KIND_LABELS = {
    "pdf": lambda: _("Download as a PDF"),
    "docx": lambda: _("Download as a Word document (DOCX)"),
}


def download_links(member: PartyMember, shown: str) -> list[DownloadLink]:
    """The files of the form shown."""
    return [
        DownloadLink(
            label=str(_KIND_LABELS[kind]()),
            url=reverse(
                "invited:download",
                kwargs={"member_uuid": member.uuid, "copy_format": shown, "kind": kind},
            ),
        )
        for kind in DOWNLOADS.get(shown, {})
    ]

"""The name of an exported file: the person, the template and the date."""

import re
import unicodedata
from datetime import date
from urllib.parse import quote

from personalised.models import PersonalisedAgreement

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _words(text: str) -> list[str]:
    return [word for word in _NOT_WORD.split(text) if word]


def _ascii(text: str) -> str:
    # "Siôn" becomes "Sion"; letters with no Latin equivalent (Urdu, say) are dropped.
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def export_name(agreement: PersonalisedAgreement, on: date, extension: str, copy: str = "") -> str:
    """``Sam-Person-ISF-Partnership-Agreement-2026-11-24.docx``, in the agreement's own letters;
    a copy other than the standard one says which (``copy``, e.g. "large-print") before the
    date."""
    words = _words(agreement.person_name) + _words(agreement.title) + _words(copy)
    return "-".join([*words, on.isoformat()]) + f".{extension}"


def ascii_export_name(
    agreement: PersonalisedAgreement, on: date, extension: str, copy: str = ""
) -> str:
    """The same name in ASCII only, for the plain ``filename`` every browser understands."""
    words = _words(_ascii(agreement.person_name)) + _words(_ascii(agreement.title))
    return "-".join([*(words or ["agreement"]), *_words(copy), on.isoformat()]) + f".{extension}"


def content_disposition(
    agreement: PersonalisedAgreement, on: date, extension: str, copy: str = ""
) -> str:
    """``attachment`` with an ASCII ``filename`` and the full name as RFC 6266 ``filename*``."""
    plain = ascii_export_name(agreement, on, extension, copy)
    full = export_name(agreement, on, extension, copy)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"

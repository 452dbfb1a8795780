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


def export_name(
    agreement: PersonalisedAgreement, on: date, extension: str, suffix: str = ""
) -> str:
    """``Sam-Person-ISF-Partnership-Agreement-2026-11-24.docx``, in the agreement's own letters;
    a copy in another form says which before the date (``...-easy-read-2026-11-24.docx``)."""
    words = _words(agreement.person_name) + _words(agreement.title) + _words(suffix)
    words.append(on.isoformat())
    return "-".join(words) + f".{extension}"


def ascii_export_name(
    agreement: PersonalisedAgreement, on: date, extension: str, suffix: str = ""
) -> str:
    """The same name in ASCII only, for the plain ``filename`` every browser understands."""
    words = _words(_ascii(agreement.person_name)) + _words(_ascii(agreement.title))
    words += _words(suffix)
    return "-".join([*(words or ["agreement"]), on.isoformat()]) + f".{extension}"


def content_disposition(
    agreement: PersonalisedAgreement, on: date, extension: str, suffix: str = ""
) -> str:
    """``attachment`` with an ASCII ``filename`` and the full name as RFC 6266 ``filename*``."""
    plain = ascii_export_name(agreement, on, extension, suffix)
    full = export_name(agreement, on, extension, suffix)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"

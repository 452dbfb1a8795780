"""Which language to write to someone in."""

from django.conf import settings
from django.utils import translation


def supported(code: str) -> str | None:
    """The configured language ``code`` stands for, or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def language_for(user, fallback: str = "") -> str:
    """The language the user chose for Wagtail (their account's preferred language), else
    ``fallback`` (such as the language they wrote an agreement in), else English."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile is not None else ""
    return supported(chosen) or supported(fallback) or settings.LANGUAGE_CODE

"""The language an agreement is written in, for markup (lang, dir) and for Word (w:lang)."""

from django.utils.translation import get_language_info, to_locale


def is_right_to_left(language_code: str) -> bool:
    try:
        return bool(get_language_info(language_code)["bidi"])
    except KeyError:  # a language Django does not know: assume left to right
        return False


def direction(language_code: str) -> str:
    """``rtl`` or ``ltr``, as the HTML ``dir`` attribute wants it."""
    return "rtl" if is_right_to_left(language_code) else "ltr"


def language_tag(language_code: str) -> str:
    """The BCP 47 tag Word and LibreOffice expect: ``en-gb`` becomes ``en-GB``."""
    return to_locale(language_code).replace("_", "-")

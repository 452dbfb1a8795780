"""Small-number suppression and rounding, applied by every display and export of the evidence.

Counts under ``MINIMUM`` could identify a practitioner or the person an agreement is about, so
they are never shown; the rest are rounded to the nearest 5 (as official statistics do) so that
subtracting one filter's figure from another's (say "all" minus "Welsh") cannot reveal a small
count exactly either. 0 is shown like 1 to 4, so a display never tells "none" from "a few".
"""

from django.utils.translation import gettext

MINIMUM = 5


def shown(count: int) -> int | None:
    """The count as it may be shown: None for "fewer than 5", otherwise rounded to the nearest 5
    (halves upwards, so 7 shows as 5 and 8 as 10)."""
    if count < MINIMUM:
        return None
    return (count + 2) // MINIMUM * MINIMUM


def shown_label(count: int) -> str:
    """The count as text for a page or a CSV cell: "fewer than 5" (translated) or the rounded
    number."""
    value = shown(count)
    if value is None:
        return gettext("fewer than %(minimum)s") % {"minimum": MINIMUM}
    return str(value)

"""The person's name in place of the template's blank, with sensible grammar.

Templates write the person as ``_____``: "support _____ to live a good life", and, where the
sentence needs a possessive, "_____ home" or "_____ wellbeing". The seed also says "his local
community" once. A personalised agreement reads "support Sam to live a good life", "Sam's home"
and, for someone who uses they/them, "their local community".
"""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .blocks import PERSON_BLANK
from .models import Pronouns

_BLANK = re.escape(PERSON_BLANK) + "+"
# A blank followed by one of these nouns is a possessive: "_____ home" means "Sam's home".
# The list is the template's own usage; a blank before any other word is the name as it is.
POSSESSIVE_NOUNS = (
    "home",
    "wellbeing",
    "life",
    "health",
    "family",
    "friends",
    "community",
    "needs",
    "goals",
    "plan",
    "support",
    "choices",
    "money",
    "future",
)
_POSSESSIVE_RE = re.compile(_BLANK + r"(?:['’]s)?(\s+)(" + "|".join(POSSESSIVE_NOUNS) + r")\b")
_BLANK_RE = re.compile(_BLANK)
_HIS_RE = re.compile(r"\b([Hh])is\b")

POSSESSIVE_PRONOUNS = {Pronouns.THEY: "their", Pronouns.SHE: "her", Pronouns.HE: "his"}


def possessive(name: str) -> str:
    return f"{name}’s"


def personalise(text: str, known_as: str, pronouns: str = Pronouns.THEY) -> str:
    """Plain text with the blank filled in. Works on text, not HTML: for HTML use
    ``personalise_html``."""
    if not text:
        return ""
    # Every replacement is a function: a name is data, and as a replacement template its
    # backslashes ("Jo\Ann", "\074", "\g<0>") would be read as escapes.
    text = _POSSESSIVE_RE.sub(lambda m: f"{possessive(known_as)}{m.group(1)}{m.group(2)}", text)
    text = _BLANK_RE.sub(lambda m: known_as, text)
    pronoun = POSSESSIVE_PRONOUNS.get(pronouns, "their")
    return _HIS_RE.sub(lambda m: pronoun.capitalize() if m.group(1) == "H" else pronoun, text)


def personalise_html(text: str, known_as: str, pronouns: str = Pronouns.THEY) -> SafeString:
    """HTML text (no tags) with the blank filled in. The text is escaped unless it is already
    safe and the name is always escaped, so the result is built only from safe parts: the
    patterns replace the blank and "his", never an escape sequence or a tag."""
    filled = personalise(str(conditional_escape(text)), str(conditional_escape(known_as)), pronouns)
    return mark_safe(filled)  # noqa: S308 built from escaped text and an escaped name

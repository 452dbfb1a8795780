"""The person's name and pronouns in place of the template's blanks, with sensible grammar.

Templates write the person as ``_____``: "support _____ to live a good life", and, where the
sentence needs a possessive, "_____ home" or "_____ wellbeing". A personalised agreement reads
"support Sam to live a good life" and "Sam's home".

A pronoun can only be told to mean the person by the editor who writes it: in "the people who
support _____ to be the best they can", "they" is the supporters. So a pronoun that means the
person is written in braces, in any of its forms: ``{they}``, ``{them}``, ``{their}``,
``{theirs}``, ``{themselves}`` (or the he- and she-forms, such as ``{his}``; ``{her}`` is
ambiguous, so write ``{them}`` or ``{their}``). A template page shows the word as written; a
personalised agreement gives the person's own pronoun in the same role ("{their} community":
"his community", "her community", "their community").

The verb after a subject pronoun agrees with it: "{they} have" reads "she has", "{he} goes"
reads "they go". Modal verbs, the past tense and a few adverbs between ("{they} also have") are
handled. For any other word that must agree, write both forms, the one for "they" first:
"{they} like to do and {want|wants} to achieve".
"""

import re

from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from agreements.blanks import (
    BLANK_MARKER_RE,
    PERSON_BLANK,
    FilledBlanks,
    gap_html,
    with_person_blanks,
)
from agreements.markers import (
    MARKED_PRONOUNS,
    SUBJECT,
    VERB_MARKER,
    WORD_MARKER,
    as_written,
)


class Pronouns(models.TextChoices):
    """The pronouns a personalised agreement uses for the person."""

    THEY = "they", _("they / them / their")
    SHE = "she", _("she / her / her")
    HE = "he", _("he / him / his")


__all__ = [
    "PRONOUN_FORMS",
    "Pronouns",
    "agree_verb",
    "as_written",
    "personalise",
    "personalise_for",
    "possessive",
]

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

#: Each set of pronouns by role: subject, object, possessive, possessive pronoun, reflexive.
PRONOUN_FORMS = {
    Pronouns.THEY: ("they", "them", "their", "theirs", "themselves"),
    Pronouns.SHE: ("she", "her", "her", "hers", "herself"),
    Pronouns.HE: ("he", "him", "his", "his", "himself"),
}
_APOSTROPHE = r"(?:['’]|&\#x27;|&\#39;)"
# A marker; then, after a subject, a contraction ('re, 've) or the words up to its verb.
_MARKER_RE = re.compile(
    WORD_MARKER + r"(?:(?P<apostrophe>" + _APOSTROPHE + r")(?P<contraction>re|ve)\b"
    r"|(?P<gap>\s+(?:(?:also|still|often|never|always|sometimes|usually|really|already|just|"
    r"only|then|each|all|both)\s+)*)(?P<verb>[A-Za-z]+(?:" + _APOSTROPHE + r"t)?)\b)?"
    r"|" + VERB_MARKER
)

_MODALS = frozenset(
    ["can", "could", "will", "would", "shall", "should", "may", "might", "must", "ought", "cannot"]
    + ["can't", "won't", "wouldn't", "couldn't", "shouldn't", "mustn't"]
)
_IRREGULAR_PAST = frozenset(
    [
        "had",
        "went",
        "got",
        "made",
        "said",
        "did",
        "knew",
        "felt",
        "took",
        "came",
        "saw",
        "thought",
        "found",
        "gave",
        "told",
        "became",
        "left",
        "kept",
        "began",
        "brought",
        "bought",
        "met",
        "ran",
        "sat",
        "stood",
        "lost",
        "paid",
        "heard",
        "understood",
        "chose",
        "spoke",
        "wrote",
        "put",
        "let",
        "set",
    ]
)
# Present-tense verbs that end as a past tense does.
_PRESENT_IN_ED = frozenset(
    [
        "need",
        "feed",
        "proceed",
        "succeed",
        "exceed",
        "bleed",
        "breed",
        "speed",
        "heed",
        "shed",
        "embed",
    ]
)
_TO_SINGULAR = {
    "have": "has",
    "are": "is",
    "were": "was",
    "do": "does",
    "go": "goes",
    "aren't": "isn't",
    "weren't": "wasn't",
    "don't": "doesn't",
    "haven't": "hasn't",
}
_TO_PLURAL = {singular: plural for plural, singular in _TO_SINGULAR.items()}


def possessive(name: str) -> str:
    return f"{name}’s"


def _same_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _singular(verb: str) -> str:
    if verb.endswith(("ss", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 1 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _plural(verb: str) -> str:
    if verb.endswith("ies") and len(verb) > 3:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    if verb.endswith("s") and not verb.endswith("ss"):
        return verb[:-1]
    return verb


def agree_verb(verb: str, plural: bool) -> str:
    """The verb as it reads after a plural ("they") or singular ("she", "he") subject, given as
    written after the other. Modal verbs and the past tense read the same after both."""
    key = verb.lower().replace("’", "'").replace("&#x27;", "'").replace("&#39;", "'")
    past = (
        key.endswith("ed")
        and key not in _PRESENT_IN_ED
        and key.removesuffix("s") not in (_PRESENT_IN_ED)
    )
    if key in _MODALS or key in _IRREGULAR_PAST or past:
        return verb
    table, rule = (_TO_PLURAL, _plural) if plural else (_TO_SINGULAR, _singular)
    if key in table:
        agreed = table[key]
        apostrophe = re.search(_APOSTROPHE, verb)
        if apostrophe:
            agreed = agreed.replace("'", apostrophe.group(0))
        return _same_case(agreed, verb)
    if "'" in key:
        return verb
    return _same_case(rule(verb.lower()), verb)


def _pronoun_replacer(pronouns: str | None):
    """The function that rewrites one marker: as written when ``pronouns`` is None (a template
    page), else in the person's pronouns."""
    forms = PRONOUN_FORMS.get(pronouns) if pronouns else None
    plural_person = pronouns == Pronouns.THEY

    def replace(match: re.Match) -> str:
        if match.group("plural") is not None:
            if forms is None or plural_person:
                return match.group("plural")
            return match.group("singular")
        word = match.group("word")
        marked = MARKED_PRONOUNS.get(word.lower())
        if marked is None:
            return match.group(0)  # Braces around anything else are the editor's own words.
        role, written_plural = marked
        rest = match.group(0)[len(word) + 2 :]
        if forms is None:
            return word + rest
        pronoun = _same_case(forms[role], word)
        if role != SUBJECT or written_plural == plural_person:
            return pronoun + rest
        if match.group("contraction"):
            # they're / they've: she's, he's; and back.
            contraction = "re" if plural_person else "s"
            if match.group("contraction") == "ve":
                contraction = "ve" if plural_person else "s"
            return f"{pronoun}{match.group('apostrophe')}{contraction}"
        if match.group("verb"):
            return f"{pronoun}{match.group('gap')}{agree_verb(match.group('verb'), plural_person)}"
        return pronoun + rest

    return replace


def _personalise_words(text: str, known_as: str, pronouns: str) -> str:
    if "{" in text:
        text = _MARKER_RE.sub(_pronoun_replacer(pronouns), text)
    if PERSON_BLANK not in text:  # most sentences name nobody: skip both patterns
        return text
    # Every replacement is a function: a name is data, and as a replacement template its
    # backslashes ("Jo\Ann", "\074", "\g<0>") would be read as escapes.
    text = _POSSESSIVE_RE.sub(lambda m: f"{possessive(known_as)}{m.group(1)}{m.group(2)}", text)
    return _BLANK_RE.sub(lambda m: known_as, text)


def _pieces(text: str, blanks: FilledBlanks | None):
    """The text split at its placed blanks: (words, None) and (None, key) in order. A
    person's-name blank placed as [[key]] is written as _____ first, so it reads as one."""
    if blanks is None or "[[" not in text:
        yield text, None
        return
    parts = BLANK_MARKER_RE.split(with_person_blanks(text, blanks.declarations))
    for index, part in enumerate(parts):
        # The split keeps each key between the words around it.
        yield (None, part) if index % 2 else (part, None)


def personalise(
    text: str,
    known_as: str,
    pronouns: str = Pronouns.THEY,
    blanks: FilledBlanks | None = None,
) -> str:
    """Plain text with the blanks filled in and the person's pronouns in place. Works on text,
    not HTML: for HTML use ``personalise_html``. Given the agreement's ``blanks``, each placed
    blank reads as its value, or as "[Label: not filled in]"."""
    if not text:
        return ""
    # The words around the blanks are personalised apart from the values, so a value is never
    # read as a marker or a blank ("_____" typed in an address stays as typed).
    return "".join(
        _personalise_words(words, known_as, pronouns) if key is None else blanks.plain(key)
        for words, key in _pieces(text, blanks)
    )


def personalise_html(
    text: str,
    known_as: str,
    pronouns: str = Pronouns.THEY,
    blanks: FilledBlanks | None = None,
) -> SafeString:
    """HTML text (no tags) with the blanks filled in. The text is escaped unless it is already
    safe and the name and every value are always escaped, so the result is built only from
    safe parts: the patterns replace the blanks and the pronoun markers, never an escape
    sequence or a tag. A blank not filled in is a styled gap with its label."""
    escaped_name = str(conditional_escape(known_as))
    filled = []
    for words, key in _pieces(str(conditional_escape(text)), blanks):
        if key is None:
            filled.append(_personalise_words(words, escaped_name, pronouns))
        else:
            value = blanks.text(key)
            filled.append(
                str(conditional_escape(value))
                if value is not None
                else str(gap_html(blanks.plain(key)))
            )
    return mark_safe("".join(filled))  # noqa: S308 built from escaped text, name and values


def personalise_for(text: str, agreement) -> str:
    """Plain text personalised for one agreement: its person, pronouns and blanks."""
    return personalise(
        text, agreement.known_as, agreement.pronouns, blanks=filled_blanks(agreement)
    )


def filled_blanks(agreement) -> FilledBlanks | None:
    """The agreement's blanks (None for anything that has none, such as a test double)."""
    getter = getattr(agreement, "filled_blanks", None)
    return getter() if callable(getter) else None

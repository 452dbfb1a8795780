"""The marker syntax editors write in template text for the person's pronouns, and the check
that refuses a mistyped marker when a template is saved.

``{they}``, ``{them}``, ``{their}``, ``{theirs}``, ``{themselves}`` (and the he- and she-forms,
such as ``{his}``) mark a pronoun that means the person; ``{want|wants}`` marks a word that
agrees with the person's pronouns, the form for "they" first. ``agreements.personalising``
turns them into words: as written on a template page, in the person's own pronouns in a
personalised agreement.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SUBJECT, OBJECT, POSSESSIVE, POSSESSIVE_PRONOUN, REFLEXIVE = range(5)

# What a written marker means: its role, and whether the words after it were written for a
# plural ("they") or a singular ("he", "she") subject. "her" is left out: object or possessive?
MARKED_PRONOUNS: dict[str, tuple[int, bool]] = {
    "they": (SUBJECT, True),
    "them": (OBJECT, True),
    "their": (POSSESSIVE, True),
    "theirs": (POSSESSIVE_PRONOUN, True),
    "themselves": (REFLEXIVE, True),
    "themself": (REFLEXIVE, True),
    "he": (SUBJECT, False),
    "him": (OBJECT, False),
    "his": (POSSESSIVE, False),
    "himself": (REFLEXIVE, False),
    "she": (SUBJECT, False),
    "hers": (POSSESSIVE_PRONOUN, False),
    "herself": (REFLEXIVE, False),
}

WORD_MARKER = r"\{(?P<word>[A-Za-z]+)\}"
VERB_MARKER = r"\{(?P<plural>[^{}|]+)\|(?P<singular>[^{}|]+)\}"
#: The marker syntax: ``{pronoun}`` or ``{plural|singular}``. Text a reader sees never matches.
MARKER_RE = re.compile(WORD_MARKER + "|" + VERB_MARKER)

#: What editors are told where markers may be written (the block fields' help text).
MARKER_HELP = _(
    "Write _____ where the person's name goes, and [[key]] where one of the blanks declared "
    "under Blanks goes, such as [[date-of-birth]]; a key no blank declares is refused. "
    "Mark pronouns that mean the person in braces: "
    "{they}, {them}, {their}, {theirs}, {themselves}; {want|wants} for a verb that agrees. "
    "Translators keep the markers as they are, or write the words."
)


def _as_written(match: re.Match) -> str:
    if match.group("plural") is not None:
        return match.group("plural")
    word = match.group("word")
    # Braces around any other word are left as they are: the check on save refuses them.
    return word if word.lower() in MARKED_PRONOUNS else match.group(0)


def as_written(text: str) -> str:
    """Template text as a template page shows it: each marker as the word written in it
    (``{their}`` as "their", ``{want|wants}`` as "want")."""
    if not text or "{" not in text:
        return text or ""
    return MARKER_RE.sub(_as_written, text)


def marker_problems(text: str) -> list[str]:
    """What is wrong with the markers in ``text``, in words an editor can act on; empty when
    every brace is part of a marker that can be read."""
    problems: list[str] = []
    depth = 0
    for character in text or "":
        if character == "{":
            depth += 1
            if depth > 1:
                break
        elif character == "}":
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        problems.append(
            str(
                _(
                    "A brace is not closed or not opened. Write markers as {their} or "
                    "{want|wants}, each in one pair of braces."
                )
            )
        )
        return problems
    for match in re.finditer(r"\{([^{}]*)\}", text or ""):
        inside = match.group(1)
        if MARKER_RE.fullmatch(match.group(0)) is None:
            problems.append(
                str(
                    _(
                        "“%(marker)s” is not a marker. Write a pronoun, such as {their}, or two "
                        "forms of a verb, such as {want|wants}."
                    )
                )
                % {"marker": match.group(0)}
            )
        elif "|" not in inside and inside.lower() not in MARKED_PRONOUNS:
            if inside.lower() == "her":
                message = _(
                    "“{her}” could mean “them” or “their”: write {them} or {their} instead."
                )
                problems.append(str(message))
            else:
                problems.append(
                    str(
                        _(
                            "“%(marker)s” is not a pronoun that can mean the person. Use one "
                            "of: %(pronouns)s."
                        )
                    )
                    % {
                        "marker": match.group(0),
                        "pronouns": ", ".join(f"{{{word}}}" for word in MARKED_PRONOUNS),
                    }
                )
    return problems


def validate_markers(text: str) -> None:
    """Refuse text with a marker that cannot be read: an unknown pronoun, such as ``{thier}``,
    or a brace that is not closed."""
    problems = marker_problems(text)
    if problems:
        raise ValidationError(problems)

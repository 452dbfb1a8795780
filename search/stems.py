"""A small English suffix-stripper, so that "outcome" finds "outcomes" and "family" finds
"families" whichever database runs the search.

PostgreSQL's full-text search stems English itself (``SEARCH_CONFIG: english``); SQLite's FTS5,
as Wagtail sets it up, does not. This strips only the endings of plurals and of "-ed" and
"-ing" (the first step of Porter's algorithm, simplified), which is what readers expect to be
forgiven; it never has to agree with PostgreSQL's stemmer, only with itself, because both the
query's words and the text's words go through it.
"""

#: Stems shorter than this are left whole: "bring" is not "br" + "ing", nor "used" "us" + "ed".
_SHORTEST_STEM = 3
_VOWELS = frozenset("aeiouy")
#: Double consonants that "-ed" and "-ing" make ("planned", "planning"), but not those that
#: words end with anyway ("called", "passed", "buzzing").
_UNDOUBLED = frozenset("bdfgkmnprt")


def _strip_plural(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies") and len(word) - 3 >= _SHORTEST_STEM - 1:
        return word[:-3] + "y"
    if word.endswith("es") and len(word) - 2 >= _SHORTEST_STEM:
        return word[:-2]
    # Not "ss" ("process"), "us" ("focus") or "is" ("analysis"): those end in s anyway.
    if word.endswith("s") and word[-2:-1] not in ("s", "u", "i") and len(word) > _SHORTEST_STEM:
        return word[:-1]
    return word


def _strip_verb_ending(word: str) -> str:
    if word.endswith("ied") and len(word) - 3 >= _SHORTEST_STEM - 1:
        return word[:-3] + "y"
    for ending in ("ing", "ed"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= _SHORTEST_STEM and _VOWELS & set(stem):
            if len(stem) > _SHORTEST_STEM and stem[-1] == stem[-2] and stem[-1] in _UNDOUBLED:
                return stem[:-1]
            return stem
    return word


def stem(word: str) -> str:
    """The word without its plural or verb ending, and without a final "e", lower-cased:
    "Outcomes", "outcome" -> "outcom"; "families", "family" -> "family"; "agreed", "agreeing",
    "agrees" -> "agr"."""
    word = _strip_plural(word.lower())
    # Again while it changes, so "proceeding" -> "proceed" -> "proce" meets "proceeds".
    while (shorter := _strip_verb_ending(word)) != word:
        word = shorter
    # Every final "e", so "agreed" -> "agre" meets "agree".
    while word.endswith("e") and len(word) > _SHORTEST_STEM:
        word = word[:-1]
    return word


def word_forms(word: str) -> list[str]:
    """The word and the other endings of it that ``stem`` takes back to the same stem, for a
    search backend that matches whole words only: "outcome" -> outcome, outcomes, outcomed, ..."""
    word = word.lower()
    root = stem(word)
    # A stem loses every final "e" ("agree" -> "agr"), so endings go on with and without them.
    candidates = [word, root, root + "e", root + "ee"]
    for base in (root, root + "e", root + "ee"):
        candidates += [base + "s", base + "es", base + "d", base + "ed", base + "ing"]
    candidates += [root + root[-1:] + "ed", root + root[-1:] + "ing"]
    if root.endswith("y"):
        candidates += [root[:-1] + "ies", root[:-1] + "ied"]
    return [form for form in dict.fromkeys(candidates) if stem(form) == root]

"""Wordings practitioners added: kept only when common enough that they are nobody's own.

A wording is stored only when the same normalised text (case-folded, spaces collapsed) was added
at the same place in at least ``MINIMUM_AGREEMENTS`` agreements by at least
``MINIMUM_PRACTITIONERS`` different practitioners. Before normalising, each agreement's own
names (the person's, how they are known, who each party is) become the template's name marker,
so that a wording never carries a name even when it passes both thresholds.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from security.printable import strip_unprintable

MINIMUM_AGREEMENTS = 5
MINIMUM_PRACTITIONERS = 3
NAME_MARKER = "_____"
# The words of a wording are data: they are compared and stored, never shown as markup.
_MAX_LENGTH = 2000


def normalise(text: str) -> str:
    """Case-folded, every run of white space one space, trimmed."""
    return " ".join(strip_unprintable(text).casefold().split())[:_MAX_LENGTH]


def without_names(text: str, names: Iterable[str]) -> str:
    """``text`` with each of ``names`` (whole words, any case) replaced by the name marker.
    Longer names first, so that "Sam Person" goes before "Sam"."""
    wanted = sorted({name.strip() for name in names if name and name.strip()}, key=len)[::-1]
    if not wanted:
        return text
    alternatives = "|".join(re.escape(name) for name in wanted)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda _match: NAME_MARKER, text)


@dataclass
class WordingTally:
    """Which agreements and which practitioners added each normalised wording, where."""

    agreements: dict[tuple[str, str, str], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )
    practitioners: dict[tuple[str, str, str], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )

    def add(self, block_id: str, party_key: str, text: str, agreement: int, owner: int) -> None:
        wording = normalise(text)
        if not wording:
            return
        key = (block_id, party_key, wording)
        self.agreements[key].add(agreement)
        self.practitioners[key].add(owner)

    def common(self) -> list[tuple[str, str, str, int]]:
        """(block id, party key, wording, how many agreements) above both thresholds."""
        return sorted(
            (*key, len(agreements))
            for key, agreements in self.agreements.items()
            if len(agreements) >= MINIMUM_AGREEMENTS
            and len(self.practitioners[key]) >= MINIMUM_PRACTITIONERS
        )

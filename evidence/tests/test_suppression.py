"""Small-number suppression: no count under 5 is ever shown, and the rest are rounded so that
differencing two filters cannot reveal a small count."""

import pytest
from django.utils import translation

from evidence.suppression import MINIMUM, shown, shown_label


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_counts_under_five_are_not_shown_and_zero_looks_like_the_rest(count: int) -> None:
    assert shown(count) is None
    assert shown_label(count) == "fewer than 5"


@pytest.mark.parametrize(
    ("count", "rounded"),
    [(5, 5), (6, 5), (7, 5), (8, 10), (10, 10), (12, 10), (13, 15), (37, 35), (1003, 1005)],
)
def test_counts_of_five_or_more_are_rounded_to_the_nearest_five(count: int, rounded: int) -> None:
    assert shown(count) == rounded
    assert shown_label(count) == str(rounded)


def test_the_minimum_is_five() -> None:
    assert MINIMUM == 5


def test_differencing_two_filters_never_reveals_a_count_under_five() -> None:
    """All agreements minus the Welsh ones: whatever the true split, the shown difference is a
    multiple of 5, so it never states that exactly 1 to 4 agreements are not Welsh."""
    for total in range(5, 60):
        for welsh in range(5, total + 1):
            difference = shown(total) - shown(welsh)
            assert difference % MINIMUM == 0


def test_the_label_is_translated() -> None:
    with translation.override("cy"):
        label = shown_label(1)
    assert "5" in label

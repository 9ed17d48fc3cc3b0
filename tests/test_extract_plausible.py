"""Counts no council can have (art. L2121-2 CGCT): discarded with an info finding."""

from __future__ import annotations

import pytest

from pipeline.config import load_rules
from pipeline.extract.plausible import council_seats, count_ceiling, implausible_counts


@pytest.mark.parametrize(
    ("population", "seats"),
    [
        pytest.param(42, 7, id="under-100"),
        pytest.param(100, 11, id="first-day-of-100"),
        pytest.param(499, 11, id="last-of-100-499"),
        pytest.param(3_500, 27, id="3500"),
        pytest.param(299_999, 65, id="just-under-300000"),
    ],
)
def test_council_seats_follow_the_population(population: int, seats: int) -> None:
    assert council_seats(population) == seats


def test_council_seats_example_of_the_rules_file() -> None:
    example = load_rules("council_seats")["example"]
    assert council_seats(example["population"]) == example["seats"]
    assert count_ceiling(example["population"]) == example["discarded_above"]


def test_implausible_counts_discard_a_misread_count() -> None:
    findings = implausible_counts({"members_voting": 111, "members_present": 6}, 420)
    assert [(f.code, f.severity, f.fields) for f in findings] == [("COUNT_IMPLAUSIBLE", "info", ["members_voting"])]
    assert "111" in findings[0].message


@pytest.mark.parametrize(
    ("counts", "population"),
    [
        pytest.param({"members_voting": 15}, 420, id="within-tolerance"),
        pytest.param({"members_voting": 111}, None, id="population-unknown"),
        pytest.param({"members_voting": 160}, 2_100_000, id="paris-lyon-marseille-not-checked"),
        pytest.param({"members_voting": None}, 420, id="count-not-read"),
    ],
)
def test_implausible_counts_keep_believable_or_uncheckable_counts(
    counts: dict[str, int | None], population: int | None
) -> None:
    assert implausible_counts(counts, population) == []

"""Counts no council can have: a commune's council size follows its population (art. L2121-2 CGCT).

A members count above the seats of a commune twice as populous is an OCR misreading
("délibération : 111" for 11 councillors): it is discarded (the value stays null) and an
info finding ``COUNT_IMPLAUSIBLE`` names what was read. Table and tolerance: models/council_seats.yaml.
"""

from __future__ import annotations

import functools
from typing import Any

from pipeline.config import load_rules
from pipeline.records import Finding

#: Counts of members checked against the council size.
MEMBER_COUNTS = ("members_in_office", "members_present", "members_voting", "proxies_count")
_LABELS = {
    "members_in_office": "membres en exercice",
    "members_present": "présents",
    "members_voting": "votants",
    "proxies_count": "pouvoirs",
}


@functools.cache
def _table() -> dict[str, Any]:
    return dict(load_rules("council_seats"))


def council_seats(population: int) -> int:
    """Seats of the municipal council of a commune of ``population`` inhabitants."""
    seats = 0
    for bracket in _table()["brackets"]:
        if population >= bracket["from"]:
            seats = bracket["seats"]
    return seats


def count_ceiling(population: int | None) -> int | None:
    """The largest believable members count for a commune of ``population`` (None: no ceiling known)."""
    table = _table()
    if population is None or population >= table["brackets"][-1]["from"]:
        return None
    return council_seats(population * table["tolerance"])


def implausible_counts(counts: dict[str, int | None], population: int | None) -> list[Finding]:
    """An info finding for each count above the ceiling (the caller discards those values)."""
    ceiling = count_ceiling(population)
    if ceiling is None or population is None:
        return []
    return [
        Finding(
            code="COUNT_IMPLAUSIBLE",
            severity="info",
            message=f"Nombre de {_LABELS[name]} lu « {value} » écarté : un conseil municipal d'une commune de "
            f"{population} habitants compte {council_seats(population)} membres ({_table()['source']}) ; "
            "lecture OCR probablement fautive.",
            fields=[name],
        )
        for name, value in counts.items()
        if value is not None and value > ceiling
    ]

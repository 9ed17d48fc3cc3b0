"""Prefecture stamps: the ACTES identifier, the dates of sending, receipt and publication.

Stamps repeat on every page and get garbled, so every reading is collected and
the most frequent valid one wins; an identifier that fails its SIREN check is
repaired when one OCR confusion explains it (see :mod:`pipeline.identifiers`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.config import load_rules
from pipeline.extract.dates import DateMatch, first_date_after
from pipeline.extract.found import Found
from pipeline.extract.id_repairs import damaged_id, id_checks, number_date_repaired
from pipeline.extract.registry import lookup
from pipeline.identifiers import (
    ActesId,
    find_actes_ids,
    repair_actes_id,
    siren_valid,
)
from pipeline.textutil import fold_span


@dataclass(frozen=True)
class Stamp:
    act_id: Found[str] | None = None
    siren: Found[str] | None = None
    sent: Found[dt.date] | None = None
    received: Found[dt.date] | None = None
    published: Found[dt.date] | None = None
    test_stamp: bool = False
    act_id_votes: int = 0

    @property
    def empty(self) -> bool:
        return not (self.act_id or self.sent or self.received)

    def completed_by(self, other: Stamp, *, own_id: bool = False) -> Stamp:
        """This stamp, its missing values taken from ``other`` (the same stamp read elsewhere).

        A different identifier read more often elsewhere, one character away, replaces this one as
        an OCR slip; unless ``own_id`` (this identifier encodes the act's own number: 2022_021 is
        not a misread 2022_022)."""
        if self.empty:
            return other
        if self.test_stamp or other.test_stamp:
            return self
        if self.act_id and other.act_id and self.act_id.value != other.act_id.value and not own_id:
            outvoted = other.act_id_votes >= max(2, 2 * self.act_id_votes)
            if not (outvoted and _one_reading(self.act_id.value, other.act_id.value)):
                return self
            return other
        return Stamp(
            act_id=self.act_id or other.act_id,
            siren=self.siren or other.siren,
            sent=self.sent or other.sent,
            received=self.received or other.received,
            published=self.published or other.published,
            test_stamp=False,
            act_id_votes=self.act_id_votes or other.act_id_votes,
        )


@functools.cache
def _rules() -> tuple[dict[str, list[re.Pattern[str]]], re.Pattern[str], int]:
    data = load_rules("stamp")
    labels = {kind: [re.compile(item["pattern"]) for item in data[kind]] for kind in ("sent", "received", "published")}
    return labels, re.compile(data["test_stamp"]), int(data["within"])


def read_stamp(text: str, start: int, end: int, *, department_hint: str | None, reference_year: int | None) -> Stamp:
    """The stamp data in ``text[start:end]`` (absolute offsets in the evidence)."""
    labels, test_pattern, within = _rules()
    folded = fold_span(text, start, end)
    test_stamp = bool(test_pattern.search(folded))
    dates = {
        kind: _consensus_date(text, folded, start, patterns, within, reference_year)
        for kind, patterns in labels.items()
    }
    act_id, votes = _act_id(text, start, end, department_hint)
    siren = Found(act_id.value.split("-")[1], act_id.start, act_id.end, "actes-id") if act_id else None
    if test_stamp:
        return Stamp(act_id=act_id, siren=siren, published=dates["published"], test_stamp=True, act_id_votes=votes)
    return Stamp(act_id, siren, dates["sent"], dates["received"], dates["published"], False, votes)


def _consensus_date(
    text: str,
    folded: str,
    offset: int,
    patterns: list[re.Pattern[str]],
    within: int,
    reference_year: int | None,
) -> Found[dt.date] | None:
    readings: list[tuple[DateMatch, int]] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            date = first_date_after(text, offset + match.end(), within=within, reference_year=reference_year)
            if date:
                readings.append((date, offset + match.start()))
    if not readings:
        return None
    counts = Counter(date.value for date, _ in readings)
    best_value = max(counts, key=lambda value: (counts[value], -min(p for d, p in readings if d.value == value)))
    date, label_start = next((d, p) for d, p in readings if d.value == best_value)
    return Found(date.value, label_start, date.end, "stamp", date.repaired_from)


def _act_id(text: str, start: int, end: int, department_hint: str | None) -> tuple[Found[str] | None, int]:
    """The most frequent valid ACTES ID of the span (and how many times it was read), or a repaired one."""
    region = text[start:end]
    found = _ids_with_offsets(region)
    valid = [(a, o) for a, o in found if id_checks(a)]
    if valid:
        counts = Counter(a.value for a, _ in valid)
        best = max(counts, key=lambda value: counts[value])
        actes_id, offset = next((a, o) for a, o in valid if a.value == best)
        position = (start + offset, start + offset + len(actes_id.raw))
        repaired = number_date_repaired(actes_id)
        if repaired is not None:
            return Found(repaired, *position, "actes-id-repaired", best), counts[best]
        return Found(best, *position, "actes-id"), counts[best]
    for actes_id, offset in found:
        repair = repair_actes_id(actes_id.raw, department_hint=department_hint)
        if repair and (lookup(repair.actes_id.siren) or department_hint):
            position = (start + offset, start + offset + len(actes_id.raw))
            return Found(repair.value, *position, "actes-id-repaired", repair.repaired_from), 1
    damaged = damaged_id(region)
    if damaged is not None:
        actes_id, (first, last) = damaged
        return Found(actes_id.value, start + first, start + last, "actes-id-repaired", region[first:last]), 1
    return None, 0


def _ids_with_offsets(region: str) -> list[tuple[ActesId, int]]:
    result = []
    for actes_id in find_actes_ids(region):
        position = region.find(actes_id.raw)
        result.append((actes_id, max(position, 0)))
    return result


def _one_reading(a: str, b: str) -> bool:
    """Two readings of one identifier: same length, at most two characters apart (OCR slips)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 2


#: The collectivity's SIREN (or the SIREN that starts its SIRET) written in its letterhead.
_WRITTEN_SIREN = re.compile(r"(?i)\bSIRE[NT]\s*(?:n\s*°\s*)?:?\s*(\d{3})\s?(\d{3})\s?(\d{3})(?!\d)")
_LETTERHEAD_REACH = 1500


def siren_in_letterhead(text: str, start: int) -> Found[str] | None:
    """'N° SIREN : 254007966', 'SIRET 211 405 626 00014' in the letterhead (a record without a stamp):
    the collectivity's SIREN when its Luhn key holds."""
    match = _WRITTEN_SIREN.search(text, start, min(len(text), start + _LETTERHEAD_REACH))
    if match is None:
        return None
    siren = "".join(match.groups())
    return Found(siren, match.start(1), match.end(3), "letterhead-siren") if siren_valid(siren) else None

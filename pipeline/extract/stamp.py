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
from pipeline.extract.dates import DateMatch, first_date_after, repair_year
from pipeline.extract.found import Found
from pipeline.extract.registry import lookup
from pipeline.identifiers import (
    ActesId,
    find_actes_ids,
    parse_actes_id,
    repair_actes_id,
    siren_matches_department,
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

    def completed_by(self, other: Stamp) -> Stamp:
        """This stamp, its missing values taken from ``other`` (the same stamp read elsewhere)."""
        if self.empty:
            return other
        if self.test_stamp or other.test_stamp:
            return self
        if self.act_id and other.act_id and self.act_id.value != other.act_id.value:
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
    valid = [(a, o) for a, o in found if _checks(a)]
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
    for match in _LOOSE_ID.finditer(region):
        rebuilt = _rebuilt(match)
        if rebuilt is not None:
            position = (start + match.start(), start + match.end())
            return Found(rebuilt.value, *position, "actes-id-repaired", match.group(0)), 1
    return None, 0


#: A date written ddmmyyyy inside the act's number ('PV17112023': the procès-verbal of 17/11/2023).
_NUMBER_DATE = re.compile(r"(?<!\d)([0-3]\d)([01]\d)((?:19|20)\d\d)(?!\d)")


def number_date_repaired(actes_id: ActesId) -> str | None:
    """The identifier with the year of the date its number holds repaired, when OCR made it impossible.

    An act is transmitted after it is adopted: 'PV17112028' in an ID dated 2023-12-15 is a misread
    '2023'. The year is repaired when it lies more than a year after the ID's date and one confused
    digit gives the only year within a year of it; None otherwise.
    """
    match = _NUMBER_DATE.search(actes_id.number)
    if match is None or int(match.group(3)) <= actes_id.date.year + 1:
        return None
    year = repair_year(match.group(3), actes_id.date.year)
    if year is None or abs(year - actes_id.date.year) > 1:
        return None
    number = f"{actes_id.number[: match.start(3)]}{year}{actes_id.number[match.end(3) :]}"
    return actes_id.value.replace(f"-{actes_id.number}-", f"-{number}-")


#: An ACTES ID as heavy OCR damages it: a digit too many in the department, a space in the SIREN,
#: a slip in the nature ("6059-21 5902842-20250327-31032025 64-DI", "0659-21 5902842-…-64-DE").
_LOOSE_ID = re.compile(
    r"(?<![0-9A-Za-z])(?P<dep>\d{3,4}|0?2[AB])\s*[-_.:]\s*(?P<siren>\d(?:\s?\d){8})\s*[-_.]\s*(?P<date>\d{8})"
    r"\s*[-_.]\s*(?P<number>[0-9A-Za-z][0-9A-Za-z_ -]{0,20}?)\s*[-_.]\s*(?P<nature>[A-Z0-9]{2})(?![0-9A-Za-z])"
)
#: Letters OCR confuses in the two-letter nature code.
_NATURE_SLIPS = {
    "I": "E",
    "F": "E",
    "L": "E",
    "3": "E",
    "4": "A",
    "R": "A",
    "G": "C",
    "O": "C",
    "0": "C",
    "8": "B",
    "V": "U",
}


def _rebuilt(match: re.Match[str]) -> ActesId | None:
    """The ID a damaged reading stands for, when its SIREN passes its checks once cleaned."""
    siren = match["siren"].replace(" ", "")
    nature = "".join(_NATURE_SLIPS.get(char, char) if index else char for index, char in enumerate(match["nature"]))
    dep = match["dep"]
    # a digit too many anywhere in the department: "6059" or "0659" for "059"
    for department in dict.fromkeys([dep] if len(dep) <= 3 else [dep[:i] + dep[i + 1 :] for i in range(len(dep))]):
        parsed = parse_actes_id(f"{department}-{siren}-{match['date']}-{match['number']}-{nature}")
        if parsed and _checks(parsed):
            return parsed
    return None


def _ids_with_offsets(region: str) -> list[tuple[ActesId, int]]:
    result = []
    for actes_id in find_actes_ids(region):
        position = region.find(actes_id.raw)
        result.append((actes_id, max(position, 0)))
    return result


def _checks(actes_id: ActesId) -> bool:
    return siren_valid(actes_id.siren) and siren_matches_department(actes_id.siren, actes_id.department)


def _one_reading(a: str, b: str) -> bool:
    """Two readings of one identifier: same length, at most two characters apart (OCR slips)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 2

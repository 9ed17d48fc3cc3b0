"""Attendance counts: in office, present, voting, proxies, substitutes.

Three layouts: "label : number" (one line, a list, a margin), "number label"
("dont 3 procurations"), and a table whose numbers sit on the line under the
labels ("Conseillers en exercice  Présents  Votants" / "27  20  27").
Labels are data in models/attendance.yaml.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from pipeline.config import load_rules
from pipeline.extract.numbers import to_int
from pipeline.textutil import Line, fold, fold_span, lines_of

_NUMBER = r"([0-9{}|]{1,3}|[il]{1,2}(?=[\s|.,;)]|$)|/|[a-z]+(?:[ -][a-z]+){0,2})"
_SEPARATOR = r"(?:[ \t]*[:=][ \t]*\n?[ \t]*|[ \t]*\.{2,}[ \t]*|[ \t]+-?[ \t]*)"
_DIGIT = re.compile(r"\d")
_DIGIT_OR_SLASH = re.compile(r"[\d/]")
_WORD = re.compile(r"[a-z]{3,}")
_CELL = re.compile(r"\d{1,3}|/")


@dataclass(frozen=True)
class CountMatch:
    """A count and where it was read: ``start``/``end`` cover the label and the number."""

    field: str
    value: int
    start: int
    end: int


@functools.cache
def _rules() -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]], dict[str, re.Pattern[str]]]:
    data = load_rules("attendance")
    after = [
        (
            rule["field"],
            re.compile(r"(?<![a-z])(" + rule["pattern"] + r")" + _SEPARATOR + _NUMBER + r"(?![0-9/])"),
        )
        for rule in data["counts"]
    ]
    before = [(rule["field"], re.compile(r"(?<![a-z0-9])" + rule["pattern"])) for rule in data["counts_before"]]
    table = {
        field: re.compile(r"(?<![a-z])(?:" + pattern + r")(?![a-z])") for field, pattern in data["table_labels"].items()
    }
    return after, before, table


def find_counts(text: str, start: int, end: int) -> dict[str, CountMatch]:
    """The first count of each kind in ``text[start:end]``."""
    folded = fold_span(text, start, end)
    candidates = _labelled(folded) + _number_first(folded)
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    accepted: list[CountMatch] = []
    for candidate in candidates:
        if any(candidate.start < other.end and other.start < candidate.end for other in accepted):
            continue
        accepted.append(candidate)
    accepted.extend(_tables(folded, text[start:end]))
    accepted.sort(key=lambda c: c.start)
    result: dict[str, CountMatch] = {}
    for match in accepted:
        shifted = CountMatch(match.field, match.value, match.start + start, match.end + start)
        result.setdefault(match.field, shifted)
    seats = result.pop(_SEATS, None)  # 'afférents au Conseil : 15' when no 'en exercice : 14' is given
    if seats is not None and "members_in_office" not in result:
        result["members_in_office"] = CountMatch("members_in_office", seats.value, seats.start, seats.end)
    return result


_SEATS = "members_seats"


def _labelled(folded: str) -> list[CountMatch]:
    after, _, _ = _rules()
    found = []
    for field, pattern in after:
        for match in pattern.finditer(folded):
            read = _leading_number(match.group(2))
            if read is not None and read[0] <= 999:
                found.append(CountMatch(field, read[0], match.start(1), match.start(2) + read[1]))
    return found


def _leading_number(text: str) -> tuple[int, int] | None:
    """The number ``text`` starts with and its length: number words stop where the next label starts
    (one-line OCR 'en exercice : quinze Presents : onze' reads 'quinze')."""
    value = to_int(text, slash_is_zero=False)
    if value is not None:
        return value, len(text)
    words = list(re.finditer(r"[a-z]+", text))
    for last in reversed(words[:-1]):
        value = to_int(text[: last.end()], slash_is_zero=False)
        if value is not None:
            return value, last.end()
    return None


def _number_first(folded: str) -> list[CountMatch]:
    _, before, _ = _rules()
    found = []
    for field, pattern in before:
        for match in pattern.finditer(folded):
            value = to_int(match.group("n"))
            if value is not None:
                found.append(CountMatch(field, value, match.start(), match.end()))
    return found


def _tables(folded: str, raw: str) -> list[CountMatch]:
    """Labels on one line, numbers alone on the next non-blank line, matched in order (by column when
    the lines are tab-separated cells; ``raw`` is the unfolded text, which keeps the tabs)."""
    _, _, table = _rules()
    found = []
    lines = [line for line in lines_of(folded) if not line.blank]
    for line, following in itertools.pairwise(lines):
        if _DIGIT.search(line.text):
            continue
        if "\t" in raw[line.start : line.end]:
            found.extend(_cell_counts(line, following, raw))
            continue
        labels = _column_labels(line.text, table)
        if len(labels) < 2:
            continue
        tokens = [token for token in following.text.split() if _DIGIT_OR_SLASH.search(token)]
        if len(tokens) != len(labels) or _WORD.search(following.text):
            continue
        for (_, field), token in zip(labels, tokens, strict=True):
            cell = token.strip(".,;:|'\"")
            value = to_int(cell, slash_is_zero=True) if _CELL.fullmatch(cell) else None
            if value is not None and field != _OTHER_COLUMN:
                found.append(CountMatch(field, value, line.start, following.end))
    return found


def _column_labels(header: str, table: dict[str, re.Pattern[str]]) -> list[tuple[int, str]]:
    """The columns' labels of a header line in order, the longest where two overlap ('Présents ou
    représentés' is one column, not 'Présents' and 'représentés')."""
    matches = sorted(
        ((match.start(), -match.end(), field) for field, pattern in table.items() for match in pattern.finditer(header))
    )
    labels: list[tuple[int, str]] = []
    taken = 0
    for start, negative_end, field in matches:
        if start >= taken:
            labels.append((start, field))
            taken = -negative_end
    return labels


#: A table column that takes a number but is none of the counts ('Dont suppléant', 'Absents').
_OTHER_COLUMN = "other"


def _cell_counts(header: Line, row: Line, raw: str) -> list[CountMatch]:
    """A table with cells ('Conseillers en exercice | Présents | Absents | Procurations | Votants' over
    '29 | 20 | 9 | 5 | 25'): each number is read by its own column's label; unknown columns are skipped."""
    _, _, table = _rules()
    labels = [fold(cell) for cell in raw[header.start : header.end].split("\t")]
    cells = raw[row.start : row.end].split("\t")
    if len(labels) != len(cells) or _WORD.search(row.text):
        return []
    found = []
    for label, cell in zip(labels, cells, strict=True):
        field = next((field for field, pattern in table.items() if pattern.search(label)), None)
        token = cell.strip(" .,;:|'\"")
        value = to_int(token, slash_is_zero=True) if field and _CELL.fullmatch(token) else None
        if field and field != _OTHER_COLUMN and value is not None:
            found.append(CountMatch(field, value, header.start, row.end))
    return found

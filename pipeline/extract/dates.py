"""French dates as records write them, tiered like invoice2data: strict patterns first, dateparser last.

- numeric: 31/03/2025, 31.03.2025, 31-03-25
- in letters: 2 AVRIL 2025, 1er avril 2025, mercredi 2 avril 2025, 31 maïs 2024 (OCR: mars)
- in words: "L'an deux mil vingt CINQ, le VINGT SEPT MARS", "le quinze décembre deux mille vingt-trois"

Impossible digits (a year 2071 on a 2021 stamp) are repaired towards a reference year
when a single OCR confusion explains them, and the repair is recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import dateparser

from pipeline.extract.numbers import number_words_before, to_int, words_to_int
from pipeline.textutil import fold_span

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_FULL_MONTHS = [name for name in MONTHS if len(name) > 4 or name in {"mars", "mai", "juin", "aout"}]
_NUMERIC = re.compile(r"(?<![\d/])([0-3]?\d)\s?[/.-]\s?([01]?\d)\s?[/.-]\s?((?:19|20)\d{2}|\d{2})(?![\d/])")
_WORD = re.compile(r"[a-zœ]+")
#: Digit confusions of Tesseract, used to repair an impossible year.
_CONFUSABLE = {
    "0": "689",
    "1": "7",
    "2": "7",
    "3": "8",
    "5": "6",
    "6": "508",
    "7": "12",
    "8": "036",
    "9": "0",
}
EARLIEST_YEAR = 1945
#: Characters read before a span so that "L'an deux mille vingt, le …" gives its year to the date.
_CONTEXT = 150


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its value, its span and, when repaired, what was read."""

    value: dt.date
    start: int
    end: int
    repaired_from: str | None = None


def latest_plausible_year() -> int:
    return dt.date.today().year + 1


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, reference_year: int | None = None
) -> list[DateMatch]:
    """Every date in ``text[start:end]``, sorted by position (absolute offsets)."""
    stop = len(text) if end is None else end
    context = max(0, start - _CONTEXT)
    folded = fold_span(text, context, stop)
    found: list[DateMatch] = []
    for match in _NUMERIC.finditer(folded):
        day, month, year = int(match.group(1)), int(match.group(2)), _full_year(match.group(3))
        date = _make_date(year, month, day, match.group(3), reference_year)
        if date:
            found.append(DateMatch(date.value, match.start() + context, match.end() + context, date.repaired_from))
    for month_token in _month_tokens(folded):
        date = _date_around_month(folded, month_token, reference_year)
        if date:
            found.append(DateMatch(date.value, date.start + context, date.end + context, date.repaired_from))
    found = [date for date in found if date.start >= start]
    found.sort(key=lambda item: item.start)
    return _drop_overlaps(found)


def first_date_after(
    text: str, position: int, *, within: int = 80, reference_year: int | None = None
) -> DateMatch | None:
    """The first date starting within ``within`` characters after ``position`` (blanks skipped);
    dateparser as last resort."""
    while position < len(text) and text[position].isspace():
        position += 1
    window_end = min(len(text), position + within + 40)
    for date in find_dates(text, position, window_end, reference_year=reference_year):
        if date.start - position <= within:
            return date
    return _dateparser_after(text, position, within)


def date_under_label(
    text: str, label_start: int, label_end: int, *, reference_year: int | None = None
) -> DateMatch | None:
    """The date under a label: in its column on the next row of a table ('Date de convocation<TAB>Présents'
    / '04/03/2026<TAB>8'), or opening the next line when the label ends a left column's cell, the right
    column's text after a wide gap ('Date de convocation :        trente, le Conseil…' / '12/05/2025     convoqué…')."""
    line_end = text.find("\n", label_end)
    if line_end < 0:
        return None
    line_start = text.rfind("\n", 0, label_start) + 1
    if "\t" in text[line_start:line_end]:  # a table's header cell: the date in its column on the next row
        column = text.count("\t", line_start, label_start)
        row_end = text.find("\n", line_end + 1)
        cells = text[line_end + 1 : row_end if row_end >= 0 else len(text)].split("\t")
        offset = line_end + 1 + sum(len(cell) + 1 for cell in cells[:column])
        cell = (
            find_dates(text, offset, offset + len(cells[column]), reference_year=reference_year)
            if column < len(cells)
            else []
        )
        return cell[0] if cell else None
    if not _COLUMN_GAP_AFTER_LABEL.match(text, label_end, line_end) or find_dates(text, label_end, line_end):
        return None
    column = label_start - line_start
    next_line = line_end + 1
    date = first_date_after(text, next_line, within=4, reference_year=reference_year)
    if date is None or date.start - next_line > column + 4 or "\n" in text[next_line : date.start]:
        return None
    return date


#: What follows a label that ends its column's cell: a wide gap, then the other column's text.
_COLUMN_GAP_AFTER_LABEL = re.compile(r"[ \t]*:?[ \t]{6,}\S")


def yearless_date_before(text: str, position: int, event: dt.date, *, within: int = 40) -> DateMatch | None:
    """'convoqué le huit novembre' with no year: the last such day before ``event`` (within a year).

    A convocation is sent before its session, so '28 décembre' before a session of 5 January is in the
    previous year. A day and month that a year follows are read by :func:`first_date_after` instead.
    """
    while position < len(text) and text[position].isspace():
        position += 1
    folded = fold_span(text, position, min(len(text), position + within + 20))
    for month, start, end in _month_tokens(folded):
        if start > within:
            break
        day, day_start = _day_before(folded, start)
        if day is None or day_start > within:
            continue
        for year in (event.year, event.year - 1):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            if date <= event:
                return DateMatch(date, position + day_start, position + end)
    return None


def _full_year(token: str) -> int:
    year = int(token)
    return year + 2000 if len(token) == 2 and year < 70 else year + 1900 if len(token) == 2 else year


def _make_date(year: int, month: int, day: int, raw_year: str, reference_year: int | None) -> DateMatch | None:
    repaired_from = None
    if not EARLIEST_YEAR <= year <= latest_plausible_year():
        fixed = repair_year(raw_year, reference_year)
        if fixed is None:
            return None
        repaired_from, year = raw_year, fixed
    try:
        return DateMatch(dt.date(year, month, day), 0, 0, repaired_from)
    except ValueError:
        return None


def repair_year(raw: str, reference_year: int | None) -> int | None:
    """A 4-digit year outside the plausible range, with one digit OCR-confused → the plausible year."""
    if len(raw) != 4 or not raw.isdigit():
        return None
    candidates = set()
    for index, digit in enumerate(raw):
        for other in _CONFUSABLE.get(digit, ""):
            year = int(raw[:index] + other + raw[index + 1 :])
            if EARLIEST_YEAR <= year <= latest_plausible_year():
                candidates.add(year)
    if reference_year is not None:
        near = [year for year in candidates if abs(year - reference_year) <= 2]
        candidates = set(near) if near else candidates
    return candidates.pop() if len(candidates) == 1 else None


@functools.cache
def _month_pattern() -> re.Pattern[str]:
    names = sorted(MONTHS, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(" + "|".join(names) + r")\.?(?![a-z])")


def _month_tokens(folded: str) -> list[tuple[int, int, int]]:
    """(month, start, end) of month names, tolerating one OCR slip in long names (maïs → mars)."""
    tokens = [(MONTHS[m.group(1)], m.start(), m.end()) for m in _month_pattern().finditer(folded)]
    exact = {start for _, start, _ in tokens}
    for word in _WORD.finditer(folded):
        if word.start() in exact or not 4 <= len(word.group()) <= 10:
            continue
        if not _looks_like_date_context(folded, word.start(), word.end()):
            continue
        month = _fuzzy_month(word.group())
        if month:
            tokens.append((month, word.start(), word.end()))
    return sorted(tokens, key=lambda token: token[1])


def _fuzzy_month(word: str) -> int | None:
    for name in _FULL_MONTHS:
        if len(name) >= 4 and abs(len(name) - len(word)) <= 1 and _one_edit(word, name):
            return MONTHS[name]
    return None


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _looks_like_date_context(folded: str, start: int, end: int) -> bool:
    before, after = folded[max(0, start - 6) : start], folded[end : end + 8]
    return bool(_DIGIT_AT_END.search(before)) and bool(_YEAR_AT_START.match(after))


_DIGIT_AT_END = re.compile(r"\d\s*$")
_YEAR_AT_START = re.compile(r"\s*\d{4}")


_AN_YEAR = re.compile(r"l'an\s+(\d{4}|(?:[a-z]+[\s-]+){1,6}?[a-z]+)\s*,?\s+(?:et\s+)?le\b")


def _date_around_month(folded: str, token: tuple[int, int, int], reference_year: int | None) -> DateMatch | None:
    month, start, end = token
    day, day_start = _day_before(folded, start)
    if day is None or not 1 <= day <= 31:
        return None
    year, year_end, raw_year = _year_after(folded, end)
    if year is None:
        year, raw_year = _year_from_l_an(folded, day_start)
        year_end = end
    if year is None:
        return None
    date = _make_date(year, month, day, raw_year, reference_year)
    return DateMatch(date.value, day_start, year_end, date.repaired_from) if date else None


_OF_THE_MONTH = re.compile(r"\s+du\s+mois\s+d(?:e\s*|['’]\s*)$")


def _day_before(folded: str, month_start: int) -> tuple[int | None, int]:
    window = folded[max(0, month_start - 40) : month_start]
    offset = month_start - len(window)
    window = _OF_THE_MONTH.sub("", window)  # 'le douze du mois de mars'
    digits = re.search(r"(?<!\d)(\d{1,2}|1\s?er|[l{}|i]\d)\s*$", window)
    if digits:
        return to_int(digits.group(1).replace("i", "1")), offset + digits.start(1)
    words = number_words_before(window, len(window), max_words=4)
    if words:
        value, position = words
        return value, offset + position
    return None, month_start


#: A year on two digits after the month, not a count, an hour or an amount that follows it.
_SHORT_YEAR = re.compile(r"[ \t]+(\d{2})(?!\d)(?![ \t]*(?:h\b|h\d|heures?|%|€|euros?|[a-z]))")


def _year_after(folded: str, month_end: int) -> tuple[int | None, int, str]:
    window = folded[month_end : month_end + 60]
    digits = re.match(r"\s*,?\s*((?:19|20)\d{2}|\d{4})(?!\d)", window)
    if digits:
        return int(digits.group(1)), month_end + digits.end(), digits.group(1)
    short = _SHORT_YEAR.match(window)  # '19 mars 26 – 20h00', 'Convoqué le 12 mars 26, le conseil'
    if short and 2000 + int(short.group(1)) <= latest_plausible_year():
        return 2000 + int(short.group(1)), month_end + short.end(1), short.group(1)
    words = re.match(r"\s*,?\s*((?:deux|mil|mille)(?:[\s-]+[a-z]+){1,5})", window)
    if words:
        tokens = words.group(1).replace("-", " ").split()
        for count in range(len(tokens), 1, -1):
            value = words_to_int(" ".join(tokens[:count]))
            if value and value >= EARLIEST_YEAR:
                return value, month_end + words.end(), str(value)
    return None, month_end, ""


def _year_from_l_an(folded: str, day_start: int) -> tuple[int | None, str]:
    window = folded[max(0, day_start - 120) : day_start + 4]
    matches = list(_AN_YEAR.finditer(window))
    if not matches:
        return None, ""
    raw = matches[-1].group(1)
    value = int(raw) if raw.isdigit() else words_to_int(raw)
    return value, raw


def _drop_overlaps(dates: list[DateMatch]) -> list[DateMatch]:
    kept: list[DateMatch] = []
    for date in dates:
        if kept and date.start < kept[-1].end:
            if (date.end - date.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = date
            continue
        kept.append(date)
    return kept


def _dateparser_after(text: str, position: int, within: int) -> DateMatch | None:
    snippet = text[position : position + within]
    match = re.search(r"\d{1,2}\s*[^\W\d_]{3,}\.?\s*\d{4}", snippet)
    if not match:
        return None
    parsed = dateparser.parse(
        match.group(),
        languages=["fr"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None or not EARLIEST_YEAR <= parsed.year <= latest_plausible_year():
        return None
    return DateMatch(parsed.date(), position + match.start(), position + match.end())

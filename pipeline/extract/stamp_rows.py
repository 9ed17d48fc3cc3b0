"""An act's stamp given on one row of a list or table of transmitted acts.

A record of several acts may list their transmissions at its end, one identifier per act
('CP 24-09-042 | 055-225500479-20240916-CP24_09_042-DE | 19/09/2024 | 19/09/2024'). An act whose
own text carries no identifier takes the row whose identifier encodes its deliberation number; the
table's header says which date is the sending and which the receipt, and a row without a header is
read by its own labels ('transmis le …, reçu le …').
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.extract.dates import find_dates
from pipeline.extract.found import Found
from pipeline.extract.id_repairs import id_checks
from pipeline.extract.stamp import Stamp, read_stamp
from pipeline.identifiers import find_actes_ids, parse_actes_id
from pipeline.textutil import header_column, table_header

#: Header cells (folded, at their start) of the sending and the receipt dates.
_SENT = r"(?:date\s+(?:de\s+|d.))?(?:envoi|envoye|transmis|transmission|teletransmis|depot)"
_RECEIVED = r"(?:date\s+d.|date\s+de\s+)?(?:accuse|ar\b|recu|reception)"


def number_key(number: str | None) -> str | None:
    """The deliberation number without its letter prefix and separators: 'CP 24-09-042' → '2409042'.

    An ACTES identifier writes the number its own way ('CP24_09_042'); both give the same key. Keys
    shorter than three characters are too common to link a row to an act.
    """
    if not number:
        return None
    key = re.sub(r"^[a-z]+", "", re.sub(r"[^0-9a-z]", "", number.lower()))
    return key if len(key) >= 3 and any(char.isdigit() for char in key) else None


def encodes_number(act_id: Found[str] | None, key: str) -> bool:
    """Does the stamp's ACTES identifier carry the number whose :func:`number_key` is ``key``?"""
    parsed = parse_actes_id(act_id.value) if act_id else None
    return parsed is not None and number_key(parsed.number) == key


def row_stamp(text: str, number: str | None, *, reference_year: int | None) -> Stamp | None:
    """The stamp on the line whose ACTES identifier encodes ``number``, or None."""
    key = number_key(number)
    if key is None:
        return None
    for actes_id in find_actes_ids(text):
        if number_key(actes_id.number) != key or not id_checks(actes_id):
            continue
        position = text.find(actes_id.raw)
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        stamp = read_stamp(text, line_start, line_end, department_hint=None, reference_year=reference_year)
        sent, received = _column_dates(text, line_start, line_end, reference_year)
        if not (stamp.sent or stamp.received or sent or received):
            stamp = _block_above(text, line_start, line_end, reference_year).completed_by(stamp)
        return Stamp(
            act_id=stamp.act_id,
            siren=stamp.siren,
            sent=stamp.sent or sent,
            received=stamp.received or received,
            published=stamp.published,
            act_id_votes=stamp.act_id_votes,
        )
    return None


def _block_above(text: str, line_start: int, line_end: int, reference_year: int | None) -> Stamp:
    """The stamp block around the identifier's line ('Envoyé en préfecture le … / Reçu … / ID : …', or
    'Accusé de réception / <ID> / Date de télétransmission : …'): a few lines above and below it, up to
    another identifier."""
    start = line_start
    for _ in range(_BLOCK_LINES):
        previous = text.rfind("\n", 0, max(start - 1, 0)) + 1
        if previous >= start or find_actes_ids(text[previous:start]):
            break
        start = previous
    end = line_end
    for _ in range(_BLOCK_LINES_BELOW):
        following = text.find("\n", end + 1)
        following = len(text) if following < 0 else following
        if following <= end or find_actes_ids(text[end:following]):
            break
        end = following
    return read_stamp(text, start, end, department_hint=None, reference_year=reference_year)


_BLOCK_LINES = 4
_BLOCK_LINES_BELOW = 2


def _column_dates(
    text: str, row_start: int, row_end: int, reference_year: int | None
) -> tuple[Found[dt.date] | None, Found[dt.date] | None]:
    """The sending and receipt dates in the cells their table's header names."""
    header = table_header(text, row_start)
    cells = text[row_start:row_end].split("\t")
    if header is None or len(header) != len(cells):
        return None, None
    starts = [row_start + sum(len(cell) + 1 for cell in cells[:index]) for index in range(len(cells))]
    found = []
    for pattern in (_SENT, _RECEIVED):
        column = header_column(header, pattern)
        date = None
        if column is not None:
            cell = (starts[column], starts[column] + len(cells[column]))
            readings = find_dates(text, *cell, reference_year=reference_year)
            date = Found(readings[0].value, *cell, "stamp-table", readings[0].repaired_from) if readings else None
        found.append(date)
    return found[0], found[1]

"""Tables drawn with spaces (a text layer or a converter that keeps the layout) turned into tab cells.

An attendance grid::

    Conseillers municipaux        Présent    Absent    Pouvoir donné à
    MOUGIN Éric                                 X       CUENOT Jean-Louis

is read by its columns only when every cell of a row knows its column. A header line of three or more
cells (separated by two spaces or more) opens a grid; each following line whose cells start at a
header cell's start (names, left-aligned), or are short marks lying under a header cell ('X'), is a
row. Rows are rewritten as tab-separated cells, one per header column, empty where nothing is written,
so that the readers of tab tables (:mod:`pipeline.extract.proxies`, :mod:`pipeline.extract.counts`)
find each value under its label. Anything else is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"\S+(?: \S+)*")
#: A line may head a grid only with two gaps of two spaces or more between words.
_WIDE_GAP = re.compile(r"\S  +\S")
_WIDE_GAPS = re.compile(r"\S  +\S.*?\S  +\S")
#: A header needs this many cells; a grid this many rows.
_MIN_COLUMNS = 3
_MIN_ROWS = 2
#: How far (characters) a left-aligned cell may start from its column's start.
_ALIGN = 2
#: Cells this short (a mark: 'X', '✓', 'oui') may sit anywhere under their column.
_MARK = 3


@dataclass(frozen=True)
class _Cell:
    start: int
    text: str


def tabulate_grids(text: str) -> str:
    """``text`` with every space-drawn grid written as tab-separated cells."""
    if not _WIDE_GAP.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        header = _cells(lines[index]) if _WIDE_GAPS.search(lines[index]) else []
        rows = _rows_under(header, lines, index + 1) if len(header) >= _MIN_COLUMNS else []
        if len(rows) < _MIN_ROWS:
            out.append(lines[index])
            index += 1
            continue
        out.append("\t".join(cell.text for cell in header))
        out.extend("\t".join(row) for row in rows)
        index += 1 + len(rows)
    return "\n".join(out)


def _cells(line: str) -> list[_Cell]:
    """The cells of a line: runs of words separated by single spaces (two spaces or a tab end a cell)."""
    if "\t" in line:
        return []
    return [_Cell(match.start(), match.group()) for match in _CELL.finditer(line)]


def _rows_under(header: list[_Cell], lines: list[str], first: int) -> list[list[str]]:
    """The rows of the grid whose header is ``header``, from ``lines[first]`` on."""
    rows = []
    for line in lines[first:]:
        row = _row(header, _cells(line))
        if row is None:
            break
        rows.append(row)
    return rows


def _row(header: list[_Cell], cells: list[_Cell]) -> list[str] | None:
    """The line's cells placed in the header's columns, or None when a cell fits no column; a row with a
    cell for every column, the first under the first, is taken in order even when a long cell pushed the
    next ones to the right ('2026-12   Convention … Lizonne Patrimoine   Adoptée à l'unanimité')."""
    if len(cells) < 2:
        return None
    row = [""] * len(header)
    for cell in cells:
        column = _column_of(header, cell)
        if column is None or row[column]:
            return _full_row(header, cells)
        row[column] = cell.text
    return row if row[0] else None


def _full_row(header: list[_Cell], cells: list[_Cell]) -> list[str] | None:
    if len(cells) != len(header) or abs(cells[0].start - header[0].start) > _ALIGN:
        return None
    return [cell.text for cell in cells]


def _column_of(header: list[_Cell], cell: _Cell) -> int | None:
    for index, column in enumerate(header):
        next_start = header[index + 1].start if index + 1 < len(header) else None
        if abs(cell.start - column.start) <= _ALIGN:
            return index
        inside = column.start - _ALIGN <= cell.start and (next_start is None or cell.start < next_start - _ALIGN)
        if inside and len(cell.text) <= _MARK:
            return index
    return None

"""The president who signs: 'Le Maire,' over a name, the last way a record names its president.

A record that never says who presided ("sous la présidence de …") is still signed by its
president: "Le Président, Bernard CHAMBION" on one line, or "Le Maire," with the name on the
next line, often in the right column of a signature block ("La secrétaire de séance,   Le
Maire," over "Odette MALTERRE   Alain BARICHARD"). The titles are data in
models/session.yaml (``signature``). "Pour le Maire empêché, l'adjoint" is no signature of
the president: a title counts only at the start of its line or column.
"""

from __future__ import annotations

import functools
import re

from pipeline.config import load_rules
from pipeline.extract.found import Found
from pipeline.extract.names import clean_name
from pipeline.extract.session import President
from pipeline.textutil import fold

#: Columns of a signature block are set apart by a tab, three spaces or more, or a dash between spaces
#: ("La secrétaire, Anne Sabathé — Le maire, Bernard Dedieu").
_COLUMN_GAP = re.compile(r"\t+| {3,}| [—–] ")
#: How far (characters) a name's cell may start from its title's column and still be under it.
_COLUMN_SLACK = 15
#: How many lines below its title a signature's name may be (a blank line, a "signé" line between).
_NAME_LINES = 3


@functools.cache
def _title() -> re.Pattern[str]:
    return re.compile(load_rules("session")["signature"]["pattern"])


def signed_by(text: str, start: int, end: int) -> Found[President] | None:
    """The last president's signature in ``text[start:end]``: its title and the name beside or under it."""
    lines = _lines(text, start, end)
    found: Found[President] | None = None
    for index, (line_start, line) in enumerate(lines):
        for column_start, column in _columns(line):
            title = _title().match(fold(column))
            if title is None:
                continue
            beside = column[title.end() :]
            below = lines[index + 1 : index + 1 + _NAME_LINES]
            name = _name(beside) if beside.strip() else _name_below(below, column_start)
            if name:
                role = column[title.start("role") : title.end("role")]
                signed = President(name, role[0].upper() + role[1:].lower())
                found = Found(signed, line_start + column_start, line_start + len(line), "signature")
    return found


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    lines = []
    position = start
    for line in text[start:end].split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    return lines


def _columns(line: str) -> list[tuple[int, str]]:
    """The line's columns with their offsets: 'La secrétaire,     Le Maire,' → two columns."""
    columns = []
    position = 0
    for gap in [*_COLUMN_GAP.finditer(line), None]:
        stop = gap.start() if gap else len(line)
        cell = line[position:stop]
        if cell.strip():
            offset = position + len(cell) - len(cell.lstrip())
            columns.append((offset, cell.strip()))
        position = gap.end() if gap else len(line)
    return columns


def _name_below(lines: list[tuple[int, str]], column_start: int) -> str | None:
    """The first name under the title's column: the cell nearest to where the title starts."""
    for _, line in lines:
        columns = _columns(line)
        if not columns:
            continue
        offset, cell = min(columns, key=lambda column: abs(column[0] - column_start))
        name = _name(cell) if abs(offset - column_start) <= _COLUMN_SLACK else None
        if name:
            return name
    return None


def _name(cell: str) -> str | None:
    """A signature's name: two words or more that read as a name ('Alain BARICHARD'; not 'Signé')."""
    name = clean_name(cell)
    return name if name and len(name.split()) >= 2 else None

"""Votes given in tables, read by the table's header row.

- An act given as a row of a vote table ('CP 24-09-042 | Collèges … | 25 | 0 | 6 | 0 | Adoptée'): the
  header ('N° | Objet | Pour | Contre | Abstention | … | Décision') says which cell is which count.
- An act whose counts sit in a small table of their own ('Pour | Contre | Abstentions' over '21 | 0 | 4').
"""

from __future__ import annotations

import itertools
import re

from pipeline.extract.numbers import to_int
from pipeline.extract.vote import VoteReading, decide, vote_words
from pipeline.textutil import fold, header_column, lines_of, table_header

#: Header cells (folded, at their start) and the vote field their column holds.
_COLUMNS = (("for", r"pour\b"), ("against", r"contre\b"), ("abstention", r"abst"))
_DECISION = r"decision|resultat|vote\b|suite\s+donnee"


def table_vote(text: str, row_start: int) -> VoteReading | None:
    """The vote of the table row starting at ``row_start``, read by its table's header, or None."""
    row_end = text.find("\n", row_start)
    row_end = len(text) if row_end < 0 else row_end
    cells = text[row_start:row_end].split("\t")
    header = table_header(text, row_start)
    if header is None or len(header) != len(cells):
        return None
    columns = {field: header_column(header, pattern) for field, pattern in _COLUMNS}
    if all(column is None for column in columns.values()):
        return None  # no count columns: the decision cell is a statement the text reader reads
    counts: dict[str, int] = {}
    for field, column in columns.items():
        value = to_int(cells[column].strip()) if column is not None else None
        if value is not None:
            counts[field] = value
    decision_column = header_column(header, _DECISION)
    decision = fold(cells[decision_column]) if decision_column is not None else ""
    unanimous, majority, adopted, rejected = vote_words(decision)
    return VoteReading(decide(unanimous, majority, adopted, rejected, counts), row_start, row_end)


def count_table_vote(text: str, start: int, end: int) -> VoteReading | None:
    """The counts of the first 'Pour | Contre | Abstentions' table in ``text[start:end]``, or None."""
    if text.find("\t", start, end) < 0:
        return _spaced_count_table(text, start, end)
    lines = [line for line in lines_of(text, start, end) if not line.blank]
    for header, row in itertools.pairwise(lines):
        raw_header = text[header.start : header.end]
        if "\t" not in raw_header or "\t" not in text[row.start : row.end]:
            continue
        cells = [fold(cell).strip() for cell in raw_header.split("\t")]
        if sum(header_column(cells, pattern) is not None for _, pattern in _COLUMNS) < 2:
            continue
        reading = table_vote(text, row.start)
        if reading is not None:
            return reading
    return None


def with_table_counts(statement: VoteReading | None, table: VoteReading | None) -> VoteReading | None:
    """A statement completed by a count table: the table's counts (a header 'Pour | Contre | Abstention'
    over its numbers, which a sentence reader takes for 'Abstention 15'), the statement's unanimity and
    outcome when it says them."""
    if statement is None or table is None:
        return statement or table
    vote = table.vote.model_copy(
        update={
            "unanimous": statement.vote.unanimous if statement.vote.unanimous is not None else table.vote.unanimous,
            "outcome": statement.vote.outcome or table.vote.outcome,
        }
    )
    return VoteReading(vote, min(statement.start, table.start), max(statement.end, table.end))


#: A header of vote labels separated by spaces (a text layer that lost the table's cells), one per column.
_SPACED_LABEL = re.compile(
    r"votants?|suffrages\s+exprimes|exprimes|pour|contre|abstentions?|blancs?(?:\s+(?:ou|et)\s+nuls?)?|nuls?"
)
_SPACED_HEADER = re.compile(rf"[ \t|]*(?:(?:{_SPACED_LABEL.pattern})[ \t|]*){{2,8}}")
_SPACED_ROW = re.compile(r"[ \t|]*(?:\d{1,3}[ \t|]*){2,8}")


def _spaced_count_table(text: str, start: int, end: int) -> VoteReading | None:
    """'Votants Pour Contre Abstention' over '21 18 2 1': as many numbers as labels, read in order."""
    lines = [line for line in lines_of(text, start, end) if not line.blank]
    for header, row in itertools.pairwise(lines):
        folded = fold(text[header.start : header.end])
        if not _SPACED_HEADER.fullmatch(folded) or not _SPACED_ROW.fullmatch(text[row.start : row.end]):
            continue
        labels = _SPACED_LABEL.findall(folded)
        numbers = [int(number) for number in re.findall(r"\d{1,3}", text[row.start : row.end])]
        if len(labels) != len(numbers) or not {"pour", "contre"} <= set(labels):
            continue
        counts = {field: number for label, number in zip(labels, numbers, strict=True) if (field := _field(label))}
        return VoteReading(decide(False, False, False, False, counts), header.start, row.end)
    return None


def _field(label: str) -> str | None:
    return next((field for field, pattern in _COLUMNS if re.match(pattern, label)), None)

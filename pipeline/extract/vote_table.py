"""The vote of an act given as a row of a vote table ('CP 24-09-042 | Collèges … | 25 | 0 | 6 | 0 | Adoptée'):
the header row of the table ('N° | Objet | Pour | Contre | Abstention | … | Décision') says which cell
is which count."""

from __future__ import annotations

from pipeline.extract.numbers import to_int
from pipeline.extract.vote import VoteReading, decide, vote_words
from pipeline.textutil import fold, header_column, table_header

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

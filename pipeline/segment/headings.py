"""Item headings: where an agenda item starts in the body, and its title.

A heading is an "Objet :" line, a numbered line ("1/ …", "2. …"), a
"DELIBERATION N° 10 - …" line, a convention title, or a line matching an
agenda entry. Titles wrapped over two lines are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment.agenda import Agenda, best_entry
from pipeline.segment.rules import rules
from pipeline.segment.titles import MAX_TITLE, PROSE_START, in_capitals, title_with_continuation
from pipeline.textutil import Line, fold, header_column, lines_of, match_key, table_header

_LEADING_MARKS = re.compile(r"^[\s>*•·|_-]+")
_NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?:(?:d[ée]lib[ée]ration|rapport)\s+(?:n\s*[°o]?\s*)?|n\s*[°o]\s*)\S*\d\S*?"
    r"|(?:[a-z]{1,6}[-_ ]?)?(?:19|20)\d\d[-_/.](?!(?:19|20)\d\d\b)\d{1,4}(?:[-_/.]\d{1,4})?)\s*[-–—:]\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Heading:
    """An item start: the heading line's offset, the title and how it was recognised."""

    start: int
    end: int
    title: str
    kind: str
    agenda_title: str | None = None
    score: float = 0.0
    number: str | None = None


def find_headings(
    text: str, folded: str, agenda: Agenda | None, furniture: frozenset[str] = frozenset()
) -> list[Heading]:
    """Every heading outside the agenda and the page furniture, in text order."""
    lines = lines_of(text)
    headings: list[Heading] = []
    used: set[int] = set()
    for index, line in enumerate(lines):
        if line.blank or (agenda and agenda.start <= line.start < agenda.end):
            continue
        if (headings and line.start < headings[-1].end) or match_key(line.text) in furniture:
            continue
        if _CONTENTS_ENTRY.search(line.text):  # a table of contents: 'Arrêté n° A-2026-021 – … ........ p. 2'
            continue
        heading = (
            _table_row_heading(text, folded, line)
            or _procedure_heading(folded, line)
            or _pattern_heading(text, folded, lines, index)
            or _agenda_heading(text, lines, index, agenda, used)
            or _tabbed_heading(lines, index)
        )
        if heading:
            headings.append(heading)
    return headings


#: An entry of a table of contents: dot leaders, then its page.
_CONTENTS_ENTRY = re.compile(r"(?:\.[ \t]?){4,}[ \t]*(?:p(?:age)?\.?[ \t]*)?\d{1,3}[ \t]*$|…{2,}[ \t]*\d{1,3}[ \t]*$")


def _table_row_heading(text: str, folded: str, line: Line) -> Heading | None:
    """A row of a table of acts ('2024-32 | Budget – DM n° 1 | Adoptée (17 voix pour, 2 contre)'):
    one act per row, its title the longest cell, its number the cell that is a number. Under a header
    row of a vote table ('N° | Objet | Pour | Contre | … | Décision'), the columns say which cell is
    the number and which the title, and a row counts without a vote word ('Adoptée')."""
    cells = line.text.split("\t")
    if len(cells) < 2:
        return None
    folded_cells = [fold(cell) for cell in cells]
    header = _vote_table_header(text, line)
    columns = header if header is not None and len(header) == len(cells) else None
    voted = any(pattern.search(cell) for cell in folded_cells[1:] for pattern in rules().vote_markers)
    if not voted and columns is None:
        return None
    numbers = [cell.strip() for cell in cells if re.fullmatch(r"\s*(?:n°\s*)?\d[\w/.-]*\s*", cell, re.IGNORECASE)]
    texts = [cell.strip() for cell in cells if not re.fullmatch(r"[\d\W]*", cell.strip())]
    title = max(texts[:-1] or texts, key=len) if texts else ""
    if columns is not None:
        number_column = header_column(columns, r"n\s*[°o]|numero|deliberation|reference|rapport|acte")
        title_column = header_column(columns, _TITLE_COLUMN)
        numbers = [cells[number_column].strip()] if number_column is not None else numbers
        title = cells[title_column].strip() if title_column is not None else title
    if len(title) < 8:
        return None
    return Heading(line.start, line.end, title, "table_row", number=numbers[0] if numbers and numbers[0] else None)


_TITLE_COLUMN = r"objet|intitule|titre"


def _vote_table_header(text: str, line: Line) -> list[str] | None:
    """The folded cells of the first row of the table holding ``line`` when that row heads a vote
    table (an 'objet' column and a 'pour' or 'décision' column), else None."""
    cells = table_header(text, line.start)
    if cells is None:
        return None
    has_title = header_column(cells, _TITLE_COLUMN) is not None
    has_vote = header_column(cells, r"pour|decision|vote|resultat") is not None
    return cells if has_title and has_vote and not any(re.fullmatch(r"[\d\W]+", cell) for cell in cells) else None


def _procedure_heading(folded: str, line: Line) -> Heading | None:
    """'Ouverture de la séance', 'Nomination du secrétaire': items that are never acts."""
    folded_line = _LEADING_MARKS.sub("", folded[line.start : line.end])
    if rules().procedure_sections.match(folded_line) and len(folded_line) < 80:
        return Heading(line.start, line.end, line.text.strip(), "procedure")
    return None


def _pattern_heading(text: str, folded: str, lines: list[Line], index: int) -> Heading | None:
    line = lines[index]
    folded_line = folded[line.start : line.end]
    for kind, pattern in rules().headings:
        match = pattern.match(folded_line)
        if not match:
            continue
        if kind == "numbered" and not _numbered_title_ok(line.text, match.end()):
            continue
        if kind == "administrative" and not (_EXECUTIVE.search(folded_line) or in_capitals(line.text, 0.6)):
            continue  # '- décision n° 2024-D-011 : …' in the list of the mayor's decisions is no heading
        if kind == "number_line":
            title_index = _number_line_title(lines, index)
            if title_index is None or rules().kind_line.match(fold(lines[title_index].text)):
                continue
            title, end = title_with_continuation(lines, title_index, lines[title_index].text)
            return Heading(line.start, end, title.strip(" :–—-"), kind)
        if kind in {"objet", "objet_line", "label_line"}:
            title, end = _objet_title(text, lines, index, kind)
            if not title or is_empty_title(title):
                continue
            return Heading(line.start, end, title, kind)
        first = line.text[match.end() :] if kind == "numbered" else _NUMBER_PREFIX.sub("", line.text)
        head, colon, rest = first.partition(" : ")
        if colon and rest[:1].islower() and rest.rstrip().endswith("."):
            # '1/ Approbation du compte rendu du 14 janvier : lu et approuvé sans remarque. Accord unanime.'
            return Heading(line.start, line.end, head.strip(" :–—-"), kind)
        title, end = title_with_continuation(lines, index, first)
        return Heading(line.start, end, title.strip(" :–—-"), kind)
    if (
        rules().convention_title.match(folded_line)
        and not rules().convention_note.search(folded_line)
        and _is_title_line(line.text)
        and _starts_upper(line.text)
        and not (line.text.rstrip().endswith((".", ":")) and not line.text.isupper())
    ):
        title, end = title_with_continuation(lines, index, line.text)
        return Heading(line.start, end, title.strip(" |;:_-"), "convention")
    return None


def _number_line_title(lines: list[Line], index: int) -> int | None:
    """The line holding the title under a deliberation's number alone on its line: the next non-blank
    line in capitals, or, past a rapporteur's line ('Rapport n° 5 présenté par M. X'), a short paragraph
    of its own that reads as a title (no final period), else None."""
    following = [i for i in range(index + 1, min(index + 6, len(lines))) if not lines[i].blank]
    if following and rules().rapporteur_line.match(fold(lines[following[0]].text)):
        title_index = following[1] if len(following) > 1 else None
        if title_index is not None and _OBJET_LABEL.match(fold(lines[title_index].text)):
            return None  # 'OBJET : …' is a heading of its own
        if title_index is not None and _short_paragraph(lines, title_index):
            return title_index
        return title_index if title_index is not None and in_capitals(lines[title_index].text, 0.8) else None
    if following and following[0] <= index + 2 and in_capitals(lines[following[0]].text, 0.8):
        return following[0]
    return None


_OBJET_LABEL = re.compile(r"\s*objet\b")


def _short_paragraph(lines: list[Line], index: int) -> bool:
    """A paragraph of one or two lines that does not end a sentence: a title, not prose."""
    end = next((i for i in range(index, min(index + 4, len(lines))) if lines[i].blank), None)
    if end is None or end - index > 2:
        return False
    text = " ".join(line.text.strip() for line in lines[index:end])
    return _is_title_line(text) and not text.rstrip().endswith((".", ":"))


def _tabbed_heading(lines: list[Line], index: int) -> Heading | None:
    """'II<TAB>PADD.': a number or roman numeral and a tab before a capital (``numbered_tab``)."""
    line = lines[index]
    tabbed = rules().numbered_tab.match(line.text)
    if not tabbed:
        return None
    title, end = title_with_continuation(lines, index, line.text[tabbed.end() :])
    return Heading(line.start, end, title.strip(" :–—-"), "numbered")


#: Whose act an arrêté or a decision is: 'ARRÊTÉ DU MAIRE N° …'.
_EXECUTIVE = re.compile(r"(?:du|de\s+la|de\s+l.)\s*(?:president|presidente|maire|vice-presidente?)")
_LABELLED_NUMBER = re.compile(r":\s*\d[\d\s]*$")


def _numbered_title_ok(line: str, title_start: int) -> bool:
    """'1/ Recensement' yes; '1. d'approuver…' (a list inside a decision) no; roman and letters in capitals."""
    title = line[title_start:].strip()
    number = line[:title_start].strip()
    if not title or not title[0].isupper() or len(line) > 200 or not _wordy(title):
        return False
    if number[:1] in "abcdefgh" and number[:1] and len(number.rstrip(" /).°-")) == 1:
        # 'a. Nombre de votants : 29' is a line of an election's results, not an item
        return len(title) <= 100 and not title.rstrip().endswith((",", ";")) and not _LABELLED_NUMBER.search(title)
    return number[:1].isdigit() or number[:1].isupper() or number.lower().startswith("point")


def _agenda_heading(text: str, lines: list[Line], index: int, agenda: Agenda | None, used: set[int]) -> Heading | None:
    if agenda is None:
        return None
    line = lines[index]
    stripped = re.sub(r"^[\s>*•·|_-]+", "", line.text)
    if (not stripped[:1].isupper() and not stripped[:1].isdigit()) or PROSE_START.match(fold(stripped)):
        return None
    if rules().decision_verb.match(stripped) and not in_capitals(stripped, 0.6):
        return None  # 'FIXE les tarifs de la restauration …': the decision repeats the title's words
    if len(match_key(stripped)) < 8 or len(stripped) > 250:
        return None
    single, single_score = best_entry(stripped, agenda, used, floor=0.78)
    two_lines, end = title_with_continuation(lines, index, stripped)
    double, double_score = best_entry(two_lines, agenda, used, floor=0.78)
    entry, score, title = (
        (double, double_score, two_lines) if double_score > single_score else (single, single_score, stripped)
    )
    if entry is None or score < 0.78:
        return None
    used.add(entry.start)
    heading_end = end if title == two_lines else line.end
    title = re.sub(r"^(?:\d{1,2}|[IVX]{1,4}|[A-H])\s*[/).°-]?\s+", "", title)
    return Heading(line.start, heading_end, title.strip(" :"), "agenda", entry.title, score)


def _objet_title(text: str, lines: list[Line], index: int, kind: str) -> tuple[str, int]:
    """The title after 'Objet :' (same line, wrapped) or under an 'OBJET' line (the next paragraph)."""
    line = lines[index]
    if kind == "objet":
        first = re.split(r"(?:objet|titre de la d[ée]lib[ée]ration)\s*[:\t-]", line.text, maxsplit=1, flags=re.I)[-1]
        return title_with_continuation(lines, index, first, paragraph=True)
    for next_index in range(index + 1, min(index + 6, len(lines))):
        candidate = lines[next_index]
        if candidate.blank or rules().kind_line.match(fold(candidate.text)):
            continue  # 'DÉLIBÉRATION DE LA COMMISSION PERMANENTE' between a report's number and its title
        return title_with_continuation(lines, next_index, candidate.text, paragraph=True)
    return "", line.end


def _wordy(title: str) -> bool:
    """Real words, not OCR dust ('Le . / . . Là .')."""
    letters = sum(char.isalpha() for char in title)
    visible = sum(not char.isspace() for char in title)
    return bool(re.search(r"[A-Za-zÀ-ÿ]{4,}", title)) and letters >= 0.6 * max(visible, 1)


def block_title(lines: list[Line], index: int) -> tuple[str, int] | None:
    """The first paragraph of a block read as its title when it looks like one (capital start,
    real words, not prose, no stamp date): 'M57- Décision Modificative n° 1'."""
    line = lines[index]
    stripped = line.text.strip(" |;:_->*•")
    if not _starts_upper(stripped) or PROSE_START.match(fold(stripped)) or not _wordy(stripped):
        return None
    if re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", stripped) or stripped.endswith(":") or is_empty_title(stripped):
        return None
    title, end = title_with_continuation(lines, index, stripped)
    return (title, end) if len(title) <= MAX_TITLE else None


def _starts_upper(line: str) -> bool:
    stripped = line.strip(" |;:_->*•")
    return stripped[:1].isupper()


def _is_title_line(line: str) -> bool:
    stripped = line.strip(" |;:_-")
    return 8 <= len(stripped) <= 200 and not stripped.endswith((",", ";"))


_DATE_ONLY = re.compile(
    r"(?:le\s+|du\s+|en\s+date\s+du\s+)?\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout"
    r"|septembre|octobre|novembre|decembre)\s+\d{4}\W*"
)


def is_empty_title(title: str) -> bool:
    """'Objet :' followed by nothing but OCR dust, or by a date alone (an empty margin 'Objet :'
    above the running 'Compte rendu … du 31 mars 2021'): no act is titled by a date, nor by a letterhead
    or count-box line of the page ('REPUBLIQUE FRANÇAISE', 'Nombre de membres en exercice')."""
    folded = fold(title).strip()
    return (
        len(re.findall(r"[A-Za-zÀ-ÿ]{3,}", title)) < 1
        or bool(_DATE_ONLY.fullmatch(folded))
        or bool(rules().letterhead_title.search(folded))
    )

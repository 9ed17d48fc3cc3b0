"""Proxies as giver → holder pairs, from every shape of clause the records use.

A clause is anchored on a connector ("donne pouvoir à", "(pouvoir donné à",
"représenté par", "a le pouvoir de", or a bare "à" inside a "Pouvoirs :" list).
The text between two connectors holds the previous holder (its first name) and
the next giver (its last name), split by the list layout.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.config import load_rules
from pipeline.extract.attendance import Section
from pipeline.extract.names import split_names
from pipeline.extract.snap import closest_member
from pipeline.records import Member
from pipeline.textutil import NOT_AFTER_CIVILITY, fold, fold_span

#: Characters that end a clause whatever the list style: brackets, semicolons, a sentence's period
#: (after a surname in capitals too, at a line end), the line of the next label ('Excusés : …').
_HARD_STOP = re.compile(
    r"\((?=\s*[a-zà-ÿ])|[)\[\];•·]|(?<=[a-zà-ÿ]{2})\.(?=\s|$)|(?<=\d)\.(?=\s|$)|(?<=[A-ZÀ-Ý]{2})\.(?=[ \t]*\n)"
    r"|\n\s*\n(?=\s*[A-ZÀ-Ý][^\n:]{0,40}:|\s*[A-ZÀ-Ý][a-zà-ÿ']+\s+[a-zà-ÿ])"
    r"|\n(?=[ \t]*[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[a-zà-ÿ]+){0,3}\s*:)"
)


#: A clause that states one proxy on its own, on its line or after a label or a semicolon:
#: "Procuration de Mme X à M. Y.", "Absents excusés : procuration de M. X à M. Y ; procuration de …".
_PROXY_LINE = re.compile(
    r"(?:(?<=\n)|^|(?<=[:;]))[ \t>*-]*(?:procuration|pouvoir|mandat)s?\s+(?:de|donne(?:e)?\s+par)\s"
    r"[^;]{3,150}?(?=;|" + NOT_AFTER_CIVILITY + r"\.(?:\s|$)|\n\s*\n|$)"
)
#: A commune or a group in parentheses after a name: "M. Jean-Claude DUSSOL (Le Change)".
_PLACE_IN_PARENTHESES = re.compile(r"\(\s*[A-ZÀ-Ý][^()]{0,60}\)")


@dataclass(frozen=True)
class ProxyClause:
    """One proxy found in the text: names as written, and the span of the clause."""

    giver: str
    holder: str
    start: int
    end: int


@dataclass(frozen=True)
class _Connector:
    start: int
    end: int
    reverse: bool


@functools.cache
def _patterns() -> tuple[
    list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]], re.Pattern[str], re.Pattern[str]
]:
    rules = load_rules("attendance")
    forward = [re.compile(rule["pattern"]) for rule in rules["proxy_forward"] if not rule.get("lists_only")]
    forward_in_lists = [re.compile(rule["pattern"]) for rule in rules["proxy_forward"]]
    reverse = [re.compile(rule["pattern"]) for rule in rules["proxy_reverse"]]
    return (forward, forward_in_lists, reverse, re.compile(rules["proxy_list_connector"]),
            re.compile(rules["proxy_none"]))  # fmt: skip


def find_proxies(text: str, start: int, end: int, sections: list[Section]) -> list[ProxyClause]:
    """Every proxy in ``text[start:end]``: explicit clauses anywhere, bare "à" inside proxy lists."""
    clauses = _clauses_in(text, start, end, list_mode=False)
    covered = [(clause.start, clause.end) for clause in clauses]
    for section in sections:
        if section.kind not in ("proxies", "absent", "excused"):
            continue
        section_end = _before_explicit_clauses(text, section.start, section.end, covered)
        if section_end is None:
            continue
        bare = section.kind == "proxies"
        table = _table_rows(text, section.start, section_end) if bare else []
        clauses.extend(table or _clauses_in(text, section.start, section_end, list_mode=True, allow_bare=bare))
    clauses.extend(_grid_rows(text, start, end))
    covered = [(clause.start, clause.end) for clause in clauses]
    folded = fold_span(text, start, end)
    for line in _PROXY_LINE.finditer(folded):
        line_start, line_end = start + line.start(), start + line.end()
        if not any(line_start <= a < line_end for a, _ in covered):
            clauses.extend(_clauses_in(text, line_start, line_end, list_mode=True, allow_bare=True))
    unique: dict[tuple[str, str], ProxyClause] = {}
    for clause in sorted(clauses, key=lambda c: c.start):
        unique.setdefault((fold(clause.giver), fold(clause.holder)), clause)
    return list(unique.values())


def _before_explicit_clauses(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> int | None:
    """Where a list's bare "à" may be read: all of it, or its lines above the first explicit clause ('Pouvoirs :
    M. A à M. B, Mme C à Mme D.' then 'M. E a le pouvoir de M. F.'); None when a clause opens it."""
    inside = [clause_start for clause_start, _ in covered if start <= clause_start < end]
    if not inside:
        return end
    line_start = text.rfind("\n", start, min(inside))
    return line_start if line_start > start else None


def _clauses_in(text: str, start: int, end: int, *, list_mode: bool, allow_bare: bool = False) -> list[ProxyClause]:
    forward, forward_in_lists, reverse, list_connector, _ = _patterns()
    folded = fold_span(text, start, end)
    connectors: list[_Connector] = []
    for pattern in forward_in_lists if list_mode else forward:
        connectors.extend(_Connector(m.start(), m.end(), False) for m in pattern.finditer(folded))
    for pattern in reverse:
        connectors.extend(_Connector(m.start(), m.end(), True) for m in pattern.finditer(folded))
    if list_mode and not connectors and allow_bare:
        connectors = [_Connector(m.start(), m.end(), False) for m in list_connector.finditer(folded)]
    connectors = _without_overlaps(connectors)
    clauses = []
    for index, connector in enumerate(connectors):
        if _column_label(text, start + connector.start, start + connector.end):
            continue
        left_from = connectors[index - 1].end if index else 0
        right_to = connectors[index + 1].start if index + 1 < len(connectors) else len(folded)
        left = _last_segment(_without_places(text), start + left_from, start + connector.start)
        right = _first_segment(_without_places(text), start + connector.end, start + right_to)
        right = " " * len(kin.group()) + right[kin.end() :] if (kin := _HOLDER_KIN.match(right)) else right
        before, after = split_names(left), split_names(right)
        if not before or not after:
            continue
        pairs = [(giver, before[-1]) for giver in after] if connector.reverse else [(before[-1], after[0])]
        clause_start = start + connector.start - len(left) + _name_start(left, before[-1])
        for giver, holder in pairs:
            if fold(giver) != fold(holder):
                clause_end = start + connector.end + _name_end(right, holder if not connector.reverse else giver)
                clauses.append(ProxyClause(giver, holder, clause_start, clause_end))
    return clauses


#: Words naming the holder's tie to the giver before the holder's name ('à son collègue M. X').
_HOLDER_KIN = re.compile(
    r"\s*(?:son|sa|leur)\s+(?:coll[eè]gue|ami(?:e)?|conjoint(?:e)?|adjoint(?:e)?|voisin(?:e)?)\s+(?=\S)", re.IGNORECASE
)


def _column_label(text: str, start: int, end: int) -> bool:
    """Is the connector a table's column label ('Conseiller | Présent | … | Pouvoir donné à'), not a clause?"""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return "\t" in text[line_start:line_end] and not text[end:line_end].strip()


def _name_start(segment: str, name: str) -> int:
    """Where ``name`` (as split from the end of ``segment``) begins in it: its first word's last place."""
    words = name.split()
    found = segment.rfind(words[0]) if words else -1
    return found if found >= 0 else len(segment) - len(segment.lstrip())


def _name_end(segment: str, name: str) -> int:
    """Where ``name`` (as split from the start of ``segment``) ends in it: after its last word's first place."""
    words = name.split()
    found = segment.find(words[-1]) if words else -1
    return found + len(words[-1]) if found >= 0 else len(segment.rstrip())


#: Cells of a table under a proxies label: tabs, or columns drawn with three spaces or more.
_TABLE_CELL_GAP = re.compile(r"\t| {3,}")
#: A column label of a proxies table ('Mandant | Mandataire', 'Donneur de pouvoir | Porteur'), not a name.
_LABEL_CELL = re.compile(
    r"(?:mandants?|mandataires?|donneurs?(?:\s+de\s+(?:pouvoir|procuration))?|porteurs?(?:\s+du\s+pouvoir)?"
    r"|beneficiaires?|titulaires?|conseillers?|elus?|noms?|absents?|represente(?:e)?s?(?:\s+par)?)\s*:?"
)


def _table_rows(text: str, start: int, end: int) -> list[ProxyClause]:
    """A two-column table under a proxies label: 'giver<TAB>holder' (or columns of spaces) on each row,
    its header row ('Mandant | Mandataire') left out."""
    clauses = []
    position = start
    for line in text[start:end].split("\n"):
        cells = [cell for cell in _TABLE_CELL_GAP.split(line.strip()) if cell.strip()]
        if len(cells) == 2 and not any(_LABEL_CELL.fullmatch(fold(cell).strip()) for cell in cells):
            clauses.extend(_row_clause(cells[0], cells[1], position, position + len(line)))
        position += len(line) + 1
    return clauses


def _row_clause(giver_cell: str, holder_cell: str, start: int, end: int) -> list[ProxyClause]:
    """The proxy of a table row whose cells each hold one name (a note in brackets aside), or none."""
    giver, holder = split_names(_BRACKET.sub("", giver_cell)), split_names(_BRACKET.sub("", holder_cell))
    return [ProxyClause(giver[0], holder[0], start, end)] if len(giver) == 1 and len(holder) == 1 else []


_BRACKET = re.compile(r"\s*\([^()]*\)")
#: The column of an attendance grid that names the holder: 'Pouvoir donné à', 'Procuration à', 'Représenté par'.
_HOLDER_COLUMN = re.compile(r"(?:pouvoir|procuration|mandat|delegation)s?\b|represente(?:e)?\s+par|mandataire")


def _grid_rows(text: str, start: int, end: int) -> list[ProxyClause]:
    """An attendance grid ('Conseillers | Présent | Absent | Pouvoir donné à'): each row with a name in
    the holder column is a proxy from the row's member (first cell) to that name."""
    clauses: list[ProxyClause] = []
    column: int | None = None
    width = 0
    position = start
    for line in text[start:end].split("\n"):
        cells = line.split("\t")
        if len(cells) < 2:
            column = None
        elif column is None:
            holders = [i for i, cell in enumerate(cells) if i and _HOLDER_COLUMN.match(fold(cell).strip())]
            column, width = (holders[0], len(cells)) if holders else (None, 0)
        elif len(cells) == width and cells[column].strip():
            clauses.extend(_row_clause(cells[0], cells[column], position, position + len(line)))
        position += len(line) + 1
    return clauses


def _without_overlaps(connectors: list[_Connector]) -> list[_Connector]:
    kept: list[_Connector] = []
    for connector in sorted(connectors, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and connector.start < kept[-1].end:
            continue
        kept.append(connector)
    return kept


def _last_segment(text: str, start: int, end: int) -> str:
    """The text before a connector, from the last hard stop (a parenthesis, a sentence end)."""
    segment = text[start:end]
    stops = list(_HARD_STOP.finditer(segment))
    if stops:
        segment = segment[stops[-1].end() :]
    return _after_label(segment)


def _first_segment(text: str, start: int, end: int) -> str:
    """The text after a connector, up to the first hard stop."""
    segment = text[start:end]
    stop = _HARD_STOP.search(segment)
    return segment[: stop.start()] if stop else segment


def _after_label(segment: str) -> str:
    """Drop a list label ('Ont donné procuration :', 'EXCUSES :') in front of the giver."""
    if ":" in segment:
        return segment.rsplit(":", 1)[1]
    return segment


def count_without_proxy(text: str, start: int, end: int) -> int:
    """How many '(pas de pouvoir donné)' the span mentions (absences without proxy)."""
    none = _patterns()[4]
    return len(none.findall(fold_span(text, start, end)))


def snap_to_lists(clauses: list[ProxyClause], members: list[Member]) -> list[ProxyClause]:
    """Holders are present members: a holder read with an OCR slip ('Auchaïrt') takes the spelling of
    the present list ('Auchart') when exactly one listed name is within two letters of it."""
    present, away = frozenset({"present"}), frozenset({"absent", "excused"})
    return [
        ProxyClause(
            closest_member(clause.giver, members, away) or clause.giver,
            closest_member(clause.holder, members, present) or clause.holder,
            clause.start,
            clause.end,
        )
        for clause in clauses
    ]


@functools.lru_cache(maxsize=8)
def _without_places(text: str) -> str:
    """``text`` with parenthesised places after names blanked out (same length)."""
    return _PLACE_IN_PARENTHESES.sub(lambda match: " " * len(match.group()), text)

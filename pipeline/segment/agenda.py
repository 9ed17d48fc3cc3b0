"""The agenda ("Ordre du jour") of minutes: the titles the body's items will carry.

Entries are the lines after the label up to "Questions diverses", a procedure
section ("Ouverture de la séance"), prose, or the body starting again with the
first entry. A wrapped entry is kept both as its own line and joined with the
next line, so matching can pick whichever fits the body heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.segment.rules import rules
from pipeline.textutil import (
    Line,
    lines_of,
    match_key,
    prefix_similarity,
    prefix_similarity_bound,
    similarity,
    similarity_bound,
)

_MAX_ENTRIES = 40
_MAX_ENTRY_CHARS = 220


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Agenda:
    start: int
    end: int
    entries: tuple[AgendaEntry, ...]

    def candidates(self) -> list[AgendaEntry]:
        """Entries, plus each entry joined with the next (for titles wrapped over two lines)."""
        joined = [
            AgendaEntry(f"{a.title} {b.title}", a.start, b.end)
            for a, b in zip(self.entries, self.entries[1:], strict=False)
            if not re.search(r"[.:;]$", a.title)
        ]
        return [*self.entries, *joined]


def find_agenda(text: str, folded: str) -> Agenda | None:
    """The first agenda of the text whose entries come back later as item headings, or None.

    An "Ordre du jour" label directly followed by the items themselves (title, text, vote)
    is not an agenda: its lines do not come back later.
    """
    label = rules().agenda_label.search(folded)
    if label is None:
        return None
    entries: list[AgendaEntry] = []
    for line in lines_of(text, label.end(), min(len(text), label.end() + 6000)):
        if line.blank:
            continue
        folded_line = folded[line.start : line.end].strip()
        if _ends_agenda(line, folded_line, entries):
            break
        title = _entry_title(line, folded)
        if title and entries and continues_title(entries[-1].title, title):
            previous = entries.pop()
            entries.append(AgendaEntry(f"{previous.title} {title}", previous.start, line.end))
        elif title:
            entries.append(AgendaEntry(title, line.start, line.end))
        if re.match(r"questions?\s+diverses", match_key(title)) or len(entries) >= _MAX_ENTRIES:
            break
    if not entries:
        return None
    agenda = Agenda(label.start(), entries[-1].end, tuple(entries))
    return agenda if _comes_back(text, agenda) else None


_UNFINISHED = re.compile(r"\b(?:du|de|des|d'|la|le|les|l'|à|au|aux|et|pour|sur|en|avec|par|dans)$", re.IGNORECASE)


def continues_title(title: str, line: str) -> bool:
    """A title wrapped over two lines: the next line starts in lower case or the title is unfinished."""
    return bool(line[:1].islower() or _UNFINISHED.search(title.rstrip(" -–—")))


def _comes_back(text: str, agenda: Agenda) -> bool:
    """At least half the entries (two at least) reappear as lines after the agenda."""
    later = [match_key(line.text) for line in lines_of(text, agenda.end) if len(line.text.strip()) >= 12]
    found = 0
    for entry in agenda.entries:
        key = match_key(entry.title)
        if len(key) < 6:
            continue
        words = set(key.split())
        near = [line for line in later if len(words & set(line.split())) >= min(2, len(words))]
        if any(key in line or _similar(key, line, 0.8) or _prefix_similar(line, key, 0.85) for line in near):
            found += 1
    return found >= 1 and found * 2 >= len(agenda.entries)


def _entry_title(line: Line, folded: str) -> str:
    bullet = rules().numbered_tab.match(line.text) or rules().agenda_bullet.match(folded[line.start : line.end])
    start = line.start + bullet.end() if bullet else line.start
    return re.sub(r"\s+", " ", line.text[start - line.start :]).strip(" :;-–—>")


def _ends_agenda(line: Line, folded_line: str, entries: list[AgendaEntry]) -> bool:
    if rules().procedure_sections.match(folded_line) and not re.match(r"questions?\s+diverses", folded_line):
        return True
    if len(folded_line) > _MAX_ENTRY_CHARS or (len(folded_line.split()) > 14 and folded_line.endswith(".")):
        return True
    if re.match(r"(?:monsieur|madame|le\s+maire|le\s+president|vu\s|considerant)", folded_line):
        return True
    if any(pattern.search(folded_line) for pattern in rules().vote_markers):
        return True
    return len(entries) > 1 and _similar(line.text, entries[0].title, 0.9)


def best_entry(
    title: str, agenda: Agenda | None, used: set[int], *, floor: float = 0.0
) -> tuple[AgendaEntry | None, float]:
    """The agenda entry a body heading matches best, preferring entries not used yet (agenda order).

    A caller that ignores scores under ``floor`` passes it: entries that cannot reach it are not
    scored, so the answer is the same whenever its score reaches ``floor`` (and lower otherwise)."""
    if agenda is None or not title.strip():
        return None, 0.0
    best: tuple[AgendaEntry | None, float] = (None, 0.0)
    for entry in agenda.candidates():
        bound = max(similarity_bound(title, entry.title), _truncated_bound(title, entry.title))
        if entry.start in used:
            bound -= 0.05
        if bound < floor or bound <= best[1]:
            continue
        score = max(similarity(title, entry.title), _truncated_score(title, entry.title))
        if entry.start in used:
            score -= 0.05
        if score > best[1]:
            best = (entry, score)
    return best


def _truncated_score(fragment: str, full: str) -> float:
    """A heading cut by a stamp or a margin: its words are the start of the entry's words."""
    key_fragment, key_full = match_key(fragment), match_key(full)
    if len(key_fragment) < 20 or len(key_fragment) >= len(key_full):
        return 0.0
    return 0.95 * prefix_similarity(fragment, full)


def _truncated_bound(fragment: str, full: str) -> float:
    """An upper bound of :func:`_truncated_score`."""
    key_fragment, key_full = match_key(fragment), match_key(full)
    if len(key_fragment) < 20 or len(key_fragment) >= len(key_full):
        return 0.0
    return 0.95 * prefix_similarity_bound(fragment, full)


def _similar(a: str, b: str, threshold: float) -> bool:
    """``similarity(a, b) >= threshold``, its cheap bound tried first."""
    return similarity_bound(a, b) >= threshold and similarity(a, b) >= threshold


def _prefix_similar(fragment: str, full: str, threshold: float) -> bool:
    """``prefix_similarity(fragment, full) >= threshold``, its cheap bound tried first."""
    return prefix_similarity_bound(fragment, full) >= threshold and prefix_similarity(fragment, full) >= threshold

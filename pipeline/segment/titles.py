"""An item's title as the text wraps it: the lines that continue it, up to a blank line or prose."""

from __future__ import annotations

import re

from pipeline.segment.agenda import continues_title
from pipeline.segment.rules import rules
from pipeline.textutil import Line, fold

MAX_TITLE = 400
#: Lines that open a report or a decision, never a title's continuation (folded).
PROSE_START = re.compile(
    r"^(?:vu\b|considerant|rapporteur|le\s+conseil|la\s+commission|monsieur|madame|mme\b|m\.\s|il\s|elle\s|"
    r"apres\s|sur\s+proposition|ayant|entendu|personne|le\s+maire|le\s+president|la\s+presidente|vote\b|entre\b)"
)


def in_capitals(line: str, share: float) -> bool:
    """Does ``line`` hold at least 8 letters, at least ``share`` of them capitals ('COMMUNE DE …',
    'AMÉNAGEMENT DU TERRITOIRE – OPÉRATION …'), as a header or title line does and prose does not?"""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 8 and sum(char.isupper() for char in letters) >= share * len(letters)


def title_with_continuation(lines: list[Line], index: int, first: str, *, paragraph: bool = False) -> tuple[str, int]:
    """Join the lines that continue a title (wrapped titles), up to a blank line or prose."""
    title = first.strip()
    end = lines[index].end
    for next_line in lines[index + 1 : index + 7]:
        candidate = next_line.text.strip()
        if not candidate and continues_title(title, "X") and title.strip():
            continue
        if not candidate or len(title) >= MAX_TITLE or re.search(r"[.;!?]$", title):
            break
        if PROSE_START.match(fold(candidate)) or rules().vote_markers[0].search("\n" + fold(candidate)):
            break
        if _LABEL_LINE.match(candidate) and not in_capitals(candidate, 0.6):
            break  # 'Matière : 4.1 Personnel titulaire' under 'Objet : …'

        if not (paragraph or _continues(title, candidate)):
            break
        if paragraph and _opens_prose(title, candidate):
            break
        title = f"{title} {candidate}"
        end = next_line.end
    return re.sub(r"\s+", " ", title).strip(), end


def _opens_prose(title: str, candidate: str) -> bool:
    """A full line of prose opening a sentence under a complete title, with no blank line between them
    (a text layer that drops them): 'Le procès-verbal de la séance du 7 avril 2026, transmis à chaque…'."""
    return (
        len(candidate) >= _PROSE_LINE
        and len(title) >= 20
        and bool(_SENTENCE_START.match(candidate))
        and not _continues(title, candidate)
    )


_PROSE_LINE = 60
_SENTENCE_START = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’]+\s+[a-zà-ÿ]")


#: A form's next field: a short label and its colon ('Matière : 4.1 …', 'Rapporteur : M. X').
_LABEL_LINE = re.compile(r"[A-ZÀ-Ý][\w'’]*(?: [\w'’]+){0,2}\s*:\s")


def _continues(title: str, candidate: str) -> bool:
    """A wrapped title line: starts in lower case, or both are capitals, or a short tail."""
    if title.endswith(":"):
        return False
    if candidate[:1].islower() or re.search(
        r"\b(?:du|de|des|d'|la|le|les|l'|à|au|aux|et|pour|sur|en|avec|par)$", title, re.I
    ):
        return True
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and candidate.isupper():
        return True
    return len(candidate.split()) <= 3 and not re.match(r"^(?:\d{1,2}\s*[/.)°–-]|[A-H]\s*[/.)])\s", candidate)

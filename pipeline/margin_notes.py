"""Notes in the left margin of a layout-preserving text (pdftotext -layout): lifted above the body lines
they stand beside.

A procès-verbal typeset with a wide left margin prints the item's label there, beside its title::

       Point 2        TARIFS DE LA RESTAURATION SCOLAIRE ET DE L'ACCUEIL PÉRISCOLAIRE À
       Délib.         COMPTER DU 1er AVRIL 2025
       n° 2025-09
                      Rapporteur : Mme Sylvie GAUQUELIN

Read line by line, the label cuts the title in two ("Délib. COMPTER DU …"). When most lines of a page
start at one indentation (the body column), a run of lines whose short text lies left of it (the notes)
is rewritten as the notes on one line, the body lines beside them, then a blank line::

                      Point 2 Délib. n° 2025-09
                      TARIFS DE LA RESTAURATION SCOLAIRE ET DE L'ACCUEIL PÉRISCOLAIRE À
                      COMPTER DU 1er AVRIL 2025

Pages without such a body column, and long lines left of it (a running footer), are left as they are.
"""

from __future__ import annotations

from collections import Counter

from pipeline.columns import WIDE_GAP

#: The body column is the indentation of this share of a page's lines at least, and this deep at least.
_BODY_SHARE = 0.4
_MIN_BODY_INDENT = 8
#: A margin note is this short at most, and ends this far left of the body column at least.
_MAX_NOTE = 20
_NOTE_CLEARANCE = 3


def lift_margin_notes(text: str) -> str:
    """``text`` with its margin notes written above the body lines beside them."""
    lines = text.split("\n")
    body = _body_column(lines)
    if body is None:
        return text
    out: list[str] = []
    index = 0
    while index < len(lines):
        notes: list[str] = []
        beside: list[str] = []
        while index < len(lines) and (split := _margin_split(lines[index], body)) is not None:
            notes.append(split[0])
            if split[1]:
                beside.append(" " * body + split[1])
            index += 1
        if notes:
            out += [" " * body + " ".join(notes), *beside, ""]
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _body_column(lines: list[str]) -> int | None:
    """The indentation most lines share, when it is deep enough to leave a margin; else None."""
    indents = Counter(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    if not indents:
        return None
    indent, count = indents.most_common(1)[0]
    if indent < _MIN_BODY_INDENT or count < _BODY_SHARE * sum(indents.values()):
        return None
    return indent


def _margin_split(line: str, body: int) -> tuple[str, str] | None:
    """(note, body text) of a line holding a margin note ('Délib.' beside 'COMPTER DU …', or 'n° 2025-09'
    alone); None for any other line."""
    indent = len(line) - len(line.lstrip(" "))
    if not line.strip() or indent >= body - _NOTE_CLEARANCE:
        return None
    gap = WIDE_GAP.search(line, indent)
    if gap is None:
        note, rest = line.strip(), ""
        end = len(line.rstrip())
    elif abs(gap.end() - body) <= 1:
        note, rest = line[indent : gap.start()], line[gap.end() :].rstrip()
        end = gap.start()
    else:
        return None
    if len(note) > _MAX_NOTE or end > body - _NOTE_CLEARANCE:
        return None
    return note, rest

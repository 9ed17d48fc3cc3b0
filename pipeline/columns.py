"""Side-by-side columns in plain text (a margin of counts beside the body, as text layers and
layout-preserving converters write them) read one column after the other.

A gutter is a character position where, over a block of lines, the left
column ends and at least three spaces separate it from the right column. The
block is rewritten as the left column's lines, a blank line, then the right
column's lines; lines above and below the block are kept as they are. A file of
several extracts in that layout has one block each: blocks are looked for again
below each one. Under a block, a few lines may still hold both columns where a
long left line (a stamp's 'Envoyé en préfecture le …') broke the gutter; those
whose right text starts at the block's right column are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MIN_GUTTER_LINES = 8
_MIN_LEFT_LINES = 3
_MIN_SPACES = 3
_MAX_LEFT_SHARE = 0.5


@dataclass(frozen=True)
class _Gutter:
    position: int
    first: int
    last: int


def split_columns(text: str) -> str:
    """``text`` with its two-column blocks (if any) rewritten column by column."""
    lines = text.split("\n")
    out: list[str] = []
    while (gutter := _find_gutter(lines)) is not None:
        block = lines[gutter.first : gutter.last + 1]
        out += lines[: gutter.first]
        out += _column_by_column(block, gutter.position)
        rest = lines[gutter.last + 1 :]
        count = _still_split(rest, _right_column(block, gutter.position))
        if count:
            out += _column_by_column(rest[:count], None, _right_column(block, gutter.position))
        lines = rest[count:]
    if not out:
        return text
    return "\n".join([*out, *lines])


def _column_by_column(block: list[str], position: int | None, column: int = 0) -> list[str]:
    """The block's left column, a blank line, its right column; split at ``position``. Lines under a block
    (``position`` None, split at each line's wide gap before ``column``) continue its right column: the
    right column comes first, then the left one."""
    pairs = [_halves(line, position, column) for line in block]
    left_text = re.sub(r"\n{3,}", "\n\n", "\n".join(left for left, _ in pairs).strip("\n"))
    right_text = re.sub(r"\n{3,}", "\n\n", "\n".join(right for _, right in pairs).strip("\n"))
    return [left_text, "", right_text] if position is not None else [right_text, "", left_text]


def _halves(line: str, position: int | None, column: int) -> tuple[str, str]:
    if position is not None:
        return line[:position].rstrip(), line[position:].strip() if len(line) > position else ""
    indent = len(line) - len(line.lstrip())
    if indent >= column - _COLUMN_SLACK:
        return "", line.strip()
    gap = WIDE_GAP.search(line, indent)
    return (line[indent : gap.start()], line[gap.end() :].strip()) if gap else (line.strip(), "")


#: Three spaces or more: where one column ends and the next begins.
WIDE_GAP = re.compile(r" {3,}")
#: How far (characters) a right-hand text may start from the block's right column and still belong to it.
_COLUMN_SLACK = 4


def _right_column(block: list[str], position: int) -> int:
    """Where the right column's text starts most often (its left edge)."""
    starts = [
        position + len(line[position:]) - len(line[position:].lstrip()) for line in block if line[position:].strip()
    ]
    return max(set(starts), key=starts.count) if starts else position


def _still_split(lines: list[str], column: int) -> int:
    """How many lines under a block still hold the two columns (text in the right column only, in the left
    one only, or in both) before a blank line; 0 unless two of them have text in both columns."""
    count = both = 0
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if not line.strip():
            break
        if indent < column - _COLUMN_SLACK:
            gap = WIDE_GAP.search(line, indent)
            if gap is not None and abs(gap.end() - column) > _COLUMN_SLACK:
                break
            both += gap is not None
        count += 1
    return count if both >= 2 else 0


def _find_gutter(lines: list[str]) -> _Gutter | None:
    width = max((len(line) for line in lines), default=0)
    gapped = sum(1 for line in lines if "   " in line.strip())
    if width < 50 or len(lines) < _MIN_GUTTER_LINES or gapped < _MIN_GUTTER_LINES:
        return None
    best: _Gutter | None = None
    best_score = 0
    for position in range(12, int(width * _MAX_LEFT_SHARE)):
        states = [_state(line, position) for line in lines]
        gutter = _longest_block(states, position)
        if gutter is None:
            continue
        score = sum(1 for state in states[gutter.first : gutter.last + 1] if state == "split")
        if score > best_score:
            best, best_score = gutter, score
    return best


def _state(line: str, position: int) -> str:
    """'split': a run of spaces at ``position`` separates text on both sides; 'left' or 'right':
    text on one side only; 'blank'; 'cross': text runs across the position."""
    if not line.strip():
        return "blank"
    left, right = line[:position], line[position:]
    if not left.strip():
        return "right"
    if not right.strip():
        return "left"
    if line[position - 1] != " ":
        return "cross"
    run_start = len(left.rstrip(" "))
    run_end = position + len(right) - len(right.lstrip(" "))
    return "split" if run_end - run_start >= _MIN_SPACES else "cross"


def _longest_block(states: list[str], position: int) -> _Gutter | None:
    """The longest run of lines without a crossing line, holding enough split lines."""
    best: _Gutter | None = None
    start = None
    for index, state in enumerate([*states, "cross"]):
        if state == "cross":
            if start is not None:
                run = states[start:index]
                splits = run.count("split")
                lefts = splits + run.count("left")
                sided = [start + i for i, state in enumerate(run) if state in ("split", "left")]
                if (
                    splits >= _MIN_GUTTER_LINES
                    and lefts >= _MIN_LEFT_LINES
                    and (best is None or sided[-1] - sided[0] > best.last - best.first)
                ):
                    best = _Gutter(position, sided[0], sided[-1])
            start = None
        elif start is None:
            start = index
    return best

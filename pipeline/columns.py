"""Side-by-side columns in plain text (a margin of counts beside the body, as text layers and
layout-preserving converters write them) read one column after the other.

A gutter is a character position where, over a block of lines, the left
column ends and at least three spaces separate it from the right column. The
block is rewritten as the left column's lines, a blank line, then the right
column's lines; lines above and below the block are kept as they are.
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
    """``text`` with a two-column block (if any) rewritten column by column."""
    lines = text.split("\n")
    gutter = _find_gutter(lines)
    if gutter is None:
        return text
    block = lines[gutter.first : gutter.last + 1]
    left = [line[: gutter.position].rstrip() for line in block]
    right = [line[gutter.position :].strip() if len(line) > gutter.position else "" for line in block]
    left_text = re.sub(r"\n{3,}", "\n\n", "\n".join(left).strip("\n"))
    right_text = re.sub(r"\n{3,}", "\n\n", "\n".join(right).strip("\n"))
    return "\n".join([*lines[: gutter.first], left_text, "", right_text, *lines[gutter.last + 1 :]])


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

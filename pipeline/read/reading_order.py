"""Reading order of a page from the boxes of its text: gutters, columns, rows, paragraphs.

Shared by the OCR reader (word boxes, :mod:`pipeline.read.arrange`) and the text-layer
reader (fragment boxes, :mod:`pipeline.read.layout`). Coordinates grow downwards.

- A **gutter** is a vertical band, at least ``MIN_GUTTER`` of the page width, that no
  text box crosses over most of the page's text height (``MIN_SPAN``), with a column of
  real text on each side, in the left part of the page (a margin column beside the body:
  "Nombre de membres / en exercice : 11 / ..."). A table is not a gutter: its rows sit on
  the same baselines on both sides, while a margin column and the body have lines of
  their own (``MAX_ALIGNED``). Text above or below the span reads before or after it.
- Each region is read top to bottom by **rows**: units side by side on one baseline
  (table cells) form one row, read left to right.
- A new **paragraph** starts where the pitch between two rows exceeds ``PARAGRAPH``
  times the median pitch of the page.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.read import ink

#: Narrowest gutter, as a share of the page width.
MIN_GUTTER = 0.01
#: The gutter's middle lies between these shares of the page width (a margin column, left).
GUTTER_FROM, GUTTER_TO = 0.05, 0.45
#: Share of the page's text height over which no box may cross the gutter.
MIN_SPAN = 0.6
#: Neighbouring positions belong to one gutter when their free spans agree within this share of the height.
SPAN_TOLERANCE = 0.02
#: Rows of real text (at least ``WIDE`` heights wide) needed on each side of a gutter.
MIN_ROWS = 3
WIDE = 3.0
#: Above this share of rows on the same baselines on both sides, it is a table, not columns.
MAX_ALIGNED = 0.6
#: Two units are cells of one row when they overlap vertically by ``SAME_ROW`` of the smaller
#: height, their heights differ by less than ``SAME_HEIGHT`` times, and their baselines (or tops)
#: are within ``SAME_LEVEL`` of the smaller height.
SAME_ROW = 0.5
SAME_HEIGHT = 2.0
SAME_LEVEL = 0.3
#: A pitch above this many median pitches starts a paragraph.
PARAGRAPH = 1.2
#: Resolution of the gutter search, in positions across the page width.
STEPS = 1000

#: Regions of a page with a gutter, in reading order.
ABOVE, LEFT, RIGHT, BELOW = 0, 1, 2, 3


@dataclass(frozen=True)
class Box:
    """A box of text (a word, a line, a fragment); ``baseline`` defaults to ``bottom``."""

    left: float
    top: float
    right: float
    bottom: float
    baseline: float | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def base(self) -> float:
        return self.bottom if self.baseline is None else self.baseline


@dataclass(frozen=True)
class Gutter:
    """A free vertical band ``[left, right]`` holding from ``top`` to ``bottom``."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def x(self) -> float:
        return (self.left + self.right) / 2

    def region(self, box: Box) -> int:
        """ABOVE, LEFT, RIGHT or BELOW: where ``box`` reads relative to the gutter."""
        middle = (box.top + box.bottom) / 2
        if middle < self.top:
            return ABOVE
        if middle > self.bottom:
            return BELOW
        return LEFT if (box.left + box.right) / 2 < self.x else RIGHT


def find_gutters(boxes: Sequence[Box], *, page_width: float) -> list[Gutter]:
    """Candidate gutters among ``boxes`` (words or fragments), the longest-holding first.

    A candidate still needs :func:`is_column_split` on the rows of each side.
    """
    if len(boxes) < 2 * MIN_ROWS or page_width <= 0:
        return []
    lefts, rights = np.array([b.left for b in boxes]), np.array([b.right for b in boxes])
    tops, bottoms = np.array([b.top for b in boxes]), np.array([b.bottom for b in boxes])
    text_top, text_bottom = float(tops.min()), float(bottoms.max())
    height = text_bottom - text_top
    if height <= 0:
        return []
    step = page_width / STEPS
    xs = np.arange(GUTTER_FROM * page_width, GUTTER_TO * page_width, step)
    spans = _free_spans(xs, lefts, rights, tops, bottoms, text_top, text_bottom)
    holds = np.array([bottom - top >= MIN_SPAN * height for top, bottom in spans])
    gutters = []
    for start, end in ink.runs(holds):
        for first, last in _same_span(spans, start, end, tolerance=SPAN_TOLERANCE * height):
            top = max(spans[index][0] for index in range(first, last))
            bottom = min(spans[index][1] for index in range(first, last))
            gutter = Gutter(left=float(xs[first]), right=float(xs[last - 1]), top=top, bottom=bottom)
            wide = gutter.right - gutter.left >= MIN_GUTTER * page_width
            if wide and bottom - top >= MIN_SPAN * height and _text_on_both_sides(gutter, boxes):
                gutters.append(gutter)
    return sorted(gutters, key=lambda gutter: (gutter.top - gutter.bottom, gutter.left - gutter.right))


def _text_on_both_sides(gutter: Gutter, boxes: Sequence[Box]) -> bool:
    sides = [gutter.region(box) for box in boxes]
    return sides.count(LEFT) >= MIN_ROWS and sides.count(RIGHT) >= MIN_ROWS


def _same_span(spans: list[tuple[float, float]], start: int, end: int, *, tolerance: float) -> list[tuple[int, int]]:
    """Split positions ``start:end`` into runs whose free spans agree (within ``tolerance``)."""
    runs = []
    first = start
    for index in range(start + 1, end):
        top, bottom = spans[index]
        if abs(top - spans[first][0]) > tolerance or abs(bottom - spans[first][1]) > tolerance:
            runs.append((first, index))
            first = index
    runs.append((first, end))
    return runs


def _free_spans(
    xs: np.ndarray,
    lefts: np.ndarray,
    rights: np.ndarray,
    tops: np.ndarray,
    bottoms: np.ndarray,
    text_top: float,
    text_bottom: float,
) -> list[tuple[float, float]]:
    """:func:`_free_span` at each of ``xs``, worked out again only where the boxes crossing change."""
    crossing = (lefts[np.newaxis, :] < xs[:, np.newaxis]) & (rights[np.newaxis, :] > xs[:, np.newaxis])
    changed = np.ones(len(xs), dtype=bool)
    changed[1:] = (crossing[1:] != crossing[:-1]).any(axis=1)
    spans: list[tuple[float, float]] = []
    for index in range(len(xs)):
        if changed[index]:
            span = _free_span(crossing[index], tops, bottoms, text_top, text_bottom)
        spans.append(span)
    return spans


def _free_span(
    crossing: np.ndarray,
    tops: np.ndarray,
    bottoms: np.ndarray,
    text_top: float,
    text_bottom: float,
) -> tuple[float, float]:
    """The longest vertical stretch of the page where no box crosses a vertical (``crossing``: the boxes
    that cross it)."""
    best, cursor = (text_top, text_top), text_top
    for top, bottom in sorted(zip(tops[crossing].tolist(), bottoms[crossing].tolist(), strict=True)):
        if top - cursor > best[1] - best[0]:
            best = (cursor, top)
        cursor = max(cursor, bottom)
    if text_bottom - cursor > best[1] - best[0]:
        best = (cursor, text_bottom)
    return best


def is_column_split(left: Sequence[Box], right: Sequence[Box]) -> bool:
    """Do the rows left and right of a gutter make two columns (not one table, not a bullet list)?"""
    if _wide_rows(left) < MIN_ROWS or _wide_rows(right) < MIN_ROWS:
        return False
    aligned_left = sum(any(_aligned(a, b) for b in right) for a in left) / len(left)
    aligned_right = sum(any(_aligned(b, a) for a in left) for b in right) / len(right)
    return min(aligned_left, aligned_right) < MAX_ALIGNED


def _wide_rows(rows: Sequence[Box]) -> int:
    return sum(row.width >= WIDE * row.height for row in rows)


def _aligned(a: Box, b: Box) -> bool:
    return abs(a.base - b.base) <= 0.25 * min(a.height, b.height)


# --------------------------------------------------------------------------- rows and paragraphs


def rows(units: Sequence[Box], *, level: bool = True) -> list[list[int]]:
    """Indices of ``units`` grouped into rows (side by side on one line), top to bottom, left to right.

    ``level``: also require like heights and baselines (OCR, where a stamp or a column of
    bullets sits beside lines it does not belong to); text layers only need the overlap.
    """
    order = sorted(range(len(units)), key=lambda index: (units[index].base, units[index].left))
    grouped: list[list[int]] = []
    for index in order:
        for row in reversed(grouped[-3:]):
            if _joins(units[index], [units[other] for other in row], level=level):
                row.append(index)
                break
        else:
            grouped.append([index])
    for row in grouped:
        row.sort(key=lambda index: units[index].left)
    return sorted(grouped, key=lambda row: min(units[index].top for index in row))


def _joins(unit: Box, row: list[Box], *, level: bool) -> bool:
    """Is ``unit`` a cell of ``row``: beside its boxes and on the same line as one of them?"""
    if not all(unit.right <= box.left or unit.left >= box.right for box in row):
        return False
    return any(_same_line(unit, box, level=level) for box in row)


def _same_line(a: Box, b: Box, *, level: bool) -> bool:
    low, high = sorted((a.height, b.height))
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap < SAME_ROW * low:
        return False
    if not level:
        return True
    aligned = abs(a.base - b.base) <= SAME_LEVEL * low or abs(a.top - b.top) <= SAME_LEVEL * low
    return high <= SAME_HEIGHT * low and aligned


def row_box(units: Sequence[Box], row: Sequence[int]) -> Box:
    """The box around the units of one row; its baseline is their median baseline."""
    boxes = [units[index] for index in row]
    return Box(
        left=min(box.left for box in boxes),
        top=min(box.top for box in boxes),
        right=max(box.right for box in boxes),
        bottom=max(box.bottom for box in boxes),
        baseline=statistics.median(box.base for box in boxes),
    )


def paragraph_starts(columns: Sequence[Sequence[Box]]) -> list[list[bool]]:
    """For each row of each column (rows top to bottom): does it start a paragraph?

    The pitch between two rows is the distance between their baselines (tops move with
    capitals and ascenders; a baseline only with a descender in every word).
    """
    pitches = [_pitch(a, b) for column in columns for a, b in itertools.pairwise(column)]
    heights = [box.height for column in columns for box in column]
    typical = statistics.median(heights) if heights else 0.0
    usual = [pitch for pitch in pitches if 0 < pitch <= 2.5 * typical]
    median = statistics.median(usual) if len(usual) >= 3 else 1.25 * typical
    starts = []
    for column in columns:
        flags = [True] * len(column)
        for index in range(1, len(column)):
            flags[index] = _pitch(column[index - 1], column[index]) > PARAGRAPH * median
        starts.append(flags)
    return starts


def _pitch(above: Box, below: Box) -> float:
    return below.base - above.base

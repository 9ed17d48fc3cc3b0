"""OCR lines in reading order: margin column first, each column top to bottom, paragraphs.

Tesseract's automatic segmentation (psm 3) can merge a line of a margin column with
the body line beside it ("Nombre de membres 2021 et 2022.") or emit blocks out of
order (a vote line before its item's heading). From the word boxes alone we:

1. measure the page's skew (the slope of long lines) and work in deskewed coordinates;
2. look for a vertical gutter (:func:`pipeline.read.reading_order.find_gutters`) and
   split every line that crosses it into its column parts (a ruling line read as "|"
   in the gutter is dropped);
3. read the text above the columns, the left column, the right column, then the text
   below, each top to bottom; lines at the same height in one column (table cells)
   become one line with a tab between cells; a wide pitch starts a paragraph.

The words keep their page-pixel boxes; ``OcrPage.words()`` numbers them by the lines
emitted here, so the review page finds the evidence where the text shows it.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, replace

import numpy as np

from pipeline.read import reading_order as order
from pipeline.read.lines import Line, OcrPage
from pipeline.records import Word

log = logging.getLogger(__name__)

#: Words used to find gutters: some letter or digit, this confidence, at most this many median heights.
MIN_CONF = 30.0
MAX_HEIGHT = 3.0
#: Lines used to measure skew: this many words over this share of the page width.
SKEW_WORDS = 4
SKEW_WIDTH = 0.3
#: The note of a page read in columns.
NOTE = "columns:"
#: A ruling line read as text: only these characters.
_RULE = re.compile(r"[|!¦\[\](){}/\\_—–-]+")


@dataclass(frozen=True)
class _Unit:
    """A run of words of one line on one side of the gutter, and its deskewed box."""

    words: tuple[Word, ...]
    box: order.Box


def arrange(page: OcrPage, *, label: str = "") -> OcrPage:
    """``page`` with its lines split at a gutter, in reading order, with paragraphs by pitch."""
    if not page.lines:
        return page
    slope = skew(page.lines, page.width)
    gutter, units = _split(page, slope)
    regions = [gutter.region(unit.box) if gutter else order.ABOVE for unit in units]
    lines = _emit(units, regions)
    notes = [note for note in page.notes if not note.startswith(NOTE)]
    if gutter is not None:
        notes.append(f"{NOTE} gutter at x={gutter.x:.0f} px (deskewed), the left column read first")
        log.info("%s: %s", label, notes[-1])
    return replace(page, lines=lines, notes=notes, gutter=gutter.left if gutter else None, skew=slope)


def skew(lines: list[Line], page_width: int) -> float:
    """The page's skew as a slope (pixels down per pixel right), from its long lines."""
    slopes = []
    for line in lines:
        words = [word for word in line.words if _solid(word)]
        if len(words) < SKEW_WORDS or line.right - line.left < SKEW_WIDTH * page_width:
            continue
        xs = np.array([word.left + word.width / 2 for word in words], dtype=float)
        ys = np.array([word.top + word.height for word in words], dtype=float)
        slopes.append(float(np.polyfit(xs, ys, 1)[0]))
    return statistics.median(slopes) if slopes else 0.0


def _solid(word: Word) -> bool:
    return word.conf >= MIN_CONF and any(char.isalnum() for char in word.text)


def _deskewed(words: tuple[Word, ...] | list[Word], slope: float) -> order.Box:
    """The box of ``words`` in deskewed coordinates (rotated back by ``slope``)."""
    boxes = [_word_box(word, slope) for word in words]
    return order.Box(
        left=min(box.left for box in boxes),
        top=min(box.top for box in boxes),
        right=max(box.right for box in boxes),
        bottom=max(box.bottom for box in boxes),
        baseline=statistics.median(box.bottom for box in boxes),
    )


def _word_box(word: Word, slope: float) -> order.Box:
    x, y = word.left + word.width / 2, word.top + word.height / 2
    dx, dy = slope * y, -slope * x
    return order.Box(
        left=word.left + dx, top=word.top + dy, right=word.left + word.width + dx, bottom=word.top + word.height + dy
    )


def _split(page: OcrPage, slope: float) -> tuple[order.Gutter | None, list[_Unit]]:
    """The gutter that holds (or None), and the page's units: line cells cut at that gutter."""
    cells = [cell for line in page.lines for cell in line.cell_words()]
    words = [word for cell in cells for word in cell if _solid(word)]
    if words:
        typical = statistics.median(word.height for word in words)
        words = [word for word in words if word.height <= MAX_HEIGHT * typical]
    boxes = [_word_box(word, slope) for word in words]
    for gutter in order.find_gutters(boxes, page_width=page.width):
        units = [unit for cell in cells for unit in _cut(cell, gutter, slope)]
        left = _row_boxes([unit.box for unit in units if gutter.region(unit.box) == order.LEFT])
        right = _row_boxes([unit.box for unit in units if gutter.region(unit.box) == order.RIGHT])
        if order.is_column_split(left, right):
            return gutter, units
    return None, [_Unit(words=cell, box=_deskewed(cell, slope)) for cell in cells]


def _cut(cell: tuple[Word, ...], gutter: order.Gutter, slope: float) -> list[_Unit]:
    """The parts of one cell on each side of the gutter, without a ruling line read in it."""
    sides: dict[int, list[Word]] = {}
    for word in cell:
        box = _word_box(word, slope)
        middle = (box.left + box.right) / 2
        if _RULE.fullmatch(word.text) and gutter.left <= middle <= gutter.right:
            continue
        sides.setdefault(gutter.region(box), []).append(word)
    return [_Unit(words=tuple(part), box=_deskewed(part, slope)) for part in sides.values()]


def _row_boxes(boxes: list[order.Box]) -> list[order.Box]:
    return [order.row_box(boxes, row) for row in order.rows(boxes)]


def _emit(units: list[_Unit], regions: list[int]) -> list[Line]:
    """Lines of the units, region by region, rows top to bottom, paragraph tags by pitch."""
    columns = []
    for region in (order.ABOVE, order.LEFT, order.RIGHT, order.BELOW):
        members = [unit for unit, where in zip(units, regions, strict=True) if where == region]
        if members:
            boxes = [unit.box for unit in members]
            columns.append([[members[index] for index in row] for row in order.rows(boxes)])
    row_boxes = [[order.row_box([unit.box for unit in row], range(len(row))) for row in column] for column in columns]
    starts = order.paragraph_starts(row_boxes)
    lines = []
    paragraph = 0
    for column, flags in zip(columns, starts, strict=True):
        for row, start in zip(column, flags, strict=True):
            paragraph += start
            lines.append(_row_line(row, paragraph))
    return lines


def _row_line(row: list[_Unit], paragraph: int) -> Line:
    words: list[Word] = []
    cells: list[int] = []
    for unit in row:
        if words:
            cells.append(len(words))
        words.extend(sorted(unit.words, key=lambda word: word.left))
    return Line(words=tuple(words), paragraph=(paragraph,), cells=tuple(cells))

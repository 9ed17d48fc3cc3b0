"""Text layers of PDF pages: lines in the order they sit on the page, and stamp detection.

pypdfium2 gives the characters in content-stream order (63× faster than pdfplumber,
same characters). We cut them into fragments (runs of characters on one line, split
where a wide gap separates them) and lay them out with
:mod:`pipeline.read.reading_order`: side-by-side text columns (a margin column beside
the body) one after the other, the left one first; each column top to bottom, fragments
on one line (table cells, a header in two columns) joined by a tab when far apart, as in
the text seeds ("Conseillers en exercice\tPrésents\tVotants" then "27\t20\t27"); a
blank line where the pitch between two lines shows a paragraph break.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.config import load_rules
from pipeline.errors import ConfigError
from pipeline.read import reading_order as order

#: Characters pdfium inserts or that carry no text.
_GENERATED = {"\r", "\n", "\x00"}
#: pdfium marks a hyphen at a line end (a soft hyphen) with these.
_SOFT_HYPHENS = {"\x02", "\ufffe"}
#: Two fragments of one line further apart than this many character widths get a tab.
TAB_GAP = 2.5
#: A fragment taller than this many median line heights is vertical text (a rotated stamp).
TALL = 2.5


Box = tuple[float, float, float, float]


@dataclass
class Fragment:
    """A run of characters pdfium put on one text line, with its box (PDF points, y up)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    char_width: float
    baseline: float | None = None

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def box(self) -> order.Box:
        """The fragment's box with y growing downwards (as :mod:`reading_order` wants)."""
        base = self.bottom if self.baseline is None else self.baseline
        return order.Box(left=self.left, top=-self.top, right=self.right, bottom=-self.bottom, baseline=-base)


def layer_text(page: pdfium.PdfPage) -> str:
    """The page's text layer, laid out as on the page ('' when there is none)."""
    textpage = page.get_textpage()
    try:
        fragments = _fragments(textpage)
    finally:
        textpage.close()
    return lay_out(fragments, page_width=page.get_width())


def _fragments(textpage: pdfium.PdfTextPage) -> list[Fragment]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    charbox = _char_boxes(textpage)
    fragments: list[Fragment] = []
    chars: list[str] = []
    boxes: list[Box] = []
    index = 0  # pdfium counts UTF-16 units: a character beyond the BMP (an emoji) takes two
    for char in textpage.get_text_range(0, count):
        position, index = index, index + (2 if ord(char) > 0xFFFF else 1)
        if char in ("\r", "\n"):
            _close(fragments, chars, boxes)
            continue
        if char in _GENERATED:
            continue
        box = charbox(position)
        inked = box[2] > box[0] and box[3] - box[1] > 0.5
        if inked and boxes and _new_fragment(boxes, box):
            _close(fragments, chars, boxes)
        chars.append("-" if char in _SOFT_HYPHENS else char)
        if inked:
            boxes.append(box)
    _close(fragments, chars, boxes)
    return fragments


def _char_boxes(textpage: pdfium.PdfTextPage) -> Callable[[int], Box]:
    """``textpage.get_charbox`` through pdfium's own function, its four doubles made once per page
    (the helper makes them for every character: a third of the time of a born-digital page)."""
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    pointers = tuple(ctypes.byref(value) for value in (left, right, bottom, top))  # pdfium's order
    function, handle = _get_charbox(), ctypes.cast(textpage.raw, ctypes.c_void_p)

    def charbox(index: int) -> Box:
        if not function(handle, index, *pointers):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return left.value, bottom.value, right.value, top.value

    return charbox


@functools.cache
def _get_charbox() -> Any:
    """pdfium's ``FPDFText_GetCharBox(text_page, index, &left, &right, &bottom, &top) -> int``, called
    without ctypes' argument conversions (pointers and an int are passed as they are): they cost
    three quarters of a call, and a born-digital page makes one per character."""
    address: Any = ctypes.cast(pdfium_c.FPDFText_GetCharBox, ctypes.c_void_p).value
    function: Any = ctypes.CFUNCTYPE(ctypes.c_int)(address)
    function.argtypes = None
    return function


def _new_fragment(boxes: list[Box], box: Box) -> bool:
    """Does ``box`` start a new fragment: far right of the previous character, or on another line?"""
    previous = boxes[-1]
    width = max(previous[2] - previous[0], box[2] - box[0], 1.0)
    if box[0] - previous[2] > TAB_GAP * width:
        return True
    if previous[1] <= box[3] and box[1] <= previous[3]:
        return False  # level with the previous character, so within the extent of the recent ones
    recent = boxes[-8:]
    bottom = min([item[1] for item in recent])
    top = max([item[3] for item in recent])
    slack = 0.25 * (top - bottom)  # an underscore sits a little below the others
    return box[3] < bottom - slack or box[1] > top + slack


def _close(fragments: list[Fragment], chars: list[str], boxes: list[Box]) -> None:
    text = "".join(chars).strip()
    if text and boxes:
        lefts, bottoms, rights, tops = zip(*boxes, strict=True)
        widths = sorted([right - left for left, right in zip(lefts, rights, strict=True)])
        fragments.append(
            Fragment(
                text=text,
                left=min(lefts),
                bottom=min(bottoms),
                right=max(rights),
                top=max(tops),
                char_width=max(widths[len(widths) // 2], 1.0),
                baseline=sorted(bottoms)[len(boxes) // 2],
            )
        )
    chars.clear()
    boxes.clear()


def lay_out(fragments: list[Fragment], *, page_width: float | None = None) -> str:
    """Fragments in reading order: columns, then lines top to bottom, a blank line between paragraphs."""
    if not fragments:
        return ""
    heights = sorted(fragment.height for fragment in fragments)
    median = max(heights[len(heights) // 2], 1.0)
    flat = [fragment for fragment in fragments if fragment.height <= TALL * median]
    tall = [fragment for fragment in fragments if fragment.height > TALL * median]
    columns = [_lines(region) for region in _regions(flat, page_width or max(f.right for f in flat))]
    starts = order.paragraph_starts([[_line_box(line) for line in column] for column in columns])
    texts: list[str] = []
    for column, flags in zip(columns, starts, strict=True):
        for line, start in zip(column, flags, strict=True):
            if start and texts:
                texts.append("")
            texts.append(_join(line))
    texts.extend(fragment.text for fragment in tall)
    return "\n".join(texts)


def _regions(fragments: list[Fragment], width: float) -> list[list[Fragment]]:
    """The whole page, or the fragments above, left of, right of and below a column gutter."""
    boxes = [fragment.box() for fragment in fragments]
    for gutter in order.find_gutters(boxes, page_width=width):
        regions = [gutter.region(box) for box in boxes]
        sides = [[box for box, where in zip(boxes, regions, strict=True) if where == side] for side in range(4)]
        if order.is_column_split(_line_boxes(sides[order.LEFT]), _line_boxes(sides[order.RIGHT])):
            return [
                [fragment for fragment, where in zip(fragments, regions, strict=True) if where == side]
                for side in range(4)
            ]
    return [fragments]


def _lines(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Visual lines of one region, top to bottom, each left to right."""
    boxes = [fragment.box() for fragment in fragments]
    return [[fragments[index] for index in row] for row in order.rows(boxes, level=False)]


def _line_boxes(boxes: list[order.Box]) -> list[order.Box]:
    return [order.row_box(boxes, row) for row in order.rows(boxes, level=False)]


def _line_box(line: list[Fragment]) -> order.Box:
    boxes = [fragment.box() for fragment in line]
    return order.row_box(boxes, range(len(boxes)))


def _join(line: list[Fragment]) -> str:
    ordered = sorted(line, key=lambda item: item.left)
    parts = [ordered[0].text]
    for previous, current in itertools.pairwise(ordered):
        gap = current.left - previous.right
        parts.append("\t" if gap > TAB_GAP * max(previous.char_width, current.char_width) else " ")
        parts.append(current.text)
    return "".join(parts)


# --------------------------------------------------------------------------- stamps


@functools.cache
def stamp_patterns() -> tuple[re.Pattern[str], ...]:
    """The prefecture stamp patterns of ``models/read_stamps.yaml``, compiled."""
    entries = load_rules("read_stamps").get("stamps", [])
    try:
        return tuple(re.compile(entry["pattern"], re.IGNORECASE) for entry in entries)
    except (re.error, KeyError, TypeError) as error:
        raise ConfigError(f"invalid pattern in models/read_stamps.yaml: {error}") from error


def without_stamps(text: str) -> str:
    """``text`` with every prefecture stamp phrase removed."""
    for pattern in stamp_patterns():
        text = pattern.sub(" ", text)
    return text


def meaningful_chars(text: str) -> int:
    """Letters and digits in ``text`` once stamps are removed."""
    return sum(map(str.isalnum, without_stamps(text)))

"""OCR lines: Tesseract's TSV parsed into lines of :class:`Word` s, and the page text they make.

``Page.text`` keeps the layout: words joined by spaces, table cells on one line by tabs,
lines by newlines, a blank line between paragraphs. Tesseract's own blocks and paragraphs
tag the lines as parsed; :mod:`pipeline.read.arrange` then puts them in reading order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np

from pipeline.read.ocr_cache import TsvData
from pipeline.records import Word


@dataclass(frozen=True)
class Line:
    """One OCR line: its words (boxes in page pixels) and the paragraph it belongs to.

    ``cells`` holds the indices of the words that start a new table cell (a tab before).
    """

    words: tuple[Word, ...]
    paragraph: tuple[int, ...]
    cells: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        parts: list[str] = []
        for index, word in enumerate(self.words):
            if index:
                parts.append("\t" if index in self.cells else " ")
            parts.append(word.text)
        return "".join(parts)

    def cell_words(self) -> list[tuple[Word, ...]]:
        """The words of each cell, left to right (one cell for a plain line)."""
        bounds = [0, *sorted(set(self.cells) - {0}), len(self.words)]
        return [self.words[start:end] for start, end in itertools.pairwise(bounds) if end > start]

    def with_words(self, words: tuple[Word, ...] | list[Word]) -> Line:
        """This line with other words; a cell still starts at each word that started one."""
        starts = [self.words[index] for index in self.cells]
        new = tuple(words)
        cells = tuple(i for i, word in enumerate(new) if i and any(word is start for start in starts))
        return Line(words=new, paragraph=self.paragraph, cells=cells)

    @property
    def left(self) -> int:
        return min(word.left for word in self.words)

    @property
    def right(self) -> int:
        return max(word.left + word.width for word in self.words)

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> int:
        return max(word.top + word.height for word in self.words)

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass(frozen=True)
class UnsureWord:
    """A word Tesseract was unsure of: its place on the page (line, position in the line) and its
    image with a margin of the page (:mod:`pipeline.read.reread`)."""

    line: int
    position: int
    word: Word
    image: np.ndarray


@dataclass
class OcrPage:
    """What OCR made of one page image.

    ``unsure`` holds the words to read again before the page is final (:mod:`pipeline.read.reread`).
    ``gutter`` is the left edge of a column gutter found by :mod:`pipeline.read.arrange`
    (deskewed pixels) and ``skew`` the page's slope: the gutter's edge at height ``y`` is
    at ``gutter - skew * y`` on the page image.
    """

    lines: list[Line]
    width: int
    height: int
    notes: list[str] = field(default_factory=list)
    timed_out: bool = False
    gutter: float | None = None
    skew: float = 0.0
    dpi: int | None = None
    unsure: list[UnsureWord] = field(default_factory=list)

    def column_edge(self, x: float, y: float) -> float | None:
        """The page-image x of the gutter at height ``y`` when ``x`` lies left of it, else None."""
        if self.gutter is None:
            return None
        edge = self.gutter - self.skew * y
        return edge if x < edge else None

    @property
    def text(self) -> str:
        return lines_text(self.lines)

    def words(self) -> list[Word]:
        """Every word, with ``line`` set to its line's index on the page."""
        return [word.model_copy(update={"line": index}) for index, line in enumerate(self.lines) for word in line.words]

    def mean_confidence(self) -> float | None:
        confs = [word.conf for line in self.lines for word in line.words if word.conf >= 0]
        return round(float(np.mean(confs)), 2) if confs else None


def parse_tsv(data: TsvData, *, dx: int = 0, dy: int = 0, tag: tuple[int, ...] = ()) -> list[Line]:
    """Lines of Tesseract's TSV dict, in Tesseract's reading order; boxes shifted by (dx, dy)."""
    grouped: dict[tuple[int, ...], list[Word]] = {}
    for index, level in enumerate(data.get("level", [])):
        text = str(data["text"][index]).strip()
        if int(level) != 5 or not text:
            continue
        key = (int(data["block_num"][index]), int(data["par_num"][index]), int(data["line_num"][index]))
        word = Word(
            text=text,
            left=int(data["left"][index]) + dx,
            top=int(data["top"][index]) + dy,
            width=int(data["width"][index]),
            height=int(data["height"][index]),
            conf=round(float(data["conf"][index]), 2),
            line=0,
        )
        grouped.setdefault(key, []).append(word)
    return [Line(words=tuple(words), paragraph=(*tag, *key[:2])) for key, words in grouped.items()]


def lines_text(lines: list[Line]) -> str:
    """Words joined by spaces, lines by newlines, a blank line between paragraphs."""
    parts: list[str] = []
    previous: tuple[int, ...] | None = None
    for line in lines:
        if previous is not None and line.paragraph != previous:
            parts.append("")
        parts.append(line.text)
        previous = line.paragraph
    return "\n".join(parts)


def with_line(page: OcrPage, index: int, line: Line, note: str) -> OcrPage:
    """A copy of ``page`` whose line ``index`` is replaced, with a note."""
    lines = list(page.lines)
    lines[index] = line
    return replace(page, lines=lines, notes=[*page.notes, note])

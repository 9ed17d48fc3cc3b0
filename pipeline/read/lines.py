"""OCR lines: Tesseract's TSV parsed into lines of :class:`Word` s, and the page text they make.

``Page.text`` keeps the layout: words joined by spaces, lines by newlines, a blank
line between paragraphs (Tesseract's blocks and paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from pipeline.read.ocr_cache import TsvData
from pipeline.records import Word


@dataclass(frozen=True)
class Line:
    """One OCR line: its words (boxes in page pixels) and the paragraph it belongs to."""

    words: tuple[Word, ...]
    paragraph: tuple[int, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

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


@dataclass
class OcrPage:
    """What OCR made of one page image."""

    lines: list[Line]
    width: int
    height: int
    notes: list[str] = field(default_factory=list)
    timed_out: bool = False

    @property
    def text(self) -> str:
        return lines_text(self.lines)

    def words(self) -> list[Word]:
        """Every word, with ``line`` set to its line's index on the page."""
        return [
            word.model_copy(update={"line": index})
            for index, line in enumerate(self.lines)
            for word in line.words
        ]

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

"""Text layers read with pdfplumber (``read.text_layer: pdfplumber``), laid out like pypdfium2's.

pdfplumber (pdfminer.six) is the text-layer reader many tools trust; on this machine it is about 60×
slower than pypdfium2 (70 ms a page against 1 ms, ../shared/PERFORMANCE.md), so pypdfium2 stays the
default and pdfplumber is the second opinion for a PDF whose layer pdfium reads badly. Its words, in
content-stream order, are joined into fragments (the words of one line not separated by a wide gap)
and laid out by :func:`pipeline.read.layout.lay_out`: both engines give the same reading order.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

import pdfplumber

from pipeline.errors import CorruptFileError
from pipeline.read.layout import TAB_GAP, Fragment, lay_out

#: Two words closer than this many points are one word for pdfplumber (its default is 3).
_X_TOLERANCE = 1.5


class PlumberLayers:
    """The text layers of one PDF file, read page by page with pdfplumber."""

    def __init__(self, path: Path) -> None:
        try:
            self._pdf = pdfplumber.open(path)
        except Exception as error:  # pdfminer raises many types on damaged files
            raise CorruptFileError(f"{path.name}: pdfplumber cannot read it ({type(error).__name__})") from error

    def __enter__(self) -> PlumberLayers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._pdf.close()

    def text(self, index: int) -> str:
        """The laid-out text layer of page ``index`` (0-based; '' when it has none)."""
        page = self._pdf.pages[index]
        words = page.extract_words(use_text_flow=True, x_tolerance=_X_TOLERANCE)
        return lay_out(fragments(words, float(page.height)), page_width=float(page.width))


def fragments(words: list[dict[str, Any]], page_height: float) -> list[Fragment]:
    """pdfplumber's words (top-down coordinates) → fragments in PDF points, y up."""
    result: list[Fragment] = []
    run: list[dict[str, Any]] = []
    for word in words:
        if run and _starts_fragment(run[-1], word):
            result.append(_fragment(run, page_height))
            run = []
        run.append(word)
    if run:
        result.append(_fragment(run, page_height))
    return result


def _char_width(word: dict[str, Any]) -> float:
    return max((word["x1"] - word["x0"]) / max(len(word["text"]), 1), 1.0)


def _starts_fragment(previous: dict[str, Any], word: dict[str, Any]) -> bool:
    """On another line, behind the previous word, or far right of it (a table cell)."""
    height = max(previous["bottom"] - previous["top"], 1.0)
    other_line = abs(word["bottom"] - previous["bottom"]) > 0.5 * height
    gap = word["x0"] - previous["x1"]
    return other_line or gap < -1.0 or gap > TAB_GAP * max(_char_width(previous), _char_width(word))


def _fragment(run: list[dict[str, Any]], page_height: float) -> Fragment:
    text = " ".join(word["text"] for word in run)
    letters = sum(len(word["text"]) for word in run)
    bottom = page_height - max(word["bottom"] for word in run)
    return Fragment(
        text=text,
        left=min(word["x0"] for word in run),
        bottom=bottom,
        right=max(word["x1"] for word in run),
        top=page_height - min(word["top"] for word in run),
        char_width=max(sum(word["x1"] - word["x0"] for word in run) / max(letters, 1), 1.0),
        baseline=bottom,
    )

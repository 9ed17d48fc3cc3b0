"""Several small images read by one Tesseract call: stacked top to bottom, split back by position.

Every Tesseract call pays a fixed cost (about 100 ms to start and load the model), more
than reading a strip of text. The repairs of one page (margin counts, uncovered
regions) therefore read all their crops at once: pasted one under the other on a white
page, with a blank gap between, and each recognised line goes back to the crop it lies
on, in that crop's own coordinates.
"""

from __future__ import annotations

import numpy as np

from pipeline.config import Settings
from pipeline.read import engine
from pipeline.read.lines import Line, parse_tsv

#: Blank rows between two crops, as a share of the tallest crop (at least ``MIN_GAP`` pixels).
GAP = 0.6
MIN_GAP = 12


def read_stacked(
    images: list[np.ndarray],
    settings: Settings,
    *,
    psm: int,
    dpi: int | None,
    label: str,
    extra: tuple[str, ...] = (),
) -> list[list[Line]]:
    """The OCR lines of each image (boxes in that image's pixels), from one Tesseract call.

    A timeout gives no lines for any image.
    """
    if not images:
        return []
    canvas, tops, left = _stack(images)
    data = engine.run(canvas, settings, psm=psm, dpi=dpi, timeout=settings.ocr.page_timeout, extra=extra, label=label)
    found: list[list[Line]] = [[] for _ in images]
    for line in parse_tsv(data or {}):
        middle = (line.top + line.bottom) / 2
        for index, (top, image) in enumerate(zip(tops, images, strict=True)):
            if top <= middle < top + image.shape[0]:
                found[index].append(_shifted(line, dx=-left, dy=-top))
                break
    return found


def stacked_height(images: list[np.ndarray]) -> int:
    """The height of the canvas the images are stacked on (Tesseract refuses one above 32 767 pixels)."""
    return sum(image.shape[0] for image in images) + _gap(images) * (len(images) + 1)


def _gap(images: list[np.ndarray]) -> int:
    return max(MIN_GAP, int(GAP * max(image.shape[0] for image in images)))


def _stack(images: list[np.ndarray]) -> tuple[np.ndarray, list[int], int]:
    """The images on one white canvas, left-aligned at ``gap``; their tops and that left margin."""
    gap = _gap(images)
    width = max(image.shape[1] for image in images) + 2 * gap
    height = stacked_height(images)
    canvas = np.full((height, width), 255, dtype=np.uint8)
    tops = []
    top = gap
    for image in images:
        canvas[top : top + image.shape[0], gap : gap + image.shape[1]] = image
        tops.append(top)
        top += image.shape[0] + gap
    return canvas, tops, gap


def _shifted(line: Line, *, dx: int, dy: int) -> Line:
    words = tuple(word.model_copy(update={"left": word.left + dx, "top": word.top + dy}) for word in line.words)
    return Line(words=words, paragraph=line.paragraph, cells=line.cells)

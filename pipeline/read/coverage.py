"""Coverage check: ink that no recognised word covers is read again.

On degraded scans Tesseract's page segmentation (psm 3) can silently drop a faded
paragraph or the start of a line. We threshold the page once, erase every
recognised word box, and look for what is left that has the shape of text: rows of
ink as tall as a text line and wide enough to be words. Those bands, grouped into
regions, are read again as text blocks (psm 6, all regions of a page in one call); confident
words go back into the page in reading order (into the line they belong to, or as new lines). A page whose
ink is covered costs a few milliseconds of numpy.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace

import numpy as np

from pipeline.config import Settings
from pipeline.read import ink
from pipeline.read.lines import Line, OcrPage
from pipeline.read.stack import read_stacked
from pipeline.records import Word

log = logging.getLogger(__name__)

#: Working resolution: blocks of FACTOR × FACTOR pixels.
FACTOR = 4
#: Words kept from a re-read region: confidence floors and share of letters.
MIN_WORD_CONF = 30.0
MIN_LINE_CONF = 55.0
MIN_LETTER_SHARE = 0.5
#: Uncovered ink is re-read when it forms a run this many text heights long (a word of 4-5 letters)
#: with ink in this share of its columns.
MIN_SEGMENT = 2.5
MIN_DENSITY = 0.4
#: A recovered word overlapping a recognised word by this share of its area is a duplicate.
MAX_OVERLAP = 0.3
#: Ink bands taller than this many text heights are pictures, not text (skewed lines merge into one band).
MAX_BAND = 15
#: Regions re-read per page at most (a page of graphics must not cost minutes).
MAX_REGIONS = 6
#: White margin around a region given to Tesseract.
PAD = 20
_typical_height = 40


def repair(page: OcrPage, gray: np.ndarray, settings: Settings, *, dpi: int | None, label: str) -> OcrPage:
    """Re-read the uncovered text-like ink of ``page``; note what was recovered."""
    heights = [word.height for line in page.lines for word in line.words]
    text_height = int(np.median(heights)) if heights else _typical_height * (dpi or 300) // 300
    regions = uncovered_regions(gray, page.lines, text_height)
    if not regions:
        return page
    lines = list(page.lines)
    recovered = 0
    for new_lines in _read_regions(gray, regions[:MAX_REGIONS], settings, dpi=dpi, label=label):
        for line in _without_duplicates(new_lines, page.lines):
            lines = insert_line(lines, line)
            recovered += len(line.words)
    if not recovered:
        return page
    regions_read = min(len(regions), MAX_REGIONS)
    note = f"coverage check: {recovered} word(s) recovered from {regions_read} uncovered region(s)"
    log.info("%s: %s", label, note)
    return replace(page, lines=lines, notes=[*page.notes, note])


def uncovered_regions(gray: np.ndarray, lines: list[Line], text_height: int) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) boxes, in page pixels, of text-like ink outside every word box."""
    threshold = ink.page_threshold(gray)
    height, width = (gray.shape[0] // FACTOR) * FACTOR, (gray.shape[1] // FACTOR) * FACTOR
    mask = np.less(gray[:height, :width], threshold).view(np.uint8)
    cells = mask.reshape(height // FACTOR, FACTOR, width // FACTOR, FACTOR)
    blocks = sum(cells[:, row] for row in range(FACTOR)).sum(axis=2, dtype=np.uint8) >= 3  # ink pixels per block
    pad = max(1, text_height // (3 * FACTOR))
    for word in itertools.chain.from_iterable(line.words for line in lines):
        top, left = word.top // FACTOR - pad, word.left // FACTOR - pad
        bottom = (word.top + word.height) // FACTOR + pad + 1
        right = (word.left + word.width) // FACTOR + pad + 1
        blocks[max(0, top) : bottom, max(0, left) : right] = False
    small_height = max(2, text_height // FACTOR)
    bands = [
        band
        for band in ink.runs(blocks.sum(axis=1) >= 4, max_gap=1)
        if 0.4 * small_height <= band[1] - band[0] <= MAX_BAND * small_height
    ]
    boxes = [box for band in bands if (box := _text_box(blocks, band, small_height)) is not None]
    return [_to_pixels(box, gray.shape) for box in _group(boxes, small_height)]


def _text_box(blocks: np.ndarray, band: tuple[int, int], small_height: int) -> tuple[int, int, int, int] | None:
    """The band's box around its word-like ink: long, dense runs (not dashes, dots or specks)."""
    columns: np.ndarray = np.asarray(blocks[band[0] : band[1]].any(axis=0))
    segments = [
        (start, end)
        for start, end in ink.runs(columns, max_gap=max(1, small_height // 2))
        if end - start >= MIN_SEGMENT * small_height and columns[start:end].mean() >= MIN_DENSITY
    ]
    if not segments:
        return None
    return (band[0], band[1], segments[0][0], segments[-1][1])


def _group(boxes: list[tuple[int, int, int, int]], small_height: int) -> list[tuple[int, int, int, int]]:
    """Merge bands that follow each other closely into paragraph regions."""
    regions: list[tuple[int, int, int, int]] = []
    for top, bottom, left, right in boxes:
        if regions:
            r_top, r_bottom, r_left, r_right = regions[-1]
            if top - r_bottom <= small_height and left < r_right and right > r_left:
                regions[-1] = (r_top, bottom, min(left, r_left), max(right, r_right))
                continue
        regions.append((top, bottom, left, right))
    return regions


def _to_pixels(box: tuple[int, int, int, int], shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    top, bottom, left, right = (value * FACTOR for value in box)
    pad = 2 * FACTOR
    return (max(0, top - pad), min(shape[0], bottom + pad), max(0, left - pad), min(shape[1], right + pad))


def _read_regions(
    gray: np.ndarray,
    regions: list[tuple[int, int, int, int]],
    settings: Settings,
    *,
    dpi: int | None,
    label: str,
) -> list[list[Line]]:
    """The confident text lines of each region (page pixels), all regions read in one call."""
    images = [np.pad(gray[top:bottom, left:right], PAD, constant_values=255) for top, bottom, left, right in regions]
    found = read_stacked(images, settings, psm=6, dpi=dpi, label=f"{label} coverage")
    kept: list[list[Line]] = []
    for number, ((top, _, left, _), lines) in enumerate(zip(regions, found, strict=True)):
        kept.append([])
        for line in lines:
            words = tuple(
                word.model_copy(update={"left": word.left + left - PAD, "top": word.top + top - PAD})
                for word in line.words
                if word.conf >= MIN_WORD_CONF
            )
            if words and _looks_like_text(words):
                kept[-1].append(Line(words=words, paragraph=(-1, number, *line.paragraph)))
    return kept


def _looks_like_text(words: tuple[Word, ...]) -> bool:
    text = "".join(word.text for word in words)
    letters = sum(char.isalpha() for char in text)
    conf = float(np.mean([word.conf for word in words]))
    return letters >= 2 and letters >= MIN_LETTER_SHARE * len(text) and conf >= MIN_LINE_CONF


def _without_duplicates(new_lines: list[Line], lines: list[Line]) -> list[Line]:
    """Drop recovered words that lie over words already recognised."""
    known = [word for line in lines for word in line.words]
    kept = []
    for line in new_lines:
        words = tuple(word for word in line.words if not any(_overlap(word, other) for other in known))
        if words:
            kept.append(Line(words=words, paragraph=line.paragraph))
    return kept


def _overlap(word: Word, other: Word) -> bool:
    width = min(word.left + word.width, other.left + other.width) - max(word.left, other.left)
    height = min(word.top + word.height, other.top + other.height) - max(word.top, other.top)
    return width > 0 and height > 0 and width * height > MAX_OVERLAP * word.width * word.height


def insert_line(lines: list[Line], new: Line) -> list[Line]:
    """Put ``new`` into the line it continues (same band), else before the first line below it."""
    for index, line in enumerate(lines):
        overlap = min(line.bottom, new.bottom) - max(line.top, new.top)
        near = new.left <= line.right + 3 * line.height and new.right >= line.left - 3 * line.height
        if overlap >= 0.5 * min(line.height, new.height) and near:
            words = tuple(sorted((*line.words, *new.words), key=lambda word: word.left))
            return [*lines[:index], line.with_words(words), *lines[index + 1 :]]
    for index, line in enumerate(lines):
        if line.top > new.top and line.left < new.right and line.right > new.left:
            return [*lines[:index], new, *lines[index:]]
    return [*lines, new]

"""Counts printed far right of their label, which page segmentation drops.

Margin columns such as "Nombre de membres / en exercice : ....... 11" put the
number so far from its label that Tesseract's automatic segmentation (psm 3)
either loses it or reads it as a stray word elsewhere. For every OCR line that
ends with ":" or with a count label (``models/read_count_labels.yaml``) and no
number, we look at the strip to the right of the label on the same line band;
the strips that hold ink are read as digits, all of a page's strips in one
Tesseract call, and each number is appended to its label's line. Stray words inside the strip
(the same number misread) are dropped. Lines without such a label cost nothing.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import replace

import numpy as np

from pipeline.config import Settings, load_rules
from pipeline.errors import ConfigError
from pipeline.read import ink
from pipeline.read.lines import Line, OcrPage
from pipeline.read.stack import read_stacked
from pipeline.records import Word

log = logging.getLogger(__name__)

#: How far right of the label (in line heights) a value may sit.
MAX_REACH = 20.0
#: A column of the strip inked over this share of its rows is a ruled line, not a digit.
RULE_SHARE = 0.85
#: Lowest mean Tesseract confidence for an accepted number.
MIN_CONF = 40.0
_NUMBER = re.compile(r"\d{1,4}")
#: A short token OCR may have made of a number: "il", "l1", "O", "S"...
_CONFUSABLE = re.compile(r"[\dOoIilL|!SsBgZz]{1,3}")
_LOOK_ALIKES = str.maketrans("OoIilL|!SsBgZz", "00111111558922")


@functools.cache
def label_pattern() -> re.Pattern[str]:
    """One regex matching a count label (or a bare ":") at the end of a line."""
    entries = load_rules("read_count_labels").get("labels", [])
    try:
        alternatives = [entry["pattern"] for entry in entries]
        return re.compile(rf"(?:{'|'.join(f'(?:{item})' for item in alternatives)}|:)\s*$", re.IGNORECASE)
    except (re.error, KeyError, TypeError) as error:
        raise ConfigError(f"invalid pattern in models/read_count_labels.yaml: {error}") from error


def wants_value(line: Line) -> bool:
    """Does this OCR line end with a count label or a colon, waiting for its number?

    Also true when the label is followed by one short token made of characters that
    OCR confuses with digits ("il" for "11"): that token is read again.
    """
    return bool(label_pattern().search(_label_part(line).text))


def _label_part(line: Line) -> Line:
    """The line without a trailing misread number ("en exercice : il" → "en exercice :")."""
    last = line.words[-1].text
    if len(line.words) > 1 and _CONFUSABLE.fullmatch(last) and not last.isdigit():
        return line.with_words(line.words[:-1])
    return line


def repair(page: OcrPage, gray: np.ndarray, settings: Settings, *, dpi: int | None, label: str) -> OcrPage:
    """Append to each label line the number found right of it; note every repair.

    All the strips of the page are read together (:mod:`pipeline.read.stack`): digits only
    first, then, for the strips still unread, any characters with look-alikes mapped.
    """
    candidates = [index for index, line in enumerate(page.lines) if wants_value(line)]
    if not candidates:
        return page
    threshold = ink.page_threshold(gray)
    strips: dict[int, tuple[int, int, int, int]] = {}
    crops: dict[int, tuple[np.ndarray, int, int]] = {}
    for index in candidates:
        strip = _strip(page, index, gray.shape[1])
        crop = _crop(gray, strip, threshold) if strip is not None else None
        if strip is not None and crop is not None:
            strips[index], crops[index] = strip, crop
    found = _read_numbers({index: crop[0] for index, crop in crops.items()}, settings, dpi=dpi, label=label)
    added: dict[int, Word] = {}
    dropped: set[tuple[int, int]] = set()
    notes: list[str] = []
    for index, (text, conf) in sorted(found.items()):
        top, bottom, left, _ = strips[index]
        x0, x1 = crops[index][1], crops[index][2]
        added[index] = Word(text=text, left=left + x0, top=top, width=x1 - x0, height=bottom - top, conf=conf, line=0)
        dropped |= _inside(page, strips[index], exclude=index)
        line = page.lines[index]
        kept = len(_label_part(line).words)
        dropped |= {(index, position) for position in range(kept, len(line.words))}
        notes.append(f"margin count: read {text} right of {_label_part(line).text!r}")
        log.info("%s: margin count %s right of %r (was %r)", label, text, _label_part(line).text, line.text)
    if not added:
        return page
    return replace(page, lines=_rebuild(page.lines, added, dropped), notes=[*page.notes, *notes])


def _strip(page: OcrPage, index: int, width: int) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the search strip right of line ``index`` (within its column), or None."""
    line = _label_part(page.lines[index])
    height = line.height
    pad = max(2, height // 4)
    top, bottom = max(0, line.top - pad), line.bottom + pad
    left = line.right + max(2, height // 3)
    right = min(width, line.right + int(MAX_REACH * height))
    edge = page.column_edge(line.right, (top + bottom) / 2)
    if edge is not None:  # a count sits in its label's column
        right = min(right, int(edge))
    for other_index, other in enumerate(page.lines):
        if other_index == index:
            continue
        for word in other.words:
            if word.left >= left and _overlaps(word, top, bottom) and _substantial(word, other):
                right = min(right, word.left - pad)
    return (top, bottom, left, right) if right - left >= height else None


def _overlaps(word: Word, top: int, bottom: int) -> bool:
    overlap = min(bottom, word.top + word.height) - max(top, word.top)
    return overlap >= 0.5 * min(word.height, bottom - top)


def _substantial(word: Word, line: Line) -> bool:
    """A word of real text (where the strip must stop), not a stray short token."""
    return len(word.text) >= 4 or len(line.words) >= 3


def _crop(gray: np.ndarray, strip: tuple[int, int, int, int], threshold: int) -> tuple[np.ndarray, int, int] | None:
    """The strip's ink (ruled lines erased), padded, and its x range in the strip; None when empty."""
    top, bottom, left, right = strip
    crop = gray[top:bottom, left:right].copy()
    mask = crop < threshold
    rules = np.convolve(mask.mean(axis=0) >= RULE_SHARE, np.ones(7), mode="same") > 0  # with the rule's edges
    crop[:, rules] = 255
    mask[:, rules] = False
    columns = ink.runs(mask.sum(axis=0) >= 2)
    rows = ink.runs(mask.sum(axis=1) >= 1)
    if not columns or not rows or max(end - start for start, end in rows) < 0.3 * (bottom - top):
        return None
    x0, x1 = columns[0][0], columns[-1][1]
    pad = (bottom - top) // 2
    return np.pad(crop[:, x0:x1], pad, constant_values=255), x0, x1


def _read_numbers(
    images: dict[int, np.ndarray], settings: Settings, *, dpi: int | None, label: str
) -> dict[int, tuple[str, float]]:
    """The number read in each image: digits only first; else any characters, look-alikes mapped."""
    found: dict[int, tuple[str, float]] = {}
    for whitelist in (True, False):
        pending = [index for index in images if index not in found]
        extra = ("tessedit_char_whitelist=0123456789",) if whitelist else ()
        lines = read_stacked(
            [images[index] for index in pending], settings, psm=6, dpi=dpi, extra=extra, label=f"{label} margin"
        )
        for index, image_lines in zip(pending, lines, strict=True):
            number = _number([word for line in image_lines for word in line.words])
            if number is not None:
                found[index] = number
    return found


def _number(words: list[Word]) -> tuple[str, float] | None:
    raw = "".join(word.text for word in words)
    text = raw.translate(_LOOK_ALIKES) if _CONFUSABLE.fullmatch(raw) else raw
    if not words or not _NUMBER.fullmatch(text):
        return None
    conf = float(np.mean([word.conf for word in words]))
    return (text, round(conf, 2)) if conf >= MIN_CONF else None


def _inside(page: OcrPage, strip: tuple[int, int, int, int], *, exclude: int) -> set[tuple[int, int]]:
    """(line, word) indices of the words whose centre lies in the strip: misreads of the number."""
    top, bottom, left, right = strip
    inside = set()
    for line_index, line in enumerate(page.lines):
        if line_index == exclude:
            continue
        for word_index, word in enumerate(line.words):
            x, y = word.left + word.width / 2, word.top + word.height / 2
            if left <= x <= right and top <= y <= bottom:
                inside.add((line_index, word_index))
    return inside


def _rebuild(lines: list[Line], added: dict[int, Word], dropped: set[tuple[int, int]]) -> list[Line]:
    rebuilt = []
    for index, line in enumerate(lines):
        words = [word for position, word in enumerate(line.words) if (index, position) not in dropped]
        if index in added:
            words.append(added[index])
        if words:
            rebuilt.append(line.with_words(words))
    return rebuilt

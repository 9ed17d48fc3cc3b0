"""Words Tesseract was unsure of, read again one by one.

On a degraded page Tesseract's line recogniser can settle a doubtful letter from its
context and get it wrong ("Traisnel" read "Traispel" at 65 %, "DESMEDT" read "DESMED1"):
names, which no dictionary helps with, suffer most. The same word cut out with a little
of the page around it is often read right, and with more confidence.

Every unsure word of a page (confidence under ``MAX_CONF``, at least ``MIN_LETTERS``
letters) is cut out once the page is read (:func:`unsure_words`); the unsure words of a
whole document are then read again together (:func:`repair_pages`, one Tesseract call
for ``BATCH_HEIGHT`` pixels of words, :mod:`pipeline.read.stack`), since a call costs about 0.1 s to start,
a tenth of a page's OCR. A reading replaces the word only when it is one word again, at
least ``MIN_GAIN`` points more confident, and a correction of a few letters rather than
another word (:func:`is_correction`). The word keeps its box.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from pipeline.config import Settings
from pipeline.read import stack
from pipeline.read.lines import Line, OcrPage, UnsureWord
from pipeline.records import Word
from pipeline.textutil import edit_distance, fold

log = logging.getLogger(__name__)

#: Words under this confidence are read again.
MAX_CONF = 70.0
#: ... when they hold this many letters (short words are too ambiguous alone).
MIN_LETTERS = 3
#: A new reading replaces the old one when it is this many points more confident.
MIN_GAIN = 5.0
#: Words read again per page at most, the least confident first (a ruined page must not cost minutes).
MAX_WORDS = 80
#: Height in pixels of the stacked word images read by one Tesseract call, at most (Tesseract refuses
#: images above 32 767 pixels).
BATCH_HEIGHT = 20_000
#: Words taller than this many times the page's median word are not text (a seal, a signature).
MAX_HEIGHT = 2.5
_EDGE_PUNCTUATION = ".,;:!?'\"‘’“”«»()[]-–—_|/\\ "
#: White margin around a word, as a share of its height.
PAD = 0.4


def unsure_words(page: OcrPage, gray: np.ndarray) -> list[UnsureWord]:
    """The page's unsure words to read again (at most ``MAX_WORDS``, the least confident first)."""
    heights = [word.height for line in page.lines for word in line.words]
    tallest = MAX_HEIGHT * float(np.median(heights)) if heights else 0.0
    found = [
        UnsureWord(line_index, position, word, word_image(gray, word))
        for line_index, line in enumerate(page.lines)
        for position, word in enumerate(line.words)
        if _is_unsure(word) and word.height <= tallest
    ]
    return sorted(found, key=lambda unsure: unsure.word.conf)[:MAX_WORDS]


def repair_pages(pages: list[OcrPage], settings: Settings, *, label: str) -> list[OcrPage]:
    """The pages with their unsure words replaced by confident re-readings, a note on each page repaired.

    The words of all pages of one resolution are read together, ``BATCH_HEIGHT`` pixels of them a call.
    """
    readings: dict[tuple[int, int, int], Word] = {}
    for dpi in {page.dpi for page in pages}:
        places = [(index, unsure) for index, page in enumerate(pages) if page.dpi == dpi for unsure in page.unsure]
        for batch in _batches(places):
            images = [unsure.image for _, unsure in batch]
            lines = stack.read_stacked(images, settings, psm=6, dpi=dpi, label=f"{label} reread")
            for (index, unsure), found in zip(batch, lines, strict=True):
                better = _better(unsure.word, [word for line in found for word in line.words])
                if better is not None:
                    readings[(index, unsure.line, unsure.position)] = better
                    log.debug("%s: %r (%.0f) read again as %r (%.0f)", label, unsure.word.text, unsure.word.conf,
                              better.text, better.conf)  # fmt: skip
    return [_repaired(index, page, readings) for index, page in enumerate(pages)]


def _batches(places: list[tuple[int, UnsureWord]]) -> list[list[tuple[int, UnsureWord]]]:
    """The words in runs whose stacked image is at most ``BATCH_HEIGHT`` pixels tall (a taller word alone)."""
    batches: list[list[tuple[int, UnsureWord]]] = [[]]
    for place in places:
        if batches[-1] and stack.stacked_height([unsure.image for _, unsure in [*batches[-1], place]]) > BATCH_HEIGHT:
            batches.append([])
        batches[-1].append(place)
    return [batch for batch in batches if batch]


def _better(word: Word, found: list[Word]) -> Word | None:
    """The word with its new reading when that is one confident correction of it, else None."""
    if len(found) != 1 or found[0].conf < word.conf + MIN_GAIN or not is_correction(word.text, found[0].text):
        return None
    return word.model_copy(update={"text": found[0].text, "conf": found[0].conf})


def _repaired(index: int, page: OcrPage, readings: dict[tuple[int, int, int], Word]) -> OcrPage:
    mine = {(line, position): word for (page_index, line, position), word in readings.items() if page_index == index}
    if not mine:
        return replace(page, unsure=[])
    lines = [_with_better(line_index, line, mine) for line_index, line in enumerate(page.lines)]
    return replace(page, lines=lines, unsure=[], notes=[*page.notes, f"{len(mine)} unsure word(s) read again alone"])


def is_correction(old: str, new: str) -> bool:
    """Whether ``new`` corrects a few letters of ``old`` ('Traispel' → 'Traisnel', 'Jean:Ciaude' →
    'Jean-Claude'); not a mere change of case, accents or edge punctuation ('Cas' → 'cas', 'PERNAK' →
    '-PERNAK'), nor another word altogether ("l'acces" → 'FAECES'), nor a reading with digits: numbers and
    IDs have repairs of their own ('PV15122023' is not turned into 'PV15122028')."""
    old_core, new_core = _core(old), _core(new)
    if fold(old_core) == fold(new_core) or not new_core or _has_digit(new_core):
        return False
    if old_core.islower() and not new_core.islower():  # "instruction" → "Pinstruction": "l'" lost, not found
        return False
    limit = max(1, len(old_core) // 4)
    return edit_distance(old_core.lower(), new_core.lower(), limit) <= limit


def _core(text: str) -> str:
    """The word without the punctuation around it."""
    return text.strip(_EDGE_PUNCTUATION)


def _is_unsure(word: Word) -> bool:
    return 0 <= word.conf < MAX_CONF and sum(char.isalpha() for char in word.text) >= MIN_LETTERS


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def word_image(gray: np.ndarray, word: Word) -> np.ndarray:
    """The word's box with a margin of the page around it (Tesseract's boxes can clip faint edges)."""
    pad = max(4, int(PAD * word.height))
    top, left = max(0, word.top - pad), max(0, word.left - pad)
    return gray[top : word.top + word.height + pad, left : word.left + word.width + pad]


def _with_better(line_index: int, line: Line, better: dict[tuple[int, int], Word]) -> Line:
    if not any((line_index, word_index) in better for word_index in range(len(line.words))):
        return line
    return Line(
        words=tuple(better.get((line_index, index), word) for index, word in enumerate(line.words)),
        paragraph=line.paragraph,
        cells=line.cells,
    )

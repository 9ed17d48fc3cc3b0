"""Evidence crops for the review page: the page image around the evidence, words highlighted.

A scanned page is re-rendered at a low resolution from the input file
(pypdfium2 for PDF, Pillow for images); the OCR word boxes of
:class:`~pipeline.records.PageSummary` (pixels at the OCR resolution) are
scaled onto it. The words of the evidence are found by letting every word of
the evidence that also appears on the page vote for an alignment offset
(OCR noise on some words does not move the others' votes).
"""

from __future__ import annotations

import base64
import io
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, UnidentifiedImageError

from pipeline.read import raster
from pipeline.records import PageSummary, Word

log = logging.getLogger(__name__)

RENDER_DPI = 100
MAX_CROP_WIDTH = 760
MAX_CROP_HEIGHT = 420
JPEG_QUALITY = 55
_MARGIN_X, _MARGIN_Y = 16, 20
_DRIFT = 3  # OCR may split or merge a few words: alignment offsets this close still count

Box = tuple[int, int, int, int]


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_FUZZY = 0.75  # similarity above which an OCR-garbled word at the aligned place still counts
_RUNS = re.compile(r"[^\W_]+")


def normalise(token: str) -> str:
    """Lower case, no accents or ligatures, letters and digits only: what OCR and cleanup agree on."""
    decomposed = unicodedata.normalize("NFKD", token.casefold().translate(_LIGATURES))
    return "".join(ch for ch in decomposed if ch.isalnum())


def tokens(text: str) -> list[str]:
    """The normalised letter-and-digit runs of ``text`` ("l'unanimité" → ["l", "unanimite"])."""
    return [normalise(run) for run in _RUNS.findall(text)]


class PageTokens:
    """The letter-and-digit runs of a page's words, each with its word's index and positions by run:
    worked out once for every piece of evidence looked up on the page."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = words
        self.runs = [(index, token) for index, word in enumerate(words) for token in tokens(word.text)]
        self.positions: dict[str, list[int]] = defaultdict(list)
        for position, (_, token) in enumerate(self.runs):
            self.positions[token].append(position)


def match_words(words: Sequence[Word] | PageTokens, text: str) -> list[Word]:
    """The page words that spell ``text`` (best alignment), or [] if too few agree.

    Both sides are cut into letter-and-digit runs, so punctuation and elisions
    do not matter; a run that does not match exactly still counts when it sits
    at its aligned place and is close enough (OCR noise: "Reu" for "Reçu").
    ``words`` may be given as their :class:`PageTokens`, to look up many texts on one page.
    """
    target = tokens(text)
    page_tokens = words if isinstance(words, PageTokens) else PageTokens(words)
    page, positions = page_tokens.runs, page_tokens.positions
    if not target or not page:
        return []
    votes: Counter[int] = Counter()
    for offset, token in enumerate(target):
        for position in positions.get(token, ()):
            votes[position - offset] += 1
    if not votes:
        return []
    start, best = min(votes.items(), key=lambda item: (-item[1], item[0]))
    if best < _votes_needed(len(target)):
        return []
    hits = {
        position
        for offset, token in enumerate(target)
        for position in positions.get(token, ())
        if abs(position - offset - start) <= _DRIFT
    }
    hits |= _close_tokens(page, target, start, hits)
    return [page_tokens.words[index] for index in sorted({page[position][0] for position in hits})]


def _close_tokens(page: Sequence[tuple[int, str]], target: Sequence[str], start: int, hits: set[int]) -> set[int]:
    """Aligned page runs that are not exact matches but close to the evidence run."""
    aligned = ((start + offset, token) for offset, token in enumerate(target))
    return {
        position
        for position, token in aligned
        if 0 <= position < len(page)
        and position not in hits
        and SequenceMatcher(None, page[position][1], token).ratio() >= _FUZZY
    }


def _votes_needed(count: int) -> int:
    return count if count <= 2 else max(2, (count + 2) // 3)


def union_box(words: Sequence[Word]) -> Box:
    """The smallest box holding every word (left, top, right, bottom)."""
    return (
        min(w.left for w in words),
        min(w.top for w in words),
        max(w.left + w.width for w in words),
        max(w.top + w.height for w in words),
    )


def render_page(path: Path, number: int) -> Image.Image | None:
    """Page ``number`` (1-based) of a PDF or image file at :data:`RENDER_DPI`, or None."""
    try:
        if path.suffix.lower() == ".pdf":
            return _render_pdf_page(path, number)
        return _image_page(path, number)
    except (OSError, pdfium.PdfiumError, UnidentifiedImageError, IndexError, EOFError) as error:
        log.warning("%s page %d: cannot render for the review page: %s", path, number, error)
        return None


def _render_pdf_page(path: Path, number: int) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        size = (math.ceil(page.get_width() * RENDER_DPI / 72), math.ceil(page.get_height() * RENDER_DPI / 72))
        image = _scan_jpeg(page, size) or page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
        page.close()
    finally:
        pdf.close()
    return image.convert("L")


def _scan_jpeg(page: pdfium.PdfPage, size: tuple[int, int]) -> Image.Image | None:
    """A scanned page that is one JPEG covering the page, decoded at a reduced scale (the JPEG
    decoder's own draft mode: a quarter of the time of a render), at ``size``; else None."""
    image = raster.covering_image(page)
    if image is None or image.get_filters() != ["DCTDecode"]:
        return None
    try:
        decoded = Image.open(io.BytesIO(bytes(image.get_data(decode_simple=False))))
        decoded.draft("L", size)
        return decoded.convert("L").resize(size, Image.Resampling.BILINEAR)
    except (OSError, UnidentifiedImageError, ValueError) as error:
        log.debug("page %s: embedded JPEG not decoded (%s), rendered instead", page, error)
        return None


def _image_page(path: Path, number: int) -> Image.Image:
    with Image.open(path) as image:
        image.seek(number - 1)
        frame = image.convert("RGB")
    frame.thumbnail((int(8.5 * RENDER_DPI), int(14 * RENDER_DPI)))
    return frame


def scale_of(image: Image.Image, page: PageSummary) -> float:
    """Rendered pixels per OCR pixel."""
    if page.image_width:
        return image.width / page.image_width
    return RENDER_DPI / (page.dpi or 300)


def crop_region(page: PageSummary, words: Sequence[Word], scale: float, size: tuple[int, int]) -> Box:
    """The region to show, in rendered pixels: the whole OCR lines holding ``words``, plus a margin."""
    lines = {w.line for w in words}
    context = [w for w in page.words if w.line in lines] or list(words)
    left, top, right, bottom = union_box([*context, *words])
    width, height = size
    region_top = max(0, int(top * scale) - _MARGIN_Y)
    return (
        max(0, int(left * scale) - _MARGIN_X),
        region_top,
        min(width, int(right * scale) + _MARGIN_X),
        min(height, int(bottom * scale) + _MARGIN_Y, region_top + MAX_CROP_HEIGHT),
    )


def crop_jpeg(image: Image.Image, page: PageSummary, words: Sequence[Word]) -> bytes:
    """A JPEG of the lines around ``words`` with each word highlighted."""
    scale = scale_of(image, page)
    region = crop_region(page, words, scale, image.size)
    cropped = image.crop(region).convert("RGBA")
    overlay = Image.new("RGBA", cropped.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for word in words:
        left, top, right, bottom = _scaled(word, scale)
        box = (left - region[0], top - region[1], right - region[0], bottom - region[1])
        draw.rectangle(box, fill=(255, 214, 0, 80), outline=(214, 40, 40, 220), width=1)
    marked = Image.alpha_composite(cropped, overlay).convert("RGB")
    if marked.width > MAX_CROP_WIDTH:
        marked = marked.resize((MAX_CROP_WIDTH, max(1, marked.height * MAX_CROP_WIDTH // marked.width)))
    buffer = io.BytesIO()
    marked.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _scaled(word: Word, scale: float) -> Box:
    return (
        int(word.left * scale) - 1,
        int(word.top * scale) - 1,
        int((word.left + word.width) * scale) + 1,
        int((word.top + word.height) * scale) + 1,
    )


def data_uri(jpeg: bytes) -> str:
    """A JPEG as a ``data:`` URI (the page embeds its images)."""
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")


class PageImages:
    """Rendered pages of one input file, each rendered at most once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pages: dict[int, Image.Image | None] = {}

    def get(self, number: int) -> Image.Image | None:
        """The rendered page ``number``, or None when it cannot be rendered."""
        if number not in self._pages:
            self._pages[number] = render_page(self.path, number)
        return self._pages[number]

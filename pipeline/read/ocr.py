"""OCR of one page image with its repairs.

One Tesseract pass (``settings.ocr.psm``); its lines are put in reading order
(:mod:`pipeline.read.arrange`: columns, rows, paragraphs); then two cheap repairs that
only cost more when they find something: counts printed far right of their label
(:mod:`pipeline.read.margin`) and ink that no recognised word covers
(:mod:`pipeline.read.coverage`), whose recovered lines are put in order again. The words Tesseract was unsure of are
cut out, to be read again with those of the document's other pages (:func:`reread_unsure`).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from pipeline.config import Settings
from pipeline.read import arrange, coverage, engine, margin, reread
from pipeline.read.lines import OcrPage, parse_tsv
from pipeline.records import Page

log = logging.getLogger(__name__)


def ocr_image(gray: np.ndarray, settings: Settings, *, dpi: int | None, timeout: float, label: str) -> OcrPage:
    """OCR a grayscale page image (2-D uint8 array) with the repairs; ``label`` is "doc pN"."""
    height, width = gray.shape
    data = engine.run(gray, settings, psm=settings.ocr.psm, dpi=dpi, timeout=timeout, label=label)
    if data is None:
        note = f"OCR gave up after {timeout:.0f} s (page_timeout): page left empty"
        return OcrPage(lines=[], width=width, height=height, notes=[note], timed_out=True)
    page = arrange.arrange(OcrPage(lines=parse_tsv(data), width=width, height=height, dpi=dpi), label=label)
    if settings.ocr.margin_counts:
        page = margin.repair(page, gray, settings, dpi=dpi, label=label)
    if settings.ocr.coverage_check:
        repaired = coverage.repair(page, gray, settings, dpi=dpi, label=label)
        if repaired is not page:
            page = arrange.arrange(repaired, label=label)
    if settings.ocr.reread_unsure:
        page = replace(page, unsure=reread.unsure_words(page, gray))
    return page


def reread_unsure(pages: list[OcrPage], settings: Settings, *, label: str) -> list[OcrPage]:
    """The OCR pages of one document once their unsure words are read again (one Tesseract call)."""
    return reread.repair_pages(pages, settings, label=label) if settings.ocr.reread_unsure else pages


def to_page(number: int, ocr: OcrPage, *, dpi: int | None, notes: list[str], layer_text: str | None = None) -> Page:
    """The :class:`Page` record of an OCRed page (``layer_text`` keeps a text layer it replaced)."""
    return Page(
        number=number,
        source="ocr",
        text=ocr.text,
        layer_text=layer_text or None,
        words=ocr.words(),
        image_width=ocr.width,
        image_height=ocr.height,
        dpi=dpi,
        mean_confidence=ocr.mean_confidence(),
        notes=[*notes, *ocr.notes],
    )

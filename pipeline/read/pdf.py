"""PDF reader: per page, the text layer or OCR.

A page keeps its text layer (laid out by :mod:`pipeline.read.layout`) when, once
prefecture stamps are removed, it has at least ``ocr.min_text_chars`` letters and
digits. Otherwise, if the page holds images or drawings, it is rendered in
grayscale at ``ocr.dpi`` and read by Tesseract: ``text`` is then the OCR text and
``layer_text`` keeps the text layer (a stamp on a scan), so neither is lost.
Encrypted, truncated, empty, oversized files raise typed errors before any rendering.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.config import Settings
from pipeline.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    ResourceLimitError,
)
from pipeline.read import layout, raster
from pipeline.read.files import Deadline
from pipeline.read.lines import OcrPage
from pipeline.read.ocr import ocr_image, reread_unsure, to_page
from pipeline.read.pages import pipelined
from pipeline.read.plumber import PlumberLayers
from pipeline.records import Page

log = logging.getLogger(__name__)

#: A complete PDF ends with %%EOF within this many bytes of its end.
EOF_WINDOW = 65536
#: The laid-out text layer of a page (the pdfium page, its 0-based index).
LayerReader = Callable[[pdfium.PdfPage, int], str]
_EMPTY_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b")
_GRAPHICS = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)


@dataclass
class PageJob:
    """One page, prepared in the calling thread: either its text layer or its image to OCR."""

    number: int
    label: str
    layer: str
    image: np.ndarray | None = None
    dpi: int | None = None
    timeout: float = 0.0
    notes: list[str] = field(default_factory=list)


def to_pages(path: Path, settings: Settings, *, deadline: Deadline) -> list[Page]:
    """Read every page of the PDF at ``path``."""
    check_complete(path)
    pdf = open_pdf(path)
    with contextlib.ExitStack() as stack:
        stack.callback(pdf.close)
        count = len(pdf)
        check_pages(pdf, count, settings, path.name)
        layer_of: LayerReader = lambda page, index: layout.layer_text(page)  # noqa: E731
        if settings.read.text_layer == "pdfplumber":
            layers = stack.enter_context(PlumberLayers(path))
            layer_of = lambda page, index: layers.text(index)  # noqa: E731
        jobs = _jobs(pdf, count, settings, path.stem, deadline, layer_of)
        read = list(pipelined(jobs, lambda job: (job, _ocr(job, settings))))
    ocr_pages = iter(reread_unsure([ocr for _, ocr in read if ocr is not None], settings, label=path.stem))
    return [_page(job, next(ocr_pages) if ocr is not None else None) for job, ocr in read]


def check_complete(path: Path) -> None:
    """Refuse a PDF cut short (no %%EOF near its end): a truncated download."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - EOF_WINDOW))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise CorruptFileError(f"{path.name} is truncated: the PDF has no end-of-file marker (%%EOF)")


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open with pypdfium2 (an empty user password is tried implicitly); map failures to typed errors.

    pdfium's error code is process-global and may be stale, so the file's own bytes decide
    between encrypted, empty and damaged.
    """
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        ends = _ends(path)
        if b"/Encrypt" in ends:
            raise EncryptedFileError(f"{path.name} is protected by a password") from error
        if _EMPTY_TREE.search(ends):
            raise EmptyFileError(f"{path.name} is a PDF with no pages") from error
        raise CorruptFileError(f"{path.name} is not a readable PDF ({error})") from error


def _ends(path: Path) -> bytes:
    """The first and last bytes of the file, where the trailer and the page tree usually are."""
    with path.open("rb") as handle:
        head = handle.read(EOF_WINDOW)
        handle.seek(max(0, path.stat().st_size - EOF_WINDOW))
        return head + handle.read()


def check_pages(pdf: pdfium.PdfDocument, count: int, settings: Settings, name: str) -> None:
    """Refuse zero pages, too many pages, or an absurd page size, before rendering anything."""
    if count == 0:
        raise EmptyFileError(f"{name} is a PDF with no pages")
    if count > settings.limits.max_pages:
        raise ResourceLimitError(f"{name} has {count} pages, above the limit of {settings.limits.max_pages}")
    limit = settings.limits.max_page_points
    for index in range(count):
        try:
            width, height = pdf.get_page_size(index)
        except pdfium.PdfiumError as error:
            raise CorruptFileError(f"{name} p{index + 1}: the page cannot be read ({error})") from error
        if not (0 < width <= limit and 0 < height <= limit):
            raise ResourceLimitError(
                f"{name} p{index + 1}: absurd page size {width:.0f} × {height:.0f} points (limit {limit:.0f})"
            )


def _jobs(
    pdf: pdfium.PdfDocument, count: int, settings: Settings, doc: str, deadline: Deadline, layer_of: LayerReader
) -> Iterator[PageJob]:
    for index in range(count):
        deadline.check(index + 1)
        label = f"{doc} p{index + 1}"
        try:
            page = pdf[index]
        except pdfium.PdfiumError as error:
            raise CorruptFileError(f"{label}: the page cannot be read ({error})") from error
        try:
            yield _prepare(page, layer_of(page, index), index + 1, label, settings, deadline)
        finally:
            page.close()


def _prepare(
    page: pdfium.PdfPage, layer: str, number: int, label: str, settings: Settings, deadline: Deadline
) -> PageJob:
    chars = layout.meaningful_chars(layer)
    job = PageJob(number=number, label=label, layer=layer)
    if chars >= settings.ocr.min_text_chars or not has_graphics(page):
        return job
    reason = "only a prefecture stamp" if layer.strip() else "empty"
    job.notes.append(f"text layer {reason} ({chars} characters): OCR")
    log.info("%s: text layer %s (%d characters): OCR", label, reason, chars)
    width, height = page.get_size()
    scale, notes = raster.render_scale(width, height, settings)
    image = raster.native_scan(page, settings.ocr.dpi) if not notes else None
    if image is None:
        image = raster.render(page, scale)
    job.image = raster.despeckle(image) if settings.ocr.despeckle else image
    job.dpi = round(scale * 72)
    job.timeout = max(1.0, min(settings.ocr.page_timeout, deadline.remaining()))
    job.notes.extend(notes)
    return job


def has_graphics(page: pdfium.PdfPage) -> bool:
    """Does the page draw images or paths (a scan, or text drawn as outlines)?"""
    return any(True for _ in page.get_objects(filter=_GRAPHICS, max_depth=3))


def _ocr(job: PageJob, settings: Settings) -> OcrPage | None:
    """The page's OCR, or None when its text layer is kept (the image is let go either way)."""
    image, job.image = job.image, None
    return None if image is None else ocr_image(image, settings, dpi=job.dpi, timeout=job.timeout, label=job.label)


def _page(job: PageJob, ocr: OcrPage | None) -> Page:
    if ocr is None:
        return Page(number=job.number, source="text_layer", text=job.layer, notes=job.notes)
    return to_page(job.number, ocr, dpi=job.dpi, notes=job.notes, layer_text=job.layer)

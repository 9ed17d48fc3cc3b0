"""Read stage: any input file → :class:`~pipeline.records.Document`.

The real type comes from the bytes (:mod:`pipeline.read.sniff`); each reader
shares one contract, ``to_pages(path, settings, *, deadline) -> list[Page]``:

- :mod:`pipeline.read.text`: UTF-8 or legacy-encoded text and markdown, one page;
- :mod:`pipeline.read.pdf`: text layers, OCR for scanned or stamp-only pages;
- :mod:`pipeline.read.image`: PNG, JPEG and (multi-page) TIFF through OCR.

Every failure is a :class:`~pipeline.errors.DelibError` subclass with a remedy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.config import Settings
from pipeline.read import image, pdf, sniff, text
from pipeline.read.files import Deadline, check_file, read_head, sha256_of
from pipeline.records import Document

__all__ = ["read_document", "sha256_of"]

log = logging.getLogger(__name__)


def read_document(path: Path, settings: Settings, *, sha256: str | None = None) -> Document:
    """Read the file at ``path`` into pages of text (with OCR words for scanned pages).

    Raises a :class:`~pipeline.errors.InputError` subclass when the file cannot be read
    as a document, :class:`~pipeline.errors.OcrError` when Tesseract is missing or fails.
    """
    path = Path(path)
    check_file(path, max_bytes=settings.limits.max_file_bytes)
    media = sniff.sniff(path, read_head(path, sniff.HEAD_BYTES))
    deadline = Deadline(settings.limits.file_timeout, name=path.name)
    if media == sniff.PDF:
        pages = pdf.to_pages(path, settings, deadline=deadline)
    elif media.startswith("image/"):
        pages = image.to_pages(path, settings, deadline=deadline)
    else:
        pages = text.to_pages(path, settings)
    log.info("%s: %s, %d page(s), %d by OCR", path.name, media, len(pages), sum(p.source == "ocr" for p in pages))
    return Document(
        path=str(path),
        doc=path.stem,
        sha256=sha256 or sha256_of(path),
        media_type=media,
        pages=pages,
    )

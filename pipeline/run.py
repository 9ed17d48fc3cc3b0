"""The orchestrator: one input file through every stage.

    read → clean → segment → extract → validate

Each stage is a pure function of the previous stage's record (only the
reader does I/O). Batches, resumption and output files live in
:mod:`pipeline.batch` and :mod:`pipeline.write`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pipeline.clean import clean
from pipeline.config import Settings
from pipeline.errors import DelibError
from pipeline.extract import extract_acts
from pipeline.read import read_document, sha256_of
from pipeline.records import Document, DocumentResult, FileRow, PageSummary
from pipeline.segment import segment
from pipeline.validate import validate

log = logging.getLogger(__name__)


def process_file(path: Path, settings: Settings, *, sha256: str | None = None) -> DocumentResult:
    """Turn one file into its acts; a bad file becomes an error row, never an exception."""
    started = time.monotonic()
    digest = sha256 or _safe_sha256(path)
    try:
        document = read_document(path, settings, sha256=digest)
    except DelibError as error:
        log.warning("%s: %s", path, error.describe())
        row = FileRow(
            path=str(path),
            sha256=digest,
            status="error",
            error=error.describe(),
            error_code=error.code,
            seconds=round(time.monotonic() - started, 3),
        )
        return DocumentResult(file=row)
    return process_document(document, started=started)


def process_document(document: Document, *, started: float | None = None) -> DocumentResult:
    """Clean, segment, extract and validate a document already read."""
    started = time.monotonic() if started is None else started
    text = clean(document)
    segmentation = segment(text)
    acts = [validate(act) for act in extract_acts(text, segmentation)]
    log.info("%s: %d page(s), %d act(s)", document.doc, len(document.pages), len(acts))
    row = FileRow(
        path=document.path,
        sha256=document.sha256,
        status="ok",
        media_type=document.media_type,
        pages=len(document.pages),
        ocr_pages=sum(page.source == "ocr" for page in document.pages),
        acts=len(acts),
        seconds=round(time.monotonic() - started, 3),
    )
    pages = [
        PageSummary(
            number=page.number,
            source=page.source,
            image_width=page.image_width,
            image_height=page.image_height,
            dpi=page.dpi,
            mean_confidence=page.mean_confidence,
            words=page.words,
            text=page.text,
        )
        for page in document.pages
    ]
    return DocumentResult(file=row, acts=acts, pages=pages)


def _safe_sha256(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None

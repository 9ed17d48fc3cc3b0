"""Read stage: any input file → :class:`~pipeline.records.Document` (one contract for every reader).

PROVISIONAL: text files and PDF text layers only; OCR and guards are being added.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber

from pipeline.config import Settings
from pipeline.errors import UnsupportedFileError
from pipeline.records import Document, Page


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: Path, settings: Settings, *, sha256: str | None = None) -> Document:
    suffix = path.suffix.lower()
    if suffix in {".txt", ".md"}:
        pages = [Page(number=1, source="text", text=path.read_text(encoding="utf-8"))]
        media = "text/plain"
    elif suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            pages = [
                Page(number=i + 1, source="text_layer", text=p.extract_text() or "")
                for i, p in enumerate(pdf.pages)
            ]
        media = "application/pdf"
    else:
        raise UnsupportedFileError(f"unsupported file type {suffix}")
    return Document(path=str(path), doc=path.stem, sha256=sha256 or sha256_of(path), media_type=media, pages=pages)

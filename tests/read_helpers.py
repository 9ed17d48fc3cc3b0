"""Builders of hostile and edge-case input files for the read-stage tests (nothing committed)."""

from __future__ import annotations

import functools
import os
import shutil
import struct
import zlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from pipeline.config import OcrSettings, Settings
from pipeline.read import read_document
from pipeline.records import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OCR_CACHE = ROOT / "tests" / "fixtures" / "ocr_cache"


#: Set DELIB_RECORD_OCR=1 to add missing entries to the committed cache (then review and commit them).
RECORD = os.environ.get("DELIB_RECORD_OCR") == "1"


def replay_settings(**ocr: object) -> Settings:
    """Settings that replay the committed OCR cache (read-only unless DELIB_RECORD_OCR=1)."""
    return Settings(ocr=OcrSettings(cache=str(OCR_CACHE), cache_readonly=not RECORD, **ocr))  # type: ignore[arg-type]


@functools.cache
def replayed(path: Path) -> Document:
    """``path`` read once per test session with :func:`replay_settings` (shared: do not modify it)."""
    return read_document(path, replay_settings())


def zero_page_pdf(path: Path) -> Path:
    pdf = pdfium.PdfDocument.new()
    pdf.save(path)
    return path


def pikepdf_zero_page(path: Path) -> Path:
    pikepdf.new().save(path)
    return path


def sized_pdf(path: Path, width: float, height: float) -> Path:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(width, height)
    pdf.save(path)
    return path


def truncated_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path, source: Path, *, user: str, owner: str = "owner-secret") -> Path:
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return path


def copy(source: Path, path: Path) -> Path:
    shutil.copyfile(source, path)
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path: Path, side: int = 100_000) -> Path:
    """A tiny PNG whose header claims side × side pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * 16
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
    data += _chunk(b"IDAT", zlib.compress(row * 4)) + _chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def text_pdf(path: Path, lines: list[tuple[float, float, str]], *, size: float = 10.0) -> Path:
    """A born-digital A4 page (595 × 842 points) with each text at (x, y) in Helvetica, y from the bottom."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding,
    )  # fmt: skip
    operations = []
    for x, y, text in lines:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        operations.append(b"BT /F1 %.1f Tf %.1f %.1f Td (" % (size, x, y) + escaped + b") Tj ET")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(b"\n".join(operations)),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path

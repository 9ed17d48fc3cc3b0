"""Find a file's real type from its first bytes (magic numbers), not only from its name.

The name only matters for plain text, which has no magic number: a file is read as
text when its extension says so and its bytes are not a known binary format.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.errors import EmptyFileError, UnsupportedFileError

log = logging.getLogger(__name__)

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
TEXT = "text/plain"
MARKDOWN = "text/markdown"

#: How many leading bytes the sniffer looks at.
HEAD_BYTES = 4096

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"II+\x00", TIFF),  # BigTIFF
    (b"MM\x00+", TIFF),
)
_TEXT_SUFFIXES = {".txt": TEXT, ".text": TEXT, ".md": MARKDOWN, ".markdown": MARKDOWN}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--")
_OTHER_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%!PS", "a PostScript file"),
)


def sniff(path: Path, head: bytes) -> str:
    """Return the media type of ``path`` from its first bytes ``head``.

    Raises :class:`EmptyFileError` for zero bytes and :class:`UnsupportedFileError` for
    anything that is not a PDF, a PNG/JPEG/TIFF image or a text file.
    """
    if not head:
        raise EmptyFileError(f"{path.name} is empty (0 bytes)")
    media = _binary_type(head)
    suffix = path.suffix.lower()
    if media is not None:
        if suffix and suffix not in _suffixes_of(media):
            log.info("%s: named %s but its bytes are %s; reading it as %s", path.name, suffix, media, media)
        return media
    other = _other_format(head)
    if other is not None:
        raise UnsupportedFileError(f"{path.name} is {other}, not a supported document")
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    if _looks_like_html(head):
        raise UnsupportedFileError(
            f"{path.name} is an HTML/XML page, not a {_expected(suffix)} (often an error page saved by a download)",
            remedy="download the real document again",
        )
    if suffix == ".pdf":
        raise UnsupportedFileError(
            f"{path.name} is not a PDF: it does not start with %PDF (unknown or damaged content)",
            remedy="download the file again, or check what program wrote it",
        )
    raise UnsupportedFileError(f"{path.name}: unknown file type{f' ({suffix})' if suffix else ''}")


def _binary_type(head: bytes) -> str | None:
    # The PDF header may follow a little junk (the specification allows 1024 bytes).
    if b"%PDF-" in head[:1024]:
        return PDF
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    return None


def _looks_like_html(head: bytes) -> bool:
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_HTML_MARKERS) or b"<html" in head[:1024].lower()


def _other_format(head: bytes) -> str | None:
    for magic, name in _OTHER_FORMATS:
        if head.startswith(magic):
            return name
    return None


def _suffixes_of(media: str) -> set[str]:
    return {
        PDF: {".pdf"},
        PNG: {".png"},
        JPEG: {".jpg", ".jpeg", ".jpe"},
        TIFF: {".tif", ".tiff"},
    }.get(media, set())


def _expected(suffix: str) -> str:
    return {".pdf": "PDF", ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image"}.get(suffix, "document")

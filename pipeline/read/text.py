"""Plain-text and markdown reader: one :class:`Page` of source ``"text"``.

UTF-8 (with or without BOM) first, UTF-16/32 when a BOM says so, else the most
likely legacy encoding (cp1252, Latin-1, ...) found by charset-normalizer and
recorded in ``Page.notes``. Binary content is refused.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.config import Settings
from pipeline.errors import UnsupportedFileError
from pipeline.read.files import read_bytes
from pipeline.records import Page

log = logging.getLogger(__name__)

#: Legacy encodings a French text file may plausibly use.
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters that text does not hold (tab, newlines, \v and \f are allowed).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Above this share of control characters, the "text" is binary data.
MAX_CONTROL_SHARE = 0.01


def to_pages(path: Path, settings: Settings) -> list[Page]:
    """Read a text or markdown file as one page."""
    data = read_bytes(path, limit=settings.limits.max_text_bytes, what="text file")
    text, note = decode_text(data, name=path.name)
    notes = [note] if note else []
    return [Page(number=1, source="text", text=text, notes=notes)]


def decode_text(data: bytes, *, name: str = "text") -> tuple[str, str | None]:
    """Decode ``data`` to text with normalised newlines; return the text and a note on the encoding.

    Raises :class:`UnsupportedFileError` when the bytes are binary, not text.
    """
    text, encoding = _decode(data, name)
    _refuse_binary(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    note = None if encoding in {"utf-8", "utf-8-sig"} else f"decoded as {encoding} (not UTF-8)"
    if note:
        log.info("%s p1: %s", name, note)
    return text, note


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    if b"\x00" in data:
        raise UnsupportedFileError(f"{name} holds binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin_1"), "latin_1"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnsupportedFileError(
            f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}: {error.reason}",
            remedy="save the file again as UTF-8",
        ) from error


def _refuse_binary(text: str, name: str) -> None:
    controls = len(_CONTROLS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise UnsupportedFileError(
            f"{name} looks like binary data, not text ({controls} control characters in {len(text)})",
        )

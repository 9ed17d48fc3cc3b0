"""A cache of Tesseract results, for the fast test suite (like OCRmyPDF's tesseract_cache).

When ``settings.ocr.cache`` (environment ``DELIB_OCR_CACHE``) names a folder, every
Tesseract call stores its TSV result there as gzip JSON, keyed by the SHA-256 of the
exact image bytes given to Tesseract, the command-line options and Tesseract's version.
Replaying needs the same image bytes: rendering with pypdfium2 is deterministic.
``DELIB_OCR_CACHE_READONLY=1`` reads the cache without adding to it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TsvData = dict[str, list[Any]]


def cache_key(image_bytes: bytes, options: list[str], version: str) -> str:
    """The key of one Tesseract call."""
    digest = hashlib.sha256(image_bytes)
    digest.update(json.dumps([options, version]).encode())
    return digest.hexdigest()


def load(folder: Path, key: str) -> TsvData | None:
    """The cached result for ``key``, or None."""
    path = folder / f"{key}.json.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("OCR cache entry %s is unreadable (%s): ignored", path, error)
        return None
    return data if isinstance(data, dict) else None


def store(folder: Path, key: str, data: TsvData) -> None:
    """Write ``data`` under ``key`` atomically; a cache that cannot be written is only logged."""
    path = folder / f"{key}.json.gz"
    payload = gzip.compress(json.dumps(data, separators=(",", ":")).encode(), mtime=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(payload)
        os.replace(handle.name, path)
    except OSError as error:
        log.warning("cannot write OCR cache entry %s: %s", path, error)

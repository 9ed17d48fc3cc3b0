"""The one place that runs Tesseract (through pytesseract ``image_to_data``).

The image goes to Tesseract as a PGM file path, never as an in-memory PIL image
(PERFORMANCE.md: pytesseract would re-encode it as PNG, +61 % time). OMP_THREAD_LIMIT=1
is set for the subprocess. A missing or failing Tesseract raises :class:`OcrError`; a
timeout returns None so that the caller can give the page up and go on.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from pathlib import Path

import numpy as np
import pytesseract

from pipeline.config import Settings
from pipeline.errors import OcrError
from pipeline.read import ocr_cache
from pipeline.read.ocr_cache import TsvData

log = logging.getLogger(__name__)

#: Tesseract calls in this process: ``tesseract`` (really run), ``cached`` (answered by the cache).
stats = {"tesseract": 0, "cached": 0}


def pgm_bytes(gray: np.ndarray) -> bytes:
    """The image as binary PGM (P5) bytes: deterministic, and the cheapest format for Tesseract."""
    height, width = gray.shape
    return b"P5\n%d %d\n255\n" % (width, height) + np.ascontiguousarray(gray, dtype=np.uint8).tobytes()


def tesseract_options(settings: Settings, *, psm: int, dpi: int | None, extra: tuple[str, ...] = ()) -> list[str]:
    """Command-line options of one call (language apart)."""
    options = ["--psm", str(psm), "-c", f"thresholding_method={settings.ocr.thresholding_method}"]
    if dpi:
        options += ["--dpi", str(dpi)]
    for item in extra:
        options += ["-c", item]
    return options


def run(
    gray: np.ndarray,
    settings: Settings,
    *,
    psm: int,
    dpi: int | None,
    timeout: float,
    extra: tuple[str, ...] = (),
    label: str = "",
) -> TsvData | None:
    """Tesseract's TSV for ``gray`` (a 2-D uint8 array) as pytesseract's dict, or None on timeout."""
    options = tesseract_options(settings, psm=psm, dpi=dpi, extra=extra)
    image = pgm_bytes(gray)
    folder = Path(settings.ocr.cache) if settings.ocr.cache else None
    key = ocr_cache.cache_key(image, [settings.ocr.language, *options], tesseract_version()) if folder else ""
    if folder is not None:
        cached = ocr_cache.load(folder, key)
        if cached is not None:
            stats["cached"] += 1
            return cached
    stats["tesseract"] += 1
    data = _call(image, settings.ocr.language, options, timeout, label)
    if data is not None and folder is not None and not settings.ocr.cache_readonly:
        ocr_cache.store(folder, key, data)
    return data


def _call(image: bytes, language: str, options: list[str], timeout: float, label: str) -> TsvData | None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="delib-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        path.write_bytes(image)
        try:
            data = pytesseract.image_to_data(
                str(path),
                lang=language,
                config=" ".join(options),
                output_type=pytesseract.Output.DICT,
                timeout=max(timeout, 1.0),
            )
        except pytesseract.TesseractNotFoundError as error:
            raise OcrError("tesseract is not installed or not on PATH") from error
        except pytesseract.TesseractError as error:
            raise OcrError(f"{label}: tesseract failed ({error.status}): {error.message}") from error
        except RuntimeError as error:
            if "timeout" not in str(error).lower():
                raise OcrError(f"{label}: tesseract failed: {error}") from error
            log.warning("%s: tesseract gave up after %.0f s", label, timeout)
            return None
    return {key: list(values) for key, values in data.items()}


@functools.cache
def tesseract_version() -> str:
    """Tesseract's version (part of the cache key); OcrError when it is missing."""
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise OcrError("tesseract is not installed or not on PATH") from error

"""Shared test set-up.

The fast suite replays Tesseract results from tests/fixtures/ocr_cache (keyed by the exact page
image bytes, the options and the Tesseract version), so it runs real OCR output without the engine;
tests marked slow run the engine itself. Settings must keep the default OCR values for the keys to hit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OCR_CACHE = ROOT / "tests" / "fixtures" / "ocr_cache"

os.environ.setdefault("DELIB_OCR_CACHE", str(OCR_CACHE))
os.environ.setdefault("DELIB_OCR_CACHE_READONLY", "1")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="session")
def samples() -> Path:
    """The samples folder."""
    return SAMPLES

"""Image reader: PNG, JPEG, TIFF (one page per frame of a multi-page TIFF), read by OCR.

Sizes are checked from the header before any pixel is decoded: above
``limits.max_image_megapixels`` the file is refused as a decompression bomb.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.config import Settings
from pipeline.errors import CorruptFileError, ResourceLimitError
from pipeline.read import raster
from pipeline.read.files import Deadline
from pipeline.read.lines import OcrPage
from pipeline.read.ocr import ocr_image, reread_unsure, to_page
from pipeline.read.pages import pipelined
from pipeline.records import Page

log = logging.getLogger(__name__)

Frame = tuple[int, np.ndarray, int | None, list[str], float]
_NO_IMAGE = np.zeros((0, 0), dtype=np.uint8)


def to_pages(path: Path, settings: Settings, *, deadline: Deadline) -> list[Page]:
    """OCR every frame of the image at ``path``."""
    limit_pixels = int(settings.limits.max_image_megapixels * 1e6)
    Image.MAX_IMAGE_PIXELS = limit_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                frames = _frames(image, path, settings, deadline, limit_pixels)
                read = list(pipelined(frames, lambda frame: _ocr(frame, settings, path.stem)))
        ocr_pages = reread_unsure([ocr for _, ocr in read], settings, label=path.stem)
        return [
            to_page(number, ocr, dpi=dpi, notes=notes)
            for ((number, _, dpi, notes, _), _), ocr in zip(read, ocr_pages, strict=True)
        ]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ResourceLimitError(f"{path.name}: {error}") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise CorruptFileError(f"{path.name} is a damaged or unsupported image ({error})") from error


def _frames(
    image: Image.Image, path: Path, settings: Settings, deadline: Deadline, limit_pixels: int
) -> Iterator[Frame]:
    count = getattr(image, "n_frames", 1)
    if count > settings.limits.max_pages:
        raise ResourceLimitError(f"{path.name} has {count} frames, above the limit of {settings.limits.max_pages}")
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        deadline.check(index + 1)
        width, height = frame.size
        if width * height > limit_pixels:
            raise ResourceLimitError(
                f"{path.name} p{index + 1}: {width} × {height} pixels is above the limit of "
                f"{settings.limits.max_image_megapixels:g} megapixels (a decompression bomb?)"
            )
        gray, factor, notes = raster.downscale(raster.frame_to_gray(frame), settings)
        dpi = _dpi(frame, factor)
        if settings.ocr.despeckle:
            gray = raster.despeckle(gray)
        timeout = max(1.0, min(settings.ocr.page_timeout, deadline.remaining()))
        yield index + 1, gray, dpi, notes, timeout


def _dpi(frame: Image.Image, factor: float) -> int | None:
    value = frame.info.get("dpi")
    try:
        dpi = float(value[0]) if value else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return round(dpi * factor) if dpi >= 50 else None


def _ocr(frame: Frame, settings: Settings, doc: str) -> tuple[Frame, OcrPage]:
    """The frame (its image let go) and its OCR."""
    number, gray, dpi, notes, timeout = frame
    ocr = ocr_image(gray, settings, dpi=dpi, timeout=timeout, label=f"{doc} p{number}")
    return (number, _NO_IMAGE, dpi, notes, timeout), ocr

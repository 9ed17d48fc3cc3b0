"""Page images for OCR: PDF pages rendered by pypdfium2, image frames converted to gray.

Images are 2-D uint8 numpy arrays. Sizes are checked before any pixel is decoded:
a page above ``limits.max_page_megapixels`` is rendered at a lower resolution (noted).
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from pipeline.config import Settings

log = logging.getLogger(__name__)


def render_scale(width_pt: float, height_pt: float, settings: Settings) -> tuple[float, list[str]]:
    """Scale (pixels per point) to render a page at ``ocr.dpi``, lowered to fit the pixel limit."""
    scale = settings.ocr.dpi / 72.0
    limit = settings.limits.max_page_megapixels * 1e6
    pixels = width_pt * height_pt * scale * scale
    if pixels <= limit:
        return scale, []
    lowered = math.sqrt(limit / (width_pt * height_pt))
    note = f"page rendered at {lowered * 72:.0f} dpi instead of {settings.ocr.dpi} (max_page_megapixels)"
    return lowered, [note]


def render(page: pdfium.PdfPage, scale: float) -> np.ndarray:
    """Render a PDF page in grayscale at ``scale`` pixels per point (annotations and stamps included)."""
    bitmap = page.render(scale=scale, grayscale=True, draw_annots=True)
    try:
        array = bitmap.to_numpy()
        return np.array(array[:, :, 0] if array.ndim == 3 else array, dtype=np.uint8)
    finally:
        bitmap.close()


def frame_to_gray(frame: Image.Image) -> np.ndarray:
    """One image frame as a grayscale array (transparency over white, 16-bit scaled down)."""
    if frame.mode in {"RGBA", "LA", "PA"} or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(background, rgba)
    if frame.mode in {"I;16", "I;16B", "I;16L", "I"}:
        array = np.asarray(frame, dtype=np.float64)
        peak = array.max() or 1.0
        return (array * (255.0 / peak)).clip(0, 255).astype(np.uint8)
    return np.asarray(frame.convert("L"), dtype=np.uint8).copy()


def downscale(gray: np.ndarray, settings: Settings) -> tuple[np.ndarray, float, list[str]]:
    """Shrink an image above ``max_page_megapixels``; return it, the factor applied and a note."""
    limit = settings.limits.max_page_megapixels * 1e6
    height, width = gray.shape
    if height * width <= limit:
        return gray, 1.0, []
    factor = math.sqrt(limit / (height * width))
    size = (max(1, int(width * factor)), max(1, int(height * factor)))
    smaller = np.asarray(Image.fromarray(gray).resize(size, Image.Resampling.BILINEAR), dtype=np.uint8)
    return smaller, factor, [f"image downscaled ×{factor:.2f} to {size[0]}×{size[1]} (max_page_megapixels)"]


def despeckle(gray: np.ndarray) -> np.ndarray:
    """Remove dust specks with a 3 × 3 median filter (``ocr.despeckle``; off by default, see README)."""
    return np.asarray(Image.fromarray(gray).filter(ImageFilter.MedianFilter(3)), dtype=np.uint8)

"""Page images for OCR: PDF pages rendered by pypdfium2, image frames converted to gray.

Images are 2-D uint8 numpy arrays. Sizes are checked before any pixel is decoded:
a page above ``limits.max_page_megapixels`` is rendered at a lower resolution (noted).
A page that is nothing but one upright 8-bit gray scan at the OCR resolution is not
rendered: its image is decoded as it is (15 ms instead of 95 ms a page).
"""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from pipeline.config import Settings
from pipeline.read import ink

log = logging.getLogger(__name__)
cv2.setNumThreads(1)  # one worker a core: OpenCV's own threads would compete with the other workers

#: A scan is used as it is when its resolution is within this share of ``ocr.dpi``.
NATIVE_DPI_TOLERANCE = 0.05
#: Isolated ink dots (no ink in the 5 × 5 ring around them) a megapixel above which specks are cleared.
SPECK_DENSITY = 60
#: An ink pixel with at most this many ink pixels in its 3 × 3, or its 5 × 5, neighbourhood is a speck.
SPECK_3X3 = 4
SPECK_5X5 = 9


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


def native_scan(page: pdfium.PdfPage, dpi: int) -> np.ndarray | None:
    """The page's only content, an upright 8-bit gray image covering it at about ``dpi``, decoded; else None.

    Anything else on the page (text, drawings, a second image, annotations, a rotation,
    a mask, colour) could change what a render shows, so those pages are rendered.
    """
    image = covering_image(page)
    if image is None:
        return None
    metadata = image.get_metadata()
    native = metadata.width / (page.get_width() / 72)
    if metadata.colorspace != pdfium_c.FPDF_COLORSPACE_DEVICEGRAY or metadata.bits_per_pixel != 8:
        return None
    if abs(native - dpi) > NATIVE_DPI_TOLERANCE * dpi:
        return None
    bitmap = image.get_bitmap(render=False)  # pdfium's own buffer: freed with the page
    if bitmap.format != pdfium_c.FPDFBitmap_Gray:
        return None
    return np.array(bitmap.to_numpy(), dtype=np.uint8)


def covering_image(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The page's only content when it is one upright image covering the whole page (a scan), else None.

    Anything else on the page (text, drawings, a second image, annotations, a rotation)
    could change what a render shows."""
    if page.get_rotation() or pdfium_c.FPDFPage_GetAnnotCount(page):
        return None
    objects = list(page.get_objects(max_depth=2))
    if len(objects) != 1 or not isinstance(objects[0], pdfium.PdfImage):
        return None
    width, height = page.get_size()
    a, b, c, d, e, f = objects[0].get_matrix().get()
    covers = abs(a - width) < 1 and abs(d - height) < 1 and b == c == 0 and abs(e) < 1 and abs(f) < 1
    return objects[0] if covers else None


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
    """Remove dust specks before OCR (``ocr.despeckle``), as the page needs it.

    A page strewn with specks (``SPECK_DENSITY`` isolated dots a megapixel or more, seen
    on the middle third of the page) loses every ink pixel with little ink around it
    (:func:`clear_specks`); any other page gets a 3 × 3 median filter (:func:`median3`),
    which only erodes specks but keeps faint, thin print intact. Measured on the scanned
    seeds against their text (character error rate): medium 1.13 %, heavy 1.58 %, against
    1.03 % and 2.55 % with the median filter alone; 30–60 ms a page instead of 370 ms.
    """
    third = gray.shape[0] // 3
    dark, count3, count5 = _ink_counts(gray[third : 2 * third])
    isolated = int(np.count_nonzero(dark & (count5 == count3)))  # ink with no ink in the ring around it
    if isolated >= SPECK_DENSITY * dark.size / 1e6:
        return clear_specks(gray)
    return median3(gray)


def clear_specks(gray: np.ndarray) -> np.ndarray:
    """``gray`` with specks turned white: ink pixels with at most ``SPECK_3X3`` ink pixels in their
    3 × 3 neighbourhood (themselves included), or ``SPECK_5X5`` in their 5 × 5 one."""
    dark, count3, count5 = _ink_counts(gray)
    cleaned = gray.copy()
    cleaned[dark & ((count3 <= SPECK_3X3) | (count5 <= SPECK_5X5))] = 255
    return cleaned


def _ink_counts(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ink mask (Otsu) and, for each pixel, the ink pixels in its 3 × 3 and 5 × 5 neighbourhoods."""
    dark = np.less(gray, ink.otsu_threshold(np.ascontiguousarray(gray[::4, ::4]))).view(np.uint8)
    rows3 = _shifted_sum(dark, 1, axis=0)
    rows5 = rows3 + _shifted(dark, 2, axis=0) + _shifted(dark, -2, axis=0)
    count3 = _shifted_sum(rows3, 1, axis=1)
    count5 = _shifted_sum(rows5, 1, axis=1) + _shifted(rows5, 2, axis=1) + _shifted(rows5, -2, axis=1)
    return dark.view(bool), count3, count5


def _shifted_sum(array: np.ndarray, distance: int, *, axis: int) -> np.ndarray:
    """``array`` plus its copies moved ``distance`` pixels both ways along ``axis`` (zeros enter)."""
    return array + _shifted(array, distance, axis=axis) + _shifted(array, -distance, axis=axis)


def _shifted(array: np.ndarray, distance: int, *, axis: int) -> np.ndarray:
    """``array`` moved by ``distance`` pixels along ``axis``, zeros entering (no wrap-around)."""
    moved = np.zeros_like(array)
    source = [slice(None)] * array.ndim
    target = [slice(None)] * array.ndim
    if distance > 0:
        source[axis], target[axis] = slice(None, -distance), slice(distance, None)
    else:
        source[axis], target[axis] = slice(-distance, None), slice(None, distance)
    moved[tuple(target)] = array[tuple(source)]
    return moved


def median3(gray: np.ndarray) -> np.ndarray:
    """3 × 3 median filter, edges replicated: OpenCV's ``medianBlur`` (the same pixels as Pillow's
    ``MedianFilter(3)`` in about 1 ms a page instead of 370 ms)."""
    return np.asarray(cv2.medianBlur(np.ascontiguousarray(gray), 3), dtype=np.uint8)

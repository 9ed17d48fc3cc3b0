"""OCR of scans and images: cached replays of real Tesseract output (fast), real Tesseract (slow)."""

from __future__ import annotations

import difflib
import warnings

import numpy as np
import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image, ImageFilter
from read_helpers import SAMPLES, png_bomb, replay_settings, replayed

from pipeline.config import Limits, OcrSettings, Settings
from pipeline.errors import OcrError, ResourceLimitError
from pipeline.read import coverage, engine, raster, read_document, stack
from pipeline.read.lines import OcrPage, lines_text, parse_tsv

SCANNED = sorted((SAMPLES / "scanned").glob("*.pdf")) + sorted((SAMPLES / "scanned-heavy").glob("*.pdf"))
FLAUX_PV = SAMPLES / "real" / "flaux_pv_2024-12-15_tampon.pdf"
#: The Flaux scans of the real gold set replay in the fast suite, the others in the slow one.
FLAUX_FAST = {"flaux_compte_rendu_2021-03-31", "flaux_pv_17_novembre_tampon", "flaux_pv_2024-12-15_tampon"}
FLAUX = [
    pytest.param(path, id=path.stem, marks=() if path.stem in FLAUX_FAST else pytest.mark.slow)
    for path in sorted((SAMPLES / "real").glob("flaux_*.pdf"))
]


def _similarity(ocr: str, reference: str) -> float:
    """Word-level similarity (character-level difflib is quadratic: seconds on a 9-page record)."""
    return difflib.SequenceMatcher(None, ocr.split(), reference.split(), autojunk=False).ratio()


@pytest.fixture
def cache_hits():
    """Warn (not fail) when the committed cache misses: the test then ran real Tesseract."""
    before = dict(engine.stats)
    yield
    missed = engine.stats["tesseract"] - before["tesseract"]
    if missed:
        warnings.warn(f"{missed} OCR call(s) missed tests/fixtures/ocr_cache: see its README", stacklevel=1)


@pytest.mark.parametrize("path", SCANNED, ids=lambda path: f"{path.parent.name}-{path.stem[:3]}")
def test_ocr_replays_scanned_seed(path, cache_hits):
    document = replayed(path)
    reference = (SAMPLES / "text" / f"{path.stem}.txt").read_text(encoding="utf-8")
    floor = 0.85 if "heavy" in path.parent.name else 0.9  # measured: 0.92-0.94 heavy, 0.93-0.99 medium
    assert _similarity("\n".join(page.text for page in document.pages), reference) > floor
    for page in document.pages:
        assert page.source == "ocr" and page.layer_text is None
        assert page.image_width in (2480, 2481) and (page.image_height, page.dpi) == (3508, 300)  # scan or render
        assert page.mean_confidence is not None and page.mean_confidence > 60
        assert {word.line for word in page.words} == set(range(len({word.line for word in page.words})))


@pytest.mark.parametrize("path", FLAUX)
def test_ocr_replays_flaux_scan(path, cache_hits):
    document = replayed(path)
    assert all(page.source == "ocr" for page in document.pages)
    assert "conseil municipal" in "\n".join(page.text for page in document.pages).lower()


def test_ocr_page_text_keeps_layout(cache_hits):
    page = replayed(SAMPLES / "scanned" / "000_45d3c7dc53e9d8c7.pdf").pages[0]
    assert "\n\n" in page.text  # paragraphs
    lines = page.text.split("\n")
    assert any(line.startswith("Conseillers en exercice") for line in lines)
    by_line: dict[int, list[str]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word.text)
    assert [" ".join(words) for _, words in sorted(by_line.items())] == [line for line in lines if line]


def test_ocr_margin_counts_replayed(cache_hits):
    text = replayed(FLAUX_PV).pages[0].text
    _assert_margin_counts(text)


def _assert_margin_counts(text: str) -> None:
    lines = text.split("\n")
    assert "en exercice : 11" in lines
    assert "délibération : 9" in lines
    assert "dont 3 procurations" in lines


@pytest.mark.slow
def test_ocr_margin_counts_real_tesseract():
    document = read_document(FLAUX_PV, Settings())
    _assert_margin_counts(document.pages[0].text)
    assert any("margin count" in note for note in document.pages[0].notes)


@pytest.mark.slow
def test_ocr_real_tesseract_matches_cache():
    path = SAMPLES / "scanned" / "004_e3ee9a021289d6a0.pdf"
    real = read_document(path, Settings())
    assert [page.text for page in real.pages] == [page.text for page in replayed(path).pages]
    assert "DELIBERATION" in real.pages[0].text.upper()


def _page_image(path, number=1):
    settings = replay_settings()
    return raster.despeckle(raster.render(pdfium.PdfDocument(path)[number - 1], settings.ocr.dpi / 72))


def test_ocr_coverage_recovers_dropped_paragraph(cache_hits):
    settings = replay_settings()
    gray = _page_image(SAMPLES / "scanned-heavy" / "003_2448abb873a8ba2d.pdf")
    data = engine.run(gray, settings, psm=3, dpi=300, timeout=120)
    lines = parse_tsv(data or {})
    dropped = [index for index, line in enumerate(lines) if line.text.startswith("Absents :")]
    assert dropped
    start = dropped[0]
    kept = lines[:start] + lines[start + 3 :]  # as psm 3 sometimes drops a faded paragraph
    page = OcrPage(lines=kept, width=gray.shape[1], height=gray.shape[0])
    repaired = coverage.repair(page, gray, settings, dpi=300, label="seed003 p1")
    assert any("coverage check" in note for note in repaired.notes)
    assert "Alain Rose" in repaired.text and "Absents" in repaired.text
    order = repaired.text.index("Membres votants")
    assert order < repaired.text.index("Alain Rose") < repaired.text.index("Absents suppl")


def test_ocr_coverage_quiet_on_clean_page(cache_hits):
    settings = replay_settings()
    gray = _page_image(SAMPLES / "scanned" / "004_e3ee9a021289d6a0.pdf")
    lines = parse_tsv(engine.run(gray, settings, psm=3, dpi=300, timeout=120) or {})
    assert coverage.uncovered_regions(gray, lines, 32) == []


def test_ocr_multipage_tiff_one_page_per_frame(tmp_path, cache_hits):
    source = SAMPLES / "scanned" / "003_2448abb873a8ba2d.pdf"
    pdf = pdfium.PdfDocument(source)
    frames = [Image.fromarray(raster.native_scan(page, 300)) for page in pdf]  # the images the PDF reader OCRs
    path = tmp_path / "pages.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate", dpi=(300, 300))
    document = read_document(path, replay_settings())
    assert document.media_type == "image/tiff"
    assert [page.number for page in document.pages] == [1, 2]
    assert [page.text for page in document.pages] == [page.text for page in replayed(source).pages]


def test_ocr_png_decompression_bomb_refused(tmp_path):
    with pytest.raises(ResourceLimitError, match=r"megapixels|decompression"):
        read_document(png_bomb(tmp_path / "bomb.png"), Settings())


@pytest.mark.parametrize(
    ("mode", "value"),
    [("RGBA", (0, 0, 0, 0)), ("LA", (0, 0)), ("1", 1), ("RGB", (255, 255, 255)), ("I;16", 65535)],
    ids=["transparent-rgba", "transparent-la", "bilevel", "rgb", "16-bit"],
)
def test_ocr_frames_become_white_gray(mode, value):
    gray = raster.frame_to_gray(Image.new(mode, (8, 4), value))
    assert gray.dtype == np.uint8 and gray.shape == (4, 8)
    assert int(gray.min()) == 255


def test_ocr_tesseract_missing_is_ocr_error(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    engine.tesseract_version.cache_clear()
    try:
        with pytest.raises(OcrError, match="not installed"):
            read_document(SAMPLES / "scanned" / "004_e3ee9a021289d6a0.pdf", Settings())
    finally:
        engine.tesseract_version.cache_clear()


@pytest.mark.slow
def test_ocr_page_timeout_leaves_page_empty():
    settings = Settings(ocr=OcrSettings(page_timeout=0.01, margin_counts=False, coverage_check=False))
    document = read_document(SAMPLES / "scanned" / "003_2448abb873a8ba2d.pdf", settings)
    assert document.pages[0].text == ""
    assert any("gave up" in note for note in document.pages[0].notes)


def test_ocr_image_too_large_downscaled():
    gray = np.full((3000, 3000), 255, dtype=np.uint8)
    smaller, factor, notes = raster.downscale(gray, Settings(limits=Limits(max_page_megapixels=1.0)))
    assert smaller.shape[0] * smaller.shape[1] <= 1_000_000 and factor < 1 and notes


def test_ocr_lines_text_blank_line_between_paragraphs():
    data = {
        "level": [5, 5, 5, 5],
        "block_num": [1, 1, 1, 2],
        "par_num": [1, 1, 1, 1],
        "line_num": [1, 1, 2, 1],
        "left": [0, 50, 0, 0],
        "top": [0, 0, 40, 120],
        "width": [40, 40, 40, 40],
        "height": [30, 30, 30, 30],
        "conf": [95, 90, 80, -1],
        "text": ["Objet", ":", "Budget", "Vote"],
    }
    assert lines_text(parse_tsv(data)) == "Objet :\nBudget\n\nVote"


def _speckled_page() -> np.ndarray:
    gray = np.full((200, 300), 230, dtype=np.uint8)
    gray[20:22, 20:22] = 30  # a 2 × 2 speck
    gray[50:53, 50:53] = 40  # a 3 × 3 speck
    gray[100:106, 100:106] = 20  # a full stop
    gray[40:160, 200:204] = 20  # a stroke
    gray[150, 20:120] = 25  # a one-pixel hairline: frayed ink
    return gray


@pytest.mark.parametrize(
    ("area", "kept"),
    [
        ((slice(20, 22), slice(20, 22)), False),
        ((slice(50, 53), slice(50, 53)), False),
        ((slice(101, 105), slice(101, 105)), True),
        ((slice(41, 159), slice(201, 203)), True),
        ((slice(150, 151), slice(20, 120)), False),
    ],
    ids=["speck-2px", "speck-3px", "full-stop", "stroke", "hairline"],
)
def test_ocr_clear_specks_keeps_text(area, kept):
    cleaned = raster.clear_specks(_speckled_page())
    assert bool((cleaned[area] < 128).all()) is kept
    assert cleaned.shape == (200, 300) and int(cleaned.max()) == 255


@pytest.mark.parametrize("shape", [(3, 3), (7, 5), (64, 33), (200, 300)], ids=lambda shape: f"{shape[0]}x{shape[1]}")
def test_ocr_median3_same_as_pillow(shape):
    gray = np.random.default_rng(len(shape) + shape[0]).integers(0, 256, shape, dtype=np.uint8)
    expected = np.asarray(Image.fromarray(gray).filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(raster.median3(gray), expected)


@pytest.mark.parametrize(("dots", "cleared"), [(400, True), (0, False)], ids=["strewn", "clean"])
def test_ocr_despeckle_clears_only_strewn_pages(dots, cleared):
    gray = np.full((900, 600), 230, dtype=np.uint8)
    gray[100:800:40, 50:550] = 20  # lines of text
    rng = np.random.default_rng(7)
    for y, x in zip(rng.integers(300, 600, dots), rng.integers(0, 598, dots), strict=True):
        gray[y : y + 2, x : x + 2] = 40
    despeckled = raster.despeckle(gray)
    assert np.array_equal(despeckled, raster.clear_specks(gray)) is cleared
    assert np.array_equal(despeckled, raster.median3(gray)) is not cleared


def test_ocr_stacked_crops_read_back_to_their_crop(cache_hits):
    gray = _page_image(SAMPLES / "scanned" / "004_e3ee9a021289d6a0.pdf")
    lines = parse_tsv(engine.run(gray, replay_settings(), psm=3, dpi=300, timeout=120) or {})
    chosen = [line for line in lines if len(line.text) > 30][2:5]
    crops = [gray[line.top - 10 : line.bottom + 10, line.left - 10 : line.right + 10] for line in chosen]
    found = stack.read_stacked(crops, replay_settings(), psm=6, dpi=300, label="seed004 p1 test")
    assert [" ".join(line.text for line in crop_lines) for crop_lines in found] == [line.text for line in chosen]
    for crop, crop_lines in zip(crops, found, strict=True):
        for word in (word for line in crop_lines for word in line.words):
            assert word.left >= 0 and word.left + word.width <= crop.shape[1]
            assert word.top >= 0 and word.top + word.height <= crop.shape[0]

"""OCR of scans and images: cached replays of real Tesseract output (fast), real Tesseract (slow)."""

from __future__ import annotations

import difflib
import warnings

import numpy as np
import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image
from read_helpers import SAMPLES, png_bomb, replay_settings

from pipeline.config import Limits, OcrSettings, Settings
from pipeline.errors import OcrError, ResourceLimitError
from pipeline.read import coverage, engine, raster, read_document
from pipeline.read.lines import OcrPage, lines_text, parse_tsv

SCANNED = sorted((SAMPLES / "scanned").glob("*.pdf")) + sorted((SAMPLES / "scanned-heavy").glob("*.pdf"))
FLAUX = sorted((SAMPLES / "real").glob("flaux_*.pdf"))
FLAUX_PV = SAMPLES / "real" / "flaux_pv_2024-12-15_tampon.pdf"


def _similarity(ocr: str, reference: str) -> float:
    return difflib.SequenceMatcher(
        None, " ".join(ocr.split()), " ".join(reference.split()), autojunk=False
    ).ratio()


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
    document = read_document(path, replay_settings())
    reference = (SAMPLES / "text" / f"{path.stem}.txt").read_text(encoding="utf-8")
    floor = 0.9 if "heavy" in path.parent.name else 0.95
    assert _similarity("\n".join(page.text for page in document.pages), reference) > floor
    for page in document.pages:
        assert page.source == "ocr" and page.layer_text is None
        assert (page.image_width, page.image_height, page.dpi) == (2481, 3508, 300)
        assert page.mean_confidence is not None and page.mean_confidence > 60
        assert {word.line for word in page.words} == set(range(len({word.line for word in page.words})))


@pytest.mark.parametrize("path", FLAUX, ids=lambda path: path.stem)
def test_ocr_replays_flaux_scan(path, cache_hits):
    document = read_document(path, replay_settings())
    assert all(page.source == "ocr" for page in document.pages)
    assert "conseil municipal" in "\n".join(page.text for page in document.pages).lower()


def test_ocr_page_text_keeps_layout(cache_hits):
    page = read_document(SAMPLES / "scanned" / "000_45d3c7dc53e9d8c7.pdf", replay_settings()).pages[0]
    assert "\n\n" in page.text  # paragraphs
    lines = page.text.split("\n")
    assert any(line.startswith("Conseillers en exercice") for line in lines)
    by_line: dict[int, list[str]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word.text)
    assert [" ".join(words) for _, words in sorted(by_line.items())] == [line for line in lines if line]


def test_ocr_margin_counts_replayed(cache_hits):
    text = read_document(FLAUX_PV, replay_settings()).pages[0].text
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
    replayed = read_document(path, replay_settings())
    assert [page.text for page in real.pages] == [page.text for page in replayed.pages]
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
    frames = [Image.fromarray(raster.render(page, 300 / 72)) for page in pdf]
    path = tmp_path / "pages.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate", dpi=(300, 300))
    document = read_document(path, replay_settings())
    assert document.media_type == "image/tiff"
    assert [page.number for page in document.pages] == [1, 2]
    assert [page.text for page in document.pages] == [
        page.text for page in read_document(source, replay_settings()).pages
    ]


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

"""The PDF reader: text layers laid out as on the page, the OCR decision, typed errors."""

from __future__ import annotations

import difflib

import pypdfium2 as pdfium
import pytest
from read_helpers import (
    SAMPLES,
    encrypted_pdf,
    pikepdf_zero_page,
    replay_settings,
    replayed,
    sized_pdf,
    truncated_pdf,
    zero_page_pdf,
)

from pipeline.config import Limits, Settings
from pipeline.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTimeoutError,
    ResourceLimitError,
    UnsupportedFileError,
)
from pipeline.read import layout, raster, read_document

DIGITAL = sorted((SAMPLES / "digital").glob("*.pdf"))
COUTHENANS = sorted((SAMPLES / "real").glob("couthenans_*.pdf"))
SEED_000 = SAMPLES / "digital" / "000_45d3c7dc53e9d8c7.pdf"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", DIGITAL + COUTHENANS, ids=lambda path: path.stem)
def test_pdf_born_digital_keeps_text_layer(path):
    document = read_document(path, replay_settings())
    raw = pdfium.PdfDocument(path)
    assert document.media_type == "application/pdf"
    for page in document.pages:
        if page.source == "ocr":  # an image-only page inside a born-digital file
            assert page.layer_text is None
            assert page.text.strip()
            continue
        assert page.source == "text_layer"
        content_order = raw[page.number - 1].get_textpage().get_text_range()
        ratio = difflib.SequenceMatcher(None, _words(content_order), _words(page.text), autojunk=False).ratio()
        assert ratio > 0.97, f"p{page.number}"


def test_pdf_count_table_values_on_next_line():
    text = read_document(SEED_000, Settings()).pages[0].text
    assert "Conseillers en exercice\tPrésents\tVotants\n27\t20\t27" in text


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [
        (
            "000_45d3c7dc53e9d8c7.pdf",
            1,
            "Envoyé en préfecture le 31/03/2025 Reçu en préfecture le 31/03/2025",
        ),
        ("001_eb052266d7f866ea.pdf", 1, "VILLE D'HAVELUY"),
        ("003_2448abb873a8ba2d.pdf", 1, "Communauté de Communes des Campagnes de l'Artois"),
        ("001_eb052266d7f866ea.pdf", 9, "MED_NUM_CAPH/Commune"),
    ],
    ids=["stamp-line", "header", "apostrophe", "underscore"],
)
def test_pdf_layer_lines_read_like_the_page(name, number, expected):
    page = read_document(SAMPLES / "digital" / name, Settings()).pages[number - 1]
    assert expected in page.text


def test_pdf_image_page_in_born_digital_file_is_ocred():
    document = read_document(SAMPLES / "real" / "couthenans_CR_conseil_municipal_28_10_2022.pdf", replay_settings())
    assert [page.source for page in document.pages] == ["text_layer", "text_layer", "ocr", "text_layer"]
    assert "text layer empty" in document.pages[2].notes[0]


@pytest.mark.parametrize(
    "name",
    ["flaux_pv_2024-12-15_tampon.pdf", "flaux_pv_17_novembre_tampon.pdf"],
    ids=["pv-2023-12", "pv-2023-11"],
)
def test_pdf_stamp_only_layer_is_ocred_and_kept(name):
    document = replayed(SAMPLES / "real" / name)
    for page in document.pages:
        assert page.source == "ocr"
        assert page.layer_text is not None
        assert "Envoyé en préfecture le" in page.layer_text
        assert "ID : 030-213001100-" in page.layer_text
        assert page.words and page.image_width == 2481 and page.dpi == 300
        assert any("only a prefecture stamp" in note for note in page.notes)
    assert sum(len(page.text) > 300 for page in document.pages) >= len(document.pages) // 2  # some end blank


@pytest.mark.parametrize(
    ("text", "meaningful"),
    [
        (
            "Envoyé en préfecture le 12/02/2024\nReçu en préfecture le 12/02/2024\nPublié le\n"
            "ID : 030-213001100-20240202-PV15122023-DE",
            0,
        ),
        ("Envoyé en préfecture le 31/03/2025 Reçu en préfecture le 31/03/2025 Publié le", 0),
        ("Séance du 15 décembre 2023", 22),
    ],
    ids=["flaux-stamp", "one-line-stamp", "body"],
)
def test_pdf_meaningful_chars_ignore_stamps(text, meaningful):
    assert layout.meaningful_chars(text) == meaningful


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path):
    path = encrypted_pdf(tmp_path / "owner-only.pdf", SEED_000, user="")
    document = read_document(path, Settings())
    assert document.pages[0].source == "text_layer"
    assert "Conseillers en exercice" in document.pages[0].text


def test_pdf_encrypted_with_user_password_refused(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", SEED_000, user="secret")
    with pytest.raises(EncryptedFileError, match="password") as caught:
        read_document(path, Settings())
    assert "qpdf --decrypt" in caught.value.describe()


@pytest.mark.parametrize(
    ("build", "error", "words"),
    [
        (lambda tmp: truncated_pdf(tmp / "cut.pdf", SEED_000), CorruptFileError, "truncated"),
        (lambda tmp: zero_page_pdf(tmp / "zero.pdf"), EmptyFileError, "no pages"),
        (lambda tmp: pikepdf_zero_page(tmp / "zero2.pdf"), EmptyFileError, "no pages"),
        (lambda tmp: sized_pdf(tmp / "huge.pdf", 200_000, 600), ResourceLimitError, "absurd page size"),
        (
            lambda tmp: _write(tmp / "html.pdf", b"<!DOCTYPE html><title>Erreur 404</title>"),
            UnsupportedFileError,
            "HTML",
        ),
        (
            lambda tmp: _write(tmp / "random.pdf", bytes(range(1, 256)) * 40),
            UnsupportedFileError,
            "not a PDF",
        ),
        (lambda tmp: _write(tmp / "empty.pdf", b""), EmptyFileError, "0 bytes"),
        (
            lambda tmp: _write(tmp / "broken.pdf", b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n"),
            CorruptFileError,
            "not a readable PDF",
        ),
    ],
    ids=[
        "truncated",
        "zero-pages",
        "zero-pages-pikepdf",
        "absurd-width",
        "html",
        "random-bytes",
        "empty",
        "garbage",
    ],
)
def test_pdf_broken_files_raise_typed_errors(tmp_path, build, error, words):
    with pytest.raises(error, match=words):
        read_document(build(tmp_path), Settings())


def _write(path, data):
    path.write_bytes(data)
    return path


def test_pdf_too_many_pages():
    with pytest.raises(ResourceLimitError, match="3 pages"):
        read_document(SEED_000, Settings(limits=Limits(max_pages=2)))


def test_pdf_file_timeout_between_pages():
    with pytest.raises(FileTimeoutError, match="time limit"):
        read_document(SEED_000, Settings(limits=Limits(file_timeout=0)))


@pytest.mark.parametrize(
    ("points", "megapixels", "dpi"),
    [((595.2, 841.92), 80.0, 300), ((14000.0, 14000.0), 80.0, 46), ((595.2, 841.92), 1.0, 102)],
    ids=["a4", "poster", "low-limit"],
)
def test_pdf_render_scale_fits_pixel_limit(points, megapixels, dpi):
    settings = Settings(limits=Limits(max_page_megapixels=megapixels))
    scale, notes = raster.render_scale(*points, settings)
    assert round(scale * 72) == dpi
    assert bool(notes) == (dpi != 300)
    assert points[0] * points[1] * scale * scale <= megapixels * 1e6 * 1.0001

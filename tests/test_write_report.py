"""report.html (fast part): escaping, filter attributes, self-containment, evidence crops on a
synthetic scan (the real-scan and browser checks are in test_report_browser.py)."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from test_write_samples import NASTY, sample_results

from pipeline.read import raster
from pipeline.records import ActRecord, DocumentResult, Evidence, FileRow, PageSummary, Word
from pipeline.write import write_outputs
from pipeline.write.crops import MAX_CROP_WIDTH, RENDER_DPI, match_words, normalise, render_page, tokens
from pipeline.write.report import Crops, render_report
from pipeline.write.summary import summarise

LINE = ["Reçu", "en", "préfecture", "le", "31/03/2025", "ID", ":", "059-215902842-20250327-31032025_64-DE"]


def _words(texts: list[str], *, line: int = 0, top: int = 600) -> list[Word]:
    words, left = [], 150
    for text in texts:
        width = 28 * len(text)
        words.append(Word(text=text, left=left, top=top, width=width, height=60, conf=90.0, line=line))
        left += width + 30
    return words


@pytest.mark.parametrize(
    ("page_words", "evidence", "expected"),
    [
        (LINE, "Reçu en préfecture le 31/03/2025", LINE[:5]),
        (LINE, "recu en PREFECTURE le", LINE[:4]),
        (
            ["Reu", "en", "préfecturé", "le", "31/03/2025"],
            "Reçu en préfecture le 31/03/2025",
            ["Reu", "en", "préfecturé", "le", "31/03/2025"],
        ),
        (LINE, "ID : 059-215902842-20250327-31032025_64-DE", [LINE[5], LINE[7]]),
        (LINE, "Séance du 2 avril", []),
        ([], "anything", []),
        (LINE, "", []),
    ],
    ids=[
        "exact",
        "case-and-accents",
        "ocr-noise",
        "punctuation-token",
        "absent",
        "no-words",
        "empty-evidence",
    ],
)
def test_write_report_match_words(page_words: list[str], evidence: str, expected: list[str]) -> None:
    assert [w.text for w in match_words(_words(page_words), evidence)] == expected


def test_write_report_match_words_prefers_best_alignment() -> None:
    words = _words(["le", "conseil", "municipal", "de", "Hasnon", "le", "conseil", "municipal", "approuve"])
    assert [w.text for w in match_words(words, "conseil municipal approuve")] == [w.text for w in words[6:]]


@pytest.mark.parametrize(
    ("token", "expected"), [("Préfecture,", "prefecture"), ("N°", "n"), ("«", ""), ("Œuvre", "oeuvre")]
)
def test_write_report_normalise(token: str, expected: str) -> None:
    assert normalise(token) == expected


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("report")
    write_outputs(folder, sample_results())
    return (folder / "report.html").read_text(encoding="utf-8")


def test_write_report_escapes_document_text(report: str) -> None:
    assert "<script>alert" not in report
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report
    assert "« &lt;médiateurs&gt; »" in report


def test_write_report_is_self_contained(report: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report)
    assert "<link" not in report
    assert "@import" not in report


def test_write_report_lists_every_act_and_file(report: str) -> None:
    assert report.count('<article class="act') == 4
    assert report.count('<tr class="file"') == 5
    assert 'class="status-error">error<' in report


@pytest.mark.parametrize(
    ("doc", "severities", "collectivity"),
    [
        ("hasnon_2025 · act 0", "warning info", "Hasnon"),
        ("ccca_2024_12 · act 0", "error warning", "Communauté de Communes des Campagnes de l&#x27;Artois"),
        ("sans_entete · act 0", "", "(unknown)"),
    ],
    ids=["warning-info", "errors", "unknown-collectivity"],
)
def test_write_report_filter_attributes(report: str, doc: str, severities: str, collectivity: str) -> None:
    articles = re.findall(
        r'<article [^>]*data-severities="([^"]*)" data-collectivity="([^"]*)">(.*?)</article>', report, re.S
    )
    assert (severities, collectivity) in [(s, c) for s, c, body in articles if doc in body]


def test_write_report_collectivity_options(report: str) -> None:
    options = re.findall(r'<option value="([^"]*)">', report.split('id="collectivity-filter"')[1].split("</select>")[0])
    assert options == [
        "__all__",
        "(unknown)",
        "Communauté de Communes des Campagnes de l&#x27;Artois",
        "Hasnon",
    ]


def test_write_report_shows_repair(report: str) -> None:
    assert "repaired from 059-215902842-20250327-31032025 64-DE" in report


def _scan(tmp_path: Path, suffix: str) -> tuple[Path, list[Word]]:
    """A 300 dpi page image with one line of text drawn where its word boxes say."""
    image = Image.new("L", (2480, 3508), 255)
    words = _words(LINE)
    draw = ImageDraw.Draw(image)
    for word in words:
        draw.rectangle((word.left, word.top, word.left + word.width, word.top + word.height), outline=0, width=4)
    path = tmp_path / f"scan{suffix}"
    image.save(path, resolution=300.0)
    return path, words


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".tif"])
def test_write_report_render_page(tmp_path: Path, suffix: str) -> None:
    path, _ = _scan(tmp_path, suffix)
    image = render_page(path, 1)
    assert image is not None
    assert 700 <= image.width <= 900


def test_write_report_render_scan_jpeg_like_pdfium(tmp_path: Path) -> None:
    """A page that is one JPEG is decoded in draft mode: the same picture as pdfium's render."""
    path, _ = _scan(tmp_path, ".pdf")
    with pdfium.PdfDocument(str(path)) as pdf:
        assert pdf[0].get_objects() and raster.covering_image(pdf[0]) is not None
        rendered = pdf[0].render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L")
    drafted = render_page(path, 1)
    assert drafted is not None and drafted.size == rendered.size
    difference = np.abs(np.asarray(drafted.convert("L"), dtype=int) - np.asarray(rendered, dtype=int))
    assert difference.mean() < 4


def test_write_report_render_missing_file_is_none(tmp_path: Path) -> None:
    assert render_page(tmp_path / "gone.pdf", 1) is None


def _ocr_result(path: Path, words: list[Word]) -> DocumentResult:
    page = PageSummary(number=1, source="ocr", image_width=2480, image_height=3508, dpi=300, words=words)
    act = ActRecord(
        doc="scan",
        act_index=0,
        evidence={"prefecture_received_date": Evidence(page=1, text="Reçu en préfecture le 31/03/2025")},
    )
    return DocumentResult(file=FileRow(path=str(path), sha256="e" * 64, status="ok"), acts=[act], pages=[page])


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_write_report_crop_for_ocr_page(tmp_path: Path, suffix: str) -> None:
    result = _ocr_result(*_scan(tmp_path, suffix))
    html = render_report([result], summarise([result]))
    crop_ids = re.findall(r'data-crop="([0-9a-f]+)"', html)
    crops = json.loads(html.split('<script type="application/json" id="crops">')[1].split("</script>")[0])
    assert len(crop_ids) == 1
    jpeg = base64.b64decode(crops[crop_ids[0]].removeprefix("data:image/jpeg;base64,"))
    with Image.open(io.BytesIO(jpeg)) as crop:
        assert crop.format == "JPEG"
        assert crop.width <= MAX_CROP_WIDTH
        assert crop.height < 200
    assert len(jpeg) < 40_000


def test_write_report_no_crop_for_text_pages(tmp_path: Path) -> None:
    page = PageSummary(number=1, source="text_layer", words=_words(LINE))
    act = ActRecord(doc="d", act_index=0, evidence={"object": Evidence(page=1, text="Reçu en préfecture")})
    result = DocumentResult(file=FileRow(path=str(tmp_path / "d.pdf"), status="ok"), acts=[act], pages=[page])
    assert "data-crop=" not in render_report([result], summarise([result]))


def test_write_report_never_writes_raw_names(report: str) -> None:
    assert NASTY not in report


@pytest.mark.parametrize(("limit", "embedded"), [(0, 0), (1, 1)], ids=["over-limit", "within-limit"])
def test_write_report_crop_limit(tmp_path: Path, limit: int, embedded: int) -> None:
    result = _ocr_result(*_scan(tmp_path, ".png"))
    crops = Crops(limit=limit)
    crops.crop_id(result, result.acts[0].evidence["prefecture_received_date"])
    assert (len(crops.uris), crops.skipped) == (embedded, 1 - embedded)


@pytest.mark.parametrize(
    ("page", "expected"), [(None, 2), (2, 2), (1, None)], ids=["no-page", "right-page", "wrong-page"]
)
def test_write_report_locate_evidence_page(page: int | None, expected: int | None) -> None:
    pages = [
        PageSummary(number=1, source="ocr", words=_words(["Le", "conseil", "municipal", "de", "Hasnon"])),
        PageSummary(number=2, source="ocr", words=_words(LINE)),
    ]
    result = DocumentResult(file=FileRow(path="x.pdf", status="ok"), pages=pages)
    found, words = Crops().locate(result, Evidence(page=page, text="Reçu en préfecture le 31/03/2025"))
    assert (found.number if found else None) == expected
    assert bool(words) == (expected is not None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'unanimité", ["l", "unanimite"]),
        ("N°10", ["n", "10"]),
        ("31/03/2025", ["31", "03", "2025"]),
        ("—", []),
    ],
    ids=["elision", "number-sign", "date", "dash"],
)
def test_write_report_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected

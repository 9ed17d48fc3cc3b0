"""report.html in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Runs the real pipeline (real Tesseract) on one scanned page, writes the outputs with the
sample results beside it, then checks in the browser that the acts render, that the
severity and collectivity filters hide and show the right acts, and that the OCR act shows
an evidence crop. Keeps a screenshot in tests/artifacts/report.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from test_write_samples import sample_results

from pipeline.config import load_settings
from pipeline.run import process_file
from pipeline.write import write_outputs

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "scanned" / "004_e3ee9a021289d6a0.pdf"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _first_page(source: Path, target: Path) -> Path:
    """A one-page PDF holding the first page of ``source`` (one OCR page keeps the test short)."""
    pdf, single = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    single.import_pages(pdf, [0])
    single.save(str(target))
    single.close()
    pdf.close()
    return target


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    folder = tmp_path_factory.mktemp("browser")
    scan = process_file(_first_page(SCAN, folder / SCAN.name), load_settings())
    assert scan.file.status == "ok", scan.file.error
    assert [page.source for page in scan.pages] == ["ocr"]
    write_outputs(folder / "out", [scan, *sample_results()])
    return folder / "out" / "report.html"


@pytest.fixture(scope="module")
def page(report: Path) -> Iterator:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: make browser (apt-get install chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1400}, offline=True)
        tab = context.new_page()
        tab.set_default_timeout(5000)
        tab.goto(report.as_uri())
        yield tab
        browser.close()


def _visible_docs(page) -> list[str]:
    return page.eval_on_selector_all(
        "article.act:not([hidden])",
        "nodes => nodes.map(n => n.querySelector('.meta').textContent.split(' · ')[0])",
    )


def _select(page, selector: str, value: str) -> None:
    page.select_option(selector, value)


def test_report_browser_acts_render(page) -> None:
    assert page.locator("article.act").count() == 5
    assert page.locator("#shown").inner_text() == "5 of 5 acts shown"
    assert page.locator("article.act:visible").count() == 5


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ("error", ["ccca_2024_12"]),
        ("info", ["hasnon_2025"]),
        ("all", None),
    ],
    ids=["error", "info", "all"],
)
def test_report_browser_severity_filter(page, severity: str, expected: list[str] | None) -> None:
    _select(page, "#collectivity-filter", "__all__")
    _select(page, "#severity-filter", severity)
    visible = _visible_docs(page)
    if expected is None:
        assert len(visible) == 5
    else:
        assert visible == expected
    _select(page, "#severity-filter", "all")


def test_report_browser_severity_filter_none(page) -> None:
    _select(page, "#severity-filter", "none")
    visible = page.eval_on_selector_all(
        "article.act:not([hidden])", "ns => ns.map(n => n.dataset.severities)"
    )
    assert visible and all(levels == "" for levels in visible)
    _select(page, "#severity-filter", "all")


@pytest.mark.parametrize(
    ("collectivity", "expected"),
    [("Hasnon", ["hasnon_2025", "hasnon_2025"]), ("(unknown)", None)],
    ids=["hasnon", "unknown"],
)
def test_report_browser_collectivity_filter(page, collectivity: str, expected: list[str] | None) -> None:
    _select(page, "#severity-filter", "all")
    _select(page, "#collectivity-filter", collectivity)
    visible = page.eval_on_selector_all(
        "article.act:not([hidden])", "ns => ns.map(n => n.dataset.collectivity)"
    )
    assert visible and set(visible) == {collectivity}
    if expected is not None:
        assert _visible_docs(page) == expected
    _select(page, "#collectivity-filter", "__all__")


def test_report_browser_filters_combine(page) -> None:
    _select(page, "#severity-filter", "error")
    _select(page, "#collectivity-filter", "Hasnon")
    assert _visible_docs(page) == []
    assert page.locator("#shown").inner_text() == "0 of 5 acts shown"
    _select(page, "#severity-filter", "all")
    _select(page, "#collectivity-filter", "__all__")


def test_report_browser_ocr_evidence_crop(page) -> None:
    act = page.locator("article.act", has_text=SCAN.stem)
    act.locator("details").evaluate("d => d.open = true")
    crops = act.locator("img.crop")
    assert crops.count() >= 1
    sizes = crops.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth, i.src.slice(0, 23)])")
    assert all(done and width > 100 and src == "data:image/jpeg;base64," for done, width, src in sizes)
    ARTIFACTS.mkdir(exist_ok=True)
    act.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000

"""report.html in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Runs the real pipeline (real Tesseract) on the smallest scanned sample (2 pages), writes the
outputs with the sample results beside it, then checks in the browser that the acts render, that the
severity and collectivity filters hide and show the right acts, and that the OCR act shows
an evidence crop. Keeps a screenshot in tests/artifacts/report.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_write_samples import sample_results

from pipeline.config import load_settings
from pipeline.records import DocumentResult, Evidence
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


def _with_ocr_evidence(result: DocumentResult) -> DocumentResult:
    """The result, making sure its first act has evidence on an OCR page.

    When the extractor gave none, the first line of the first OCR page (real Tesseract
    output) becomes the evidence of the object: the crop is then still built from real
    word boxes on the real page image.
    """
    act = result.acts[0]
    ocr_pages = {page.number for page in result.pages if page.source == "ocr"}
    if any(evidence.page in ocr_pages for evidence in act.evidence.values()):
        return result
    page = next(page for page in result.pages if page.source == "ocr")
    line = next(line for line in page.text.splitlines() if len(line.split()) >= 3)
    evidence = {**act.evidence, "object": Evidence(page=page.number, text=line, method="test")}
    return result.model_copy(update={"acts": [act.model_copy(update={"evidence": evidence}), *result.acts[1:]]})


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    folder = tmp_path_factory.mktemp("browser")
    scan = process_file(SCAN, load_settings())
    assert scan.file.status == "ok", scan.file.error
    assert scan.acts, "the pipeline found no act in the scanned sample"
    assert {page.source for page in scan.pages} == {"ocr"}
    write_outputs(folder / "out", [_with_ocr_evidence(scan), *sample_results()])
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
    total = page.locator("article.act").count()
    assert total >= 5
    assert page.locator("#shown").inner_text() == f"{total} of {total} acts shown"
    assert page.locator("article.act:visible").count() == total


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
        assert len(visible) == page.locator("article.act").count()
    else:
        assert [doc for doc in visible if doc != SCAN.stem] == expected
    _select(page, "#severity-filter", "all")


def test_report_browser_severity_filter_none(page) -> None:
    _select(page, "#severity-filter", "none")
    visible = page.eval_on_selector_all("article.act:not([hidden])", "ns => ns.map(n => n.dataset.severities)")
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
    visible = page.eval_on_selector_all("article.act:not([hidden])", "ns => ns.map(n => n.dataset.collectivity)")
    assert visible and set(visible) == {collectivity}
    if expected is not None:
        assert _visible_docs(page) == expected
    _select(page, "#collectivity-filter", "__all__")


def test_report_browser_filters_combine(page) -> None:
    _select(page, "#severity-filter", "error")
    _select(page, "#collectivity-filter", "Hasnon")
    assert _visible_docs(page) == []
    assert page.locator("#shown").inner_text().startswith("0 of ")
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

"""report.html: a static, self-contained review page (no network; inline CSS, JS and images).

Lists files (status, errors) and acts (fields, findings, evidence). For pages read
by OCR, each piece of evidence gets a crop of the page image with its words
highlighted (:mod:`pipeline.write.crops`). Every text from the documents is
HTML-escaped.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from pipeline.records import RECORD_KEYS, ActRecord, DocumentResult, Evidence, PageSummary, Word
from pipeline.write.atomic import write_text
from pipeline.write.crops import PageImages, PageTokens, crop_jpeg, data_uri, match_words
from pipeline.write.rows import act_key
from pipeline.write.summary import SEVERITIES, RunSummary

log = logging.getLogger(__name__)

TEMPLATE = Path(__file__).with_name("report_template.html")
UNKNOWN = "(unknown)"
#: Evidence crops embedded at most (≈ 10–20 kB each); later evidence is shown as text only.
MAX_CROPS = 2000
_SHOWN_KEYS = [key for key in RECORD_KEYS if key not in {"doc", "act_index"}]


class Crops:
    """The evidence crops of a run, deduplicated, keyed by a short hash.

    Only the pages of the file being rendered are kept in memory, and at most
    :data:`MAX_CROPS` crops are embedded, so that the page stays usable on an archive run.
    """

    def __init__(self, *, limit: int = MAX_CROPS) -> None:
        self.uris: dict[str, str] = {}
        self.limit = limit
        self.skipped = 0
        self._images: PageImages | None = None
        self._tokens: dict[tuple[str, int], PageTokens] = {}

    def crop_id(self, result: DocumentResult, evidence: Evidence) -> str | None:
        """The id of the crop showing ``evidence``, or None when there is none to show."""
        page, words = self.locate(result, evidence)
        if page is None or not words:
            return None
        key = hashlib.sha1(
            json.dumps([result.file.path, page.number, [w.model_dump() for w in words]]).encode()
        ).hexdigest()[:12]
        if key in self.uris:
            return key
        if len(self.uris) >= self.limit:
            self.skipped += 1
            return None
        image = self._pages(result.file.path).get(page.number)
        if image is None:
            return None
        self.uris[key] = data_uri(crop_jpeg(image, page, words))
        return key

    def _pages(self, path: str) -> PageImages:
        if self._images is None or str(self._images.path) != path:
            self._images = PageImages(Path(path))
        return self._images

    def locate(self, result: DocumentResult, evidence: Evidence) -> tuple[PageSummary | None, list[Word]]:
        """The OCR page of the evidence (any OCR page when it names none) and its words there."""
        pages = [p for p in result.pages if p.source == "ocr" and p.words]
        if evidence.page is not None:
            pages = [p for p in pages if p.number == evidence.page]
        found = [(page, match_words(self._page_tokens(result, page), evidence.text)) for page in pages]
        found = [(page, words) for page, words in found if words]
        if not found:
            if pages:
                log.debug("%s: evidence %r not found among OCR words", result.file.path, evidence.text[:60])
            return None, []
        return max(found, key=lambda item: len(item[1]))

    def _page_tokens(self, result: DocumentResult, page: PageSummary) -> PageTokens:
        """The page's word runs, worked out once per file (the cache holds the pages of one file)."""
        key = (result.file.path, page.number)
        if key not in self._tokens:
            if self._tokens and next(iter(self._tokens))[0] != result.file.path:
                self._tokens.clear()
            self._tokens[key] = PageTokens(page.words)
        return self._tokens[key]


def render_report(results: Sequence[DocumentResult], summary: RunSummary) -> str:
    """The whole page as a string."""
    crops = Crops()
    acts_html = "\n".join(act_html(act, result, crops) for result in results for act in result.acts)
    names = sorted({act.collectivity_name or UNKNOWN for result in results for act in result.acts})
    if crops.skipped:
        log.warning("report: %d evidence crop(s) left out beyond the limit of %d", crops.skipped, crops.limit)
    replacements = {
        "@@SUBTITLE@@": escape(f"{summary.files} file(s), {summary.acts} act(s)"),
        "@@SUMMARY@@": summary_html(summary),
        "@@FILES@@": files_html(results),
        "@@COLLECTIVITIES@@": collectivity_select(names),
        "@@ACTS@@": acts_html or '<p class="empty">No act was found.</p>',
        "@@CROPS@@": json.dumps(crops.uris).replace("</", "<\\/"),
    }
    page = TEMPLATE.read_text(encoding="utf-8")
    for marker, html in replacements.items():
        page = page.replace(marker, html)
    return page


def write_report(path: Path, results: Sequence[DocumentResult], summary: RunSummary) -> None:
    """Write report.html atomically."""
    write_text(path, render_report(results, summary))


def summary_html(summary: RunSummary) -> str:
    """The run counts as a row of boxes."""
    items = [
        ("files ok", summary.files_ok),
        ("files in error", summary.files_error),
        ("files skipped", summary.files_skipped),
        ("pages", summary.pages),
        ("OCR pages", summary.ocr_pages),
        ("acts", summary.acts),
        *((f"{s} findings", summary.findings_by_severity.get(s, 0)) for s in SEVERITIES),
    ]
    cells = "".join(f"<li><b>{value}</b> {escape(label)}</li>" for label, value in items)
    return f'<ul class="summary">{cells}</ul>'


def files_html(results: Sequence[DocumentResult]) -> str:
    """The files table: path, status, error, pages, OCR pages, acts, seconds."""
    head = "<tr><th>file</th><th>status</th><th>error</th><th>pages</th><th>OCR</th><th>acts</th><th>s</th></tr>"
    rows = []
    for result in results:
        row = result.file
        error = escape(row.error or "")
        if row.duplicate_of:
            error += f" duplicate of {escape(row.duplicate_of)}"
        rows.append(
            f'<tr class="file" data-status="{escape(row.status)}"><td>{escape(row.path)}</td>'
            f'<td class="status-{escape(row.status)}">{escape(row.status)}</td><td>{error}</td>'
            f'<td class="num">{row.pages}</td><td class="num">{row.ocr_pages}</td>'
            f'<td class="num">{row.acts}</td><td class="num">{row.seconds:.1f}</td></tr>'
        )
    return f'<table id="files">{head}{"".join(rows)}</table>'


def collectivity_select(names: Sequence[str]) -> str:
    """The collectivity filter: "all", then every name (escaped)."""
    options = ['<option value="__all__">all</option>']
    options.extend(f'<option value="{escape(name)}">{escape(name)}</option>' for name in names)
    return f'<select id="collectivity-filter">{"".join(options)}</select>'


def act_html(act: ActRecord, result: DocumentResult, crops: Crops) -> str:
    """One act: a header, its findings, and its fields with evidence in a <details>."""
    severities = sorted({f.severity for f in act.findings}, key=SEVERITIES.index)
    classes = " ".join(["act", *(f"has-{s}" for s in severities)])
    badges = (
        "".join(f'<span class="badge {s}">{sum(f.severity == s for f in act.findings)} {s}</span>' for s in severities)
        or '<span class="badge none">no finding</span>'
    )
    collectivity = escape(act.collectivity_name or UNKNOWN)
    title = " — ".join(
        escape(str(part)) for part in (act.collectivity_name or UNKNOWN, act.body, act.session_date) if part
    )
    return (
        f'<article class="{classes}" id="act-{escape(act_key(act, result))}" '
        f'data-severities="{" ".join(severities)}" data-collectivity="{collectivity}">'
        f"<h3>{title} {badges}</h3>"
        f'<p class="object">{escape(act.object or "(no object)")}</p>'
        f'<p class="meta">{escape(act.doc)} · act {act.act_index} · {escape(act.document_kind)}'
        f" · {escape(result.file.path)}</p>"
        f"{findings_html(act)}"
        f"<details><summary>Fields and evidence</summary>{fields_html(act, result, crops)}</details>"
        "</article>"
    )


def findings_html(act: ActRecord) -> str:
    """The act's findings as a list coloured by severity."""
    if not act.findings:
        return ""
    items = "".join(
        f'<li class="sev-{escape(f.severity)}"><code>{escape(f.code)}</code> {escape(f.message)}'
        + (f' <span class="meta">({escape(", ".join(f.fields))})</span>' if f.fields else "")
        + "</li>"
        for f in act.findings
    )
    return f'<ul class="findings">{items}</ul>'


def fields_html(act: ActRecord, result: DocumentResult, crops: Crops) -> str:
    """The stated fields with their evidence; the fields not stated, on one line."""
    data = act.fields_json()
    keys = [*_SHOWN_KEYS, *sorted(k for k in act.evidence if k not in _SHOWN_KEYS)]
    rows, unstated = [], []
    for key in keys:
        value, evidence = data.get(key), act.evidence.get(key)
        if _is_empty(value) and evidence is None:
            unstated.append(key)
            continue
        rows.append(
            f"<tr><td>{escape(key)}</td><td>{value_html(value)}</td>"
            f'<td class="evidence">{evidence_html(evidence, result, crops) if evidence else ""}</td></tr>'
        )
    if unstated:
        rows.append(f'<tr><td>not stated</td><td colspan="2" class="empty">{escape(", ".join(unstated))}</td></tr>')
    head = "<tr><th>field</th><th>value</th><th>evidence</th></tr>"
    return f'<table class="fields">{head}{"".join(rows)}</table>'


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(item is None for item in value.values())
    return value is None or value == []


def value_html(value: Any) -> str:
    """A field value, readable: lists one item per line, objects as key: value."""
    if value is None or value == []:
        return '<span class="empty">—</span>'
    if isinstance(value, list):
        return "<br>".join(value_html(item) for item in value)
    if isinstance(value, dict):
        if set(value) == {"giver", "holder"}:
            return f"{escape(str(value['giver']))} → {escape(str(value['holder']))}"
        shown = [f"{escape(str(k))}: {escape(str(v))}" for k, v in value.items() if v is not None]
        return ", ".join(shown) or '<span class="empty">—</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def evidence_html(evidence: Evidence, result: DocumentResult, crops: Crops) -> str:
    """The evidence text, where it comes from, its repair, and its crop when on an OCR page."""
    how = ", ".join(part for part in (f"page {evidence.page}" if evidence.page else "", evidence.method or "") if part)
    html = f'<q>{escape(evidence.text)}</q> <span class="how">{escape(how)}</span>'
    if evidence.repaired_from:
        html += f' <span class="repaired">repaired from {escape(evidence.repaired_from)}</span>'
    crop = crops.crop_id(result, evidence)
    if crop:
        html += f'<img class="crop" data-crop="{crop}" alt="{escape(evidence.text[:80])}">'
    return html

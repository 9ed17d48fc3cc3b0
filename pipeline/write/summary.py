"""summary.json and the :class:`RunSummary` the batch layer prints at the end of a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from pipeline.records import DocumentResult

SEVERITIES = ("error", "warning", "info")


class RunSummary(BaseModel):
    """What a run produced, in numbers."""

    model_config = ConfigDict(extra="forbid")

    files: int = 0
    files_ok: int = 0
    files_error: int = 0
    files_skipped: int = 0
    acts: int = 0
    findings_by_severity: dict[str, int] = Field(default_factory=dict)
    findings_by_code: dict[str, int] = Field(default_factory=dict)
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = Field(default=0.0, description="Sum of the per-file processing times")
    wall_seconds: float | None = Field(default=None, description="Elapsed time of the run, if given")
    scdl_rows: int = 0
    scdl_excluded: list[dict[str, str]] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list, description="Files written in the output folder")

    def lines(self) -> list[str]:
        """Human-readable lines for the end of a run."""
        severities = ", ".join(f"{self.findings_by_severity.get(s, 0)} {s}" for s in SEVERITIES)
        timing = f"{self.seconds:.1f} s of processing"
        if self.wall_seconds is not None:
            timing += f", {self.wall_seconds:.1f} s elapsed"
        lines = [
            f"files: {self.files_ok} ok, {self.files_error} error, {self.files_skipped} skipped",
            f"pages: {self.pages} ({self.ocr_pages} by OCR); acts: {self.acts}",
            f"findings: {severities}",
            f"time: {timing}",
        ]
        if self.findings_by_code:
            codes = ", ".join(f"{code} {count}" for code, count in self.findings_by_code.items())
            lines.insert(3, f"findings by code: {codes}")
        if self.scdl_excluded:
            lines.append(f"SCDL: {self.scdl_rows} row(s), {len(self.scdl_excluded)} deliberation(s) left out")
        return lines


def summarise(results: Sequence[DocumentResult], *, wall_seconds: float | None = None) -> RunSummary:
    """Count files, pages, acts and findings over the results of a run."""
    statuses = Counter(result.file.status for result in results)
    findings = [finding for result in results for act in result.acts for finding in act.findings]
    by_severity: Counter[str] = Counter(finding.severity for finding in findings)
    by_code = Counter(finding.code for finding in findings)
    return RunSummary(
        files=len(results),
        files_ok=statuses["ok"],
        files_error=statuses["error"],
        files_skipped=statuses["skipped"],
        acts=sum(len(result.acts) for result in results),
        findings_by_severity={s: by_severity[s] for s in SEVERITIES},
        findings_by_code=dict(sorted(by_code.items())),
        pages=sum(result.file.pages for result in results),
        ocr_pages=sum(result.file.ocr_pages for result in results),
        seconds=round(sum(result.file.seconds for result in results), 3),
        wall_seconds=None if wall_seconds is None else round(wall_seconds, 3),
    )

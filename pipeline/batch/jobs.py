"""What travels between the batch client and its workers: a :class:`Job` out, an :class:`Outcome` back.

An outcome carries the :class:`~pipeline.records.DocumentResult` already serialised
to JSON (the worker does that work, the client writes the bytes to the state
store without parsing them), a few numbers for the progress display, and the
log records the worker emitted for that file (re-emitted by the client, so that
worker output never garbles the terminal).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import DelibError
from pipeline.records import DocumentResult, FileRow

#: Error codes that are not kept in the state store: the next run tries the file again.
RETRY_CODES = frozenset({"timeout", "crashed", "internal", "ocr", "unreadable", "config", "interrupted"})


@dataclass(frozen=True)
class Job:
    """One unique file content to process, read from ``path`` (absolute)."""

    sha256: str
    path: str


@dataclass(frozen=True)
class LogLine:
    """A log record emitted by a worker, without its traceback (that stays in the worker log)."""

    level: int
    logger: str
    message: str


@dataclass
class Outcome:
    """The result of one job as the client receives it."""

    sha256: str
    path: str
    status: str
    error_code: str | None
    error: str | None
    media_type: str | None
    pages: int
    acts: int
    payload: str = field(repr=False)
    logs: list[LogLine] = field(default_factory=list)
    pid: int | None = None
    max_rss_kb: int = 0

    @property
    def retry(self) -> bool:
        """True when the next run should process the file again."""
        return self.error_code in RETRY_CODES


def outcome_of(
    job: Job,
    result: DocumentResult,
    *,
    logs: list[LogLine] | None = None,
    pid: int | None = None,
    max_rss_kb: int = 0,
) -> Outcome:
    """Wrap a :class:`DocumentResult` for the trip back to the client."""
    return Outcome(
        sha256=job.sha256,
        path=job.path,
        status=result.file.status,
        error_code=result.file.error_code,
        error=result.file.error,
        media_type=result.file.media_type,
        pages=result.file.pages,
        acts=len(result.acts),
        payload=result.model_dump_json(by_alias=True),
        logs=logs or [],
        pid=pid,
        max_rss_kb=max_rss_kb,
    )


def failure_result(job: Job, error: DelibError, *, started: float | None = None) -> DocumentResult:
    """An error row for ``job`` (no acts) saying what went wrong and what to do."""
    seconds = 0.0 if started is None else round(time.monotonic() - started, 3)
    row = FileRow(
        path=job.path,
        sha256=job.sha256,
        status="error",
        error=error.describe(),
        error_code=error.code,
        seconds=seconds,
    )
    return DocumentResult(file=row)


def failure_outcome(job: Job, error: DelibError, *, started: float | None = None) -> Outcome:
    """An :class:`Outcome` for a job the client had to give up (crash, hard timeout)."""
    return outcome_of(job, failure_result(job, error, started=started))


def display_name(path: str) -> str:
    """The file name, for messages."""
    return Path(path).name

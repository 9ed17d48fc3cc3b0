"""From the files found to the jobs to run, and from the state store back to the results to write.

- :func:`index_entries` hashes each file (reusing the hash of an unchanged file:
  same size and modification time as recorded in the index).
- :func:`make_plan` keeps one job per new content: a content already in the
  store with the same settings is reused (``cached``), a content seen earlier in
  the sorted list is a duplicate; failures that may pass next time (timeout,
  crash, bug, OCR engine, permissions) are always tried again.
- :func:`assemble` rebuilds every result of the output folder from the store, in
  path order, whatever order the files finished in: the outputs of a resumed run
  equal those of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.discover import Found, row
from pipeline.batch.jobs import RETRY_CODES, Job
from pipeline.batch.store import IndexEntry, StateStore
from pipeline.config import Settings
from pipeline.errors import UnreadableFileError
from pipeline.records import DocumentResult, FileRow

log = logging.getLogger(__name__)

#: Settings that do not change results (time limits, where the OCR cache lives): not in the fingerprint.
_UNFINGERPRINTED = {"limits": {"file_timeout"}, "ocr": {"page_timeout", "cache", "cache_readonly"}}


@dataclass
class Plan:
    """What a run has to do."""

    paths: list[str]
    jobs: list[Job] = field(default_factory=list)
    cached: int = 0
    duplicates: int = 0


def fingerprint(settings: Settings) -> str:
    """A short hash of the package version and the settings that shape results."""
    try:
        version = importlib.metadata.version("delib")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    shaping = settings.model_dump_json(exclude=_UNFINGERPRINTED)
    return hashlib.sha256(f"{version}\n{shaping}".encode()).hexdigest()[:16]


def index_entries(
    found: list[Found], previous: dict[str, IndexEntry], *, rehash: bool
) -> dict[str, IndexEntry]:
    """An index entry for each file found: its row, or its content hash."""
    entries = {}
    for item in found:
        if item.row is not None:
            entries[item.path] = IndexEntry(row=item.row)
        else:
            entries[item.path] = _hashed(item.path, None if rehash else previous.get(item.path))
    return entries


def _hashed(path: str, known: IndexEntry | None) -> IndexEntry:
    try:
        info = os.stat(path)
        if known and known.sha256 and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns):
            return known
        digest = _sha256(path)
    except OSError as error:
        reason = UnreadableFileError(f"{os.path.basename(path)} cannot be read: {error.strerror}")
        return IndexEntry(row=row(path, "error", reason))
    return IndexEntry(sha256=digest, size=info.st_size, mtime_ns=info.st_mtime_ns)


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_plan(entries: dict[str, IndexEntry], store: StateStore, print_: str, *, force: bool) -> Plan:
    """One job per content that has no reusable result, in path order."""
    plan = Plan(paths=sorted(entries))
    seen: set[str] = set()
    for path in plan.paths:
        sha256 = entries[path].sha256
        if sha256 is None:
            continue
        if sha256 in seen:
            plan.duplicates += 1
            continue
        seen.add(sha256)
        header = None if force else store.header(sha256)
        if header and header.fingerprint == print_ and header.error_code not in RETRY_CODES:
            plan.cached += 1
        else:
            plan.jobs.append(Job(sha256=sha256, path=path))
    return plan


def assemble(index: dict[str, IndexEntry], store: StateStore, produced: set[str]) -> list[DocumentResult]:
    """Every result of the output folder, in path order (duplicates and rows included)."""
    holders: dict[str, list[str]] = {}
    for path in sorted(index):
        sha256 = index[path].sha256
        if sha256 is not None:
            holders.setdefault(sha256, []).append(path)
    loaded: dict[str, DocumentResult | None] = {}
    results = []
    for path in sorted(index):
        entry = index[path]
        if entry.sha256 is None:
            results.append(DocumentResult(file=entry.row or _lost(path)))
            continue
        if entry.sha256 not in loaded:
            loaded[entry.sha256] = store.load_result(entry.sha256)
        stored = loaded[entry.sha256]
        if stored is None:
            results.append(DocumentResult(file=_pending(path, entry.sha256)))
            continue
        original = _original(stored, holders[entry.sha256])
        if path == original:
            results.append(_as_file(stored, path, cached=entry.sha256 not in produced))
        else:
            results.append(DocumentResult(file=_duplicate(path, stored.file, original)))
    return results


def _original(stored: DocumentResult, holders: list[str]) -> str:
    """The path a content's acts are listed under: the one processed if still given, else the first."""
    return stored.file.path if stored.file.path in holders else holders[0]


def _as_file(stored: DocumentResult, path: str, *, cached: bool) -> DocumentResult:
    """The stored result as the result of ``path`` (a renamed or moved file keeps its acts)."""
    file = stored.file.model_copy(update={"path": path, "cached": cached})
    if path == stored.file.path:
        return stored.model_copy(update={"file": file})
    doc = Path(path).stem
    acts = [act.model_copy(update={"doc": doc}) for act in stored.acts]
    return stored.model_copy(update={"file": file, "acts": acts})


def _duplicate(path: str, original: FileRow, original_path: str) -> FileRow:
    return FileRow(
        path=path,
        sha256=original.sha256,
        status="skipped",
        error=f"same content as {original_path}: its acts are listed once, under that file",
        error_code="duplicate",
        media_type=original.media_type,
        duplicate_of=original_path,
    )


def _pending(path: str, sha256: str) -> FileRow:
    return FileRow(
        path=path,
        sha256=sha256,
        status="skipped",
        error="not processed yet: the run was interrupted — run the same command again to finish",
        error_code="interrupted",
    )


def _lost(path: str) -> FileRow:
    return FileRow(path=path, status="error", error="no record of this file", error_code="internal")

"""From the files found to the jobs to run, and from the state store back to the results to write.

- :func:`index_entries` hashes each file (reusing the hash of an unchanged file:
  same size and modification time as recorded in the index).
- :func:`make_plan` keeps one job per new content: a content already in the
  store with the same settings is reused (``cached``), a content seen earlier in
  the sorted list is a duplicate; failures that may pass next time (timeout,
  crash, bug, OCR engine, permissions) are always tried again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.discover import Found, row
from pipeline.batch.jobs import RETRY_CODES, Job
from pipeline.batch.store import IndexEntry, StateStore
from pipeline.config import MODELS_DIR, Settings
from pipeline.errors import UnreadableFileError

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
    """A short hash of what shapes results: package version and code, rules data, settings.

    A file done by other code or other rules is done again on the next run, without ``--force``.
    """
    try:
        version = importlib.metadata.version("delib")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    shaping = settings.model_dump_json(exclude=_UNFINGERPRINTED)
    return hashlib.sha256(f"{version}\n{_code_digest()}\n{shaping}".encode()).hexdigest()[:16]


@functools.cache
def _code_digest() -> str:
    """A hash of the package's Python files and of the rules folder (models/)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = [("pipeline", path) for path in package.rglob("*.py")]
    files += [("models", path) for path in MODELS_DIR.rglob("*") if path.is_file()]
    for root, path in sorted(files):
        base = package if root == "pipeline" else MODELS_DIR
        digest.update(f"{root}/{path.relative_to(base)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def index_entries(found: list[Found], previous: dict[str, IndexEntry], *, rehash: bool) -> dict[str, IndexEntry]:
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
    """One job per content that has no reusable result, biggest files first.

    Starting the long files first keeps every worker busy to the end of the batch
    (a big scan started last would run alone); the outputs are sorted by path anyway.
    """
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
    plan.jobs.sort(key=lambda job: -(entries[job.path].size or 0))
    return plan

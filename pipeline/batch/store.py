"""The state store of an output folder: what was processed, keyed by content hash.

Layout under ``<out>/.delib/``::

    lock                      held (flock) by the run using the folder
    index.json                every input path ever given → sha256, size, mtime, or its row
    results/ab/<sha256>.json  line 1: a small header; line 2: the DocumentResult
    logs/worker-<pid>.log     what each local worker wrote to stderr

Every file is written atomically (temporary file, fsync, rename), so a run
killed at any moment leaves either the old or the new version, never half a
file. The outputs (acts.jsonl, …) are rebuilt from this store at the end of each
run, which is why an interrupted run resumes with nothing lost or duplicated.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict, TypeAdapter

from pipeline.errors import OutputError
from pipeline.records import DocumentResult, FileRow

log = logging.getLogger(__name__)

STATE_DIR = ".delib"
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EFBIG: "the file is larger than the system allows (file size limit)",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "a part of the path does not exist",
}


class IndexEntry(BaseModel):
    """What the store knows of one input path."""

    model_config = ConfigDict(extra="forbid")

    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    row: FileRow | None = None


class Header(BaseModel):
    """First line of a result file: enough to decide whether to reuse it without parsing it all."""

    model_config = ConfigDict(extra="forbid")

    fingerprint: str
    status: str
    error_code: str | None = None
    path: str | None = None
    media_type: str | None = None


_INDEX = TypeAdapter(dict[str, IndexEntry])


def output_error(error: OSError, path: Path) -> OutputError:
    """An :class:`OutputError` naming the path and the reason in plain words."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return OutputError(f"cannot write {path}: {reason}")


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync and rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        if sync_folder:
            _fsync_folder(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise output_error(error, path) from error


class StateStore:
    """The ``.delib`` folder of one output folder, locked for the duration of a run."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = out_dir / STATE_DIR
        self.results = self.root / "results"
        self.logs = self.root / "logs"
        self._lock: IO[bytes] | None = None
        #: Sub-folders of ``results`` made (or found) by this run.
        self._folders: set[str] = set()

    def __enter__(self) -> StateStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Create the folders and take the lock; :class:`OutputError` if that is impossible."""
        for folder in (self.out_dir, self.root, self.results, self.logs):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise output_error(error, folder) from error
        lock_path = self.root / "lock"
        try:
            self._lock = lock_path.open("wb")
        except OSError as error:
            raise output_error(error, lock_path) from error
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            self.close()
            raise OutputError(
                f"another delib run is using {self.out_dir}",
                remedy="wait for it to finish, or choose another --out folder",
            ) from error
        self._probe()
        self._remove_temporaries()

    def close(self) -> None:
        """Release the lock."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _probe(self) -> None:
        """Fail early, before any work, if the folder cannot be written."""
        write_atomic(self.root / "probe", b"ok\n")

    def _remove_temporaries(self) -> None:
        """Temporary files left by a killed run (the lock says no other run is writing)."""
        for stale in [*self.root.glob(".*.tmp"), *self.results.glob("*/.*.tmp")]:
            log.info("%s: removing a temporary file left by an interrupted run", stale)
            with contextlib.suppress(OSError):
                stale.unlink()

    # ----------------------------------------------------------------- index

    def load_index(self) -> dict[str, IndexEntry]:
        """The path index of earlier runs (empty for a new folder)."""
        path = self.root / "index.json"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise OutputError(f"cannot read {path}: {error.strerror}") from error
        try:
            return _INDEX.validate_json(data)
        except ValueError:
            log.warning("%s: unreadable index, starting a new one (results are kept)", path)
            return {}

    def save_index(self, index: dict[str, IndexEntry]) -> None:
        """Write the path index atomically, paths sorted."""
        ordered = {path: index[path] for path in sorted(index)}
        write_atomic(self.root / "index.json", _INDEX.dump_json(ordered, exclude_none=True), sync_folder=True)

    # ----------------------------------------------------------------- results

    def result_path(self, sha256: str) -> Path:
        """Where the result of a content hash lives."""
        return self.results / sha256[:2] / f"{sha256}.json"

    def header(self, sha256: str) -> Header | None:
        """The header of a stored result, or None when there is none (or it is damaged)."""
        try:
            with self.result_path(sha256).open("rb") as handle:
                line = handle.readline()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise OutputError(f"cannot read the state store: {error.strerror}") from error
        try:
            return Header.model_validate_json(line)
        except ValueError:
            return None

    def save_result(self, sha256: str, header: Header, payload: str) -> None:
        """Store one result (``payload`` is DocumentResult JSON) atomically."""
        path = self.result_path(sha256)
        if path.parent.name not in self._folders:
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as error:
                raise output_error(error, path.parent) from error
            self._folders.add(path.parent.name)
        data = header.model_dump_json().encode() + b"\n" + payload.encode("utf-8") + b"\n"
        write_atomic(path, data)

    def result_size(self, sha256: str) -> int:
        """Bytes of a stored result (0 when there is none)."""
        try:
            return self.result_path(sha256).stat().st_size
        except OSError:
            return 0

    def load_result(self, sha256: str) -> DocumentResult | None:
        """The stored result of a content hash, or None."""
        try:
            with self.result_path(sha256).open("rb") as handle:
                handle.readline()
                payload = handle.read()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise OutputError(f"cannot read the state store: {error.strerror}") from error
        try:
            return DocumentResult.model_validate_json(payload)
        except ValueError:
            log.warning("%s: damaged result, the file will be processed again", self.result_path(sha256))
            return None

    def save_run(self, text: str) -> None:
        """Keep the numbers of the last run (``last_run.json``)."""
        write_atomic(self.root / "last_run.json", text.encode("utf-8") + b"\n")


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        log.debug("%s: this file system cannot fsync a folder", folder)
    finally:
        os.close(descriptor)

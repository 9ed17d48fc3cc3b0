"""Atomic file writes: a temporary file in the same folder, fsync, then ``os.replace``.

A reader of the output folder sees either the previous file or the new one,
never half a file, even if the process is killed. Any operating-system failure
(read-only folder, full disk, quota) becomes an :class:`~pipeline.errors.OutputError`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import OutputError

log = logging.getLogger(__name__)

#: Temporary names: ``.<final name>.<pid>.tmp`` (hidden, and tied to the writing process).
_TEMP_NAME = re.compile(r"^\.(?P<final>.+)\.(?P<pid>\d+)\.tmp(?:\.wal)?$")

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EFBIG: "the file is larger than the system allows",
    errno.ENOTDIR: "a part of the path is not a folder",
}


def describe_os_error(error: OSError, path: Path) -> str:
    """A one-line user-facing reason for an OS error on ``path``."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return f"cannot write {path}: {reason}"


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed and remove temporary files left by killed writers."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(describe_os_error(error, folder)) from error
    for stale in _stale_temporaries(folder):
        log.info("%s: removing a temporary file left by an interrupted run", stale)
        with contextlib.suppress(OSError):
            stale.unlink()


def temporary_path(path: Path) -> Path:
    """The temporary sibling of ``path`` used while writing it."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success, fsync it and move it over ``path``.

    On any failure the temporary file is removed and ``path`` is left as it was;
    an ``OSError`` raised while writing becomes an :class:`OutputError`.
    """
    temporary = temporary_path(path)
    _remove_quietly(temporary)
    try:
        yield temporary
        _fsync_file(temporary)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except OSError as error:
        raise OutputError(describe_os_error(error, path)) from error
    finally:
        _remove_quietly(temporary)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        handle.write(data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically, line ends as given (no newline translation)."""
    write_bytes(path, text.encode("utf-8"))


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        log.debug("%s: the file system cannot fsync a folder", folder)
    finally:
        os.close(descriptor)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _stale_temporaries(folder: Path) -> list[Path]:
    stale = []
    for entry in folder.iterdir():
        match = _TEMP_NAME.match(entry.name)
        if match and not _process_alive(int(match["pid"])):
            stale.append(entry)
    return stale


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

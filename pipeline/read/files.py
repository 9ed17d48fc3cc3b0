"""Safe access to an input file: every OS failure becomes a typed :class:`InputError`."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from pipeline.errors import (
    FileTimeoutError,
    ResourceLimitError,
    UnreadableFileError,
    UnsupportedFileError,
)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file's bytes (the key of the manifest and of duplicates)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise _os_error(path, error) from error
    return digest.hexdigest()


def check_file(path: Path, *, max_bytes: int) -> int:
    """Check that ``path`` is a regular, readable file within ``max_bytes``; return its size."""
    try:
        info = path.stat()
    except OSError as error:
        raise _os_error(path, error) from error
    if path.is_dir():
        raise UnsupportedFileError(f"{path.name} is a directory, not a file", remedy="give the files inside it")
    if not path.is_file():
        raise UnsupportedFileError(f"{path.name} is not a regular file (device, pipe or socket)")
    if not os.access(path, os.R_OK):
        raise UnreadableFileError(f"{path.name} cannot be read: permission denied")
    if info.st_size > max_bytes:
        raise ResourceLimitError(f"{path.name} is {info.st_size} bytes, above the limit of {max_bytes} bytes")
    return info.st_size


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the file."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise _os_error(path, error) from error


def read_bytes(path: Path, *, limit: int, what: str) -> bytes:
    """The whole file, refused above ``limit`` bytes."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise _os_error(path, error) from error
    if len(data) > limit:
        raise ResourceLimitError(f"{path.name}: {what} above the limit of {limit} bytes")
    return data


def _os_error(path: Path, error: OSError) -> UnreadableFileError:
    reason = error.strerror or type(error).__name__
    return UnreadableFileError(f"{path.name} cannot be read: {reason}")


class Deadline:
    """The per-file time limit (``limits.file_timeout``), checked between pages."""

    def __init__(self, seconds: float, *, name: str) -> None:
        self.name = name
        self.seconds = seconds
        self.started = time.monotonic()

    def remaining(self) -> float:
        """Seconds left before the limit."""
        return self.seconds - (time.monotonic() - self.started)

    def check(self, page: int) -> None:
        """Raise :class:`FileTimeoutError` when the limit is passed (before page ``page``)."""
        if self.remaining() <= 0:
            raise FileTimeoutError(
                f"{self.name}: stopped before page {page}, over the file time limit of {self.seconds:g} s"
            )

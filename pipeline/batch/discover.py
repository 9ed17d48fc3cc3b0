"""Find the input files of a run: walk folders, and account for every file met.

Rules (README, "Which files are read"):

- Folders are walked recursively in sorted order; symbolic links are followed,
  after the real folders, and each real folder is walked once (a link back to
  a parent cannot loop; a file reached by a link and directly keeps its direct
  path).
- Candidates: ``.pdf .txt .md .png .jpg .jpeg .tif .tiff`` (any case).
- Every other file met gets a ``skipped`` row saying why, except what is
  silently ignored: hidden names (starting with ``.``) met while walking,
  system litter (``Thumbs.db``, ``desktop.ini``, Office lock files ``~$…``),
  and the output folder itself. A file named on the command line is never
  ignored.
- A broken link, a link loop, a pipe or device, an unreadable folder, a name
  that is not UTF-8, an input that does not exist: ``error`` rows.
- A folder named like a document (``x.pdf``) is walked as a folder; if it holds
  no candidate, it gets a ``skipped`` row.
"""

from __future__ import annotations

import errno
import fnmatch
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import DelibError, InputError, UnreadableFileError, UnsupportedFileError, UsageError
from pipeline.records import FileRow, FileStatus

log = logging.getLogger(__name__)

CANDIDATE_SUFFIXES = frozenset({".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
IGNORED_PREFIXES = ("~$",)


@dataclass(frozen=True)
class Found:
    """One file met: a candidate to process (``row`` is None) or a row already decided."""

    path: str
    row: FileRow | None = None


def discover(inputs: Sequence[Path], *, exclude: Sequence[Path] = (), exclude_names: Sequence[str] = ()) -> list[Found]:
    """Every file under ``inputs``, sorted by path, each once. Folders in ``exclude`` (the output
    folder) are not walked; names matching a glob of ``exclude_names`` are left out while walking
    (an input named on the command line is always read).

    Raises :class:`UsageError` when none of the inputs exists.
    """
    if inputs and not any(os.path.lexists(item) for item in inputs):
        names = ", ".join(str(item) for item in inputs)
        raise UsageError(f"no input found: {names}", remedy="give existing files or folders")
    walker = _Walker(exclude=[os.path.abspath(item) for item in exclude], exclude_names=exclude_names)
    found: dict[str, Found] = {}
    for item in inputs:
        for entry in walker.input(os.path.abspath(item)):
            found.setdefault(entry.path, entry)
    return [found[path] for path in sorted(found)]


def row(path: str, status: FileStatus, error: DelibError) -> FileRow:
    """A files.jsonl row for a file that is not processed."""
    return FileRow(path=path, status=status, error=error.describe(), error_code=error.code)


def is_candidate(name: str) -> bool:
    """True when the name has an extension the readers handle."""
    return os.path.splitext(name)[1].lower() in CANDIDATE_SUFFIXES


def is_ignored(name: str) -> bool:
    """True for names silently left out while walking (hidden files, system litter)."""
    return name.startswith(".") or name.lower() in IGNORED_NAMES or name.startswith(IGNORED_PREFIXES)


class _Walker:
    def __init__(self, *, exclude: Sequence[str], exclude_names: Sequence[str] = ()) -> None:
        self.exclude = {_identity(path) for path in exclude} - {None}
        self.exclude_names = tuple(exclude_names)
        self.seen_folders: set[tuple[int, int]] = set()
        self.linked_folders: list[str] = []

    def input(self, path: str) -> Iterator[Found]:
        """An input named on the command line: a folder to walk or a single file."""
        if not os.path.lexists(path):
            missing = InputError(f"{path} does not exist", remedy="check the path")
            yield Found(path, row(path, "error", missing))
        elif os.path.isdir(path):
            yield from self.folder(path)
            while self.linked_folders:
                yield from self.folder(self.linked_folders.pop(0))
        else:
            yield self.file(path)

    def folder(self, path: str) -> Iterator[Found]:
        identity = _identity(path)
        if identity in self.exclude:
            log.info("%s: output folder, not read", path)
            return
        if identity is None or identity in self.seen_folders:
            log.info("%s: folder already walked (a link to it), not read twice", path)
            return
        self.seen_folders.add(identity)
        try:
            names = sorted(os.listdir(path))
        except OSError as error:
            reason = UnreadableFileError(f"cannot list folder {path}: {error.strerror}")
            yield Found(path, row(path, "error", reason))
            return
        count = 0
        for name in names:
            if is_ignored(name) or any(fnmatch.fnmatch(name, glob) for glob in self.exclude_names):
                continue
            child = os.path.join(path, name)
            if os.path.isdir(child) and os.path.islink(child):
                self.linked_folders.append(child)
                count += 1
            elif os.path.isdir(child):
                for entry in self.folder(child):
                    count += 1
                    yield entry
            else:
                count += 1
                yield self.file(child)
        if count == 0 and is_candidate(path):
            message = UnsupportedFileError(
                f"{os.path.basename(path)} is a folder, not a document, and holds no file to read",
                remedy="rename it or put the documents inside it",
            )
            yield Found(path, row(path, "skipped", message))

    def file(self, path: str) -> Found:
        problem = _problem(path)
        if problem is not None:
            return Found(_printable(path), problem)
        return Found(path)


def _problem(path: str) -> FileRow | None:
    """The row of a file that cannot be a job, or None for a candidate."""
    name = os.path.basename(path)
    shown = _printable(path)
    if shown != path:
        error = InputError(f"the name of {shown} is not valid UTF-8", remedy="rename the file")
        return row(shown, "error", error)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return row(path, "error", _stat_error(path, error))
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        special = UnreadableFileError(
            f"{name} is {kind}, not a regular file", remedy="copy the document into a regular file"
        )
        return row(path, "error", special)
    if not is_candidate(name):
        suffix = os.path.splitext(name)[1] or "(no extension)"
        known = " ".join(sorted(CANDIDATE_SUFFIXES))
        unsupported = UnsupportedFileError(f"{name}: file type {suffix} is not read (read: {known})")
        return row(path, "skipped", unsupported)
    return None


def _stat_error(path: str, error: OSError) -> DelibError:
    name = os.path.basename(path)
    if error.errno == errno.ELOOP:
        return UnreadableFileError(f"{name} is a symbolic link loop", remedy="fix or remove the link")
    if error.errno == errno.ENOENT and os.path.islink(path):
        target = os.readlink(path)
        return UnreadableFileError(f"{name} is a broken symbolic link (to {target})", remedy="fix or remove the link")
    return UnreadableFileError(f"{name} cannot be read: {error.strerror}")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _printable(path: str) -> str:
    """``path`` with bytes that are not UTF-8 shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path

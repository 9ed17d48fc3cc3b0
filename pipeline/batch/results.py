"""Every result of the output folder, rebuilt from the state store in path order.

Whatever order the files finished in, and however many runs it took, the
outputs list the same results in the same order: a resumed run writes exactly
what an uninterrupted one would. :class:`StoredResults` is the sequence given
to the writer: it decides each path's row from the small headers of the store
and reads a full result only when the writer asks for it (a few are cached),
so memory stays flat however large the archive; small stores are read once
into a list (:func:`materialise`), which spares the writer's several passes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from pipeline.batch.store import IndexEntry, StateStore
from pipeline.records import DocumentResult, FileRow

#: Below this many bytes of stored results, the writer gets a plain list.
EAGER_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Slot:
    """What one path of the index becomes: a ready row, or the stored result of a content."""

    path: str
    row: FileRow | None = None
    sha256: str | None = None
    cached: bool = False

    @property
    def status(self) -> str | None:
        """The row's status when known without reading the result."""
        return self.row.status if self.row is not None else None


class StoredResults(Sequence[DocumentResult]):
    """The results of the output folder, read from the store when asked for."""

    def __init__(self, slots: list[Slot], store: StateStore, statuses: dict[str, str]) -> None:
        self.slots = slots
        self.store = store
        self.statuses = statuses
        self._load = functools.lru_cache(maxsize=64)(store.load_result)

    def __len__(self) -> int:
        return len(self.slots)

    @overload
    def __getitem__(self, index: int) -> DocumentResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[DocumentResult]: ...

    def __getitem__(self, index: int | slice) -> DocumentResult | list[DocumentResult]:
        if isinstance(index, slice):
            return [self._result(slot) for slot in self.slots[index]]
        return self._result(self.slots[index])

    def __iter__(self) -> Iterator[DocumentResult]:
        return (self._result(slot) for slot in self.slots)

    def status_of(self, slot: Slot) -> str | None:
        """The status of a path's row, from the store's headers."""
        return slot.status or (self.statuses.get(slot.sha256) if slot.sha256 else None)

    def stored_bytes(self) -> int:
        """Size of the stored results this sequence reads."""
        shas = {slot.sha256 for slot in self.slots if slot.sha256 and slot.row is None}
        return sum(self.store.result_size(sha256) for sha256 in shas)

    def _result(self, slot: Slot) -> DocumentResult:
        if slot.row is not None or slot.sha256 is None:
            return DocumentResult(file=slot.row or _lost(slot.path))
        stored = self._load(slot.sha256)
        if stored is None:
            return DocumentResult(file=pending_row(slot.path, slot.sha256))
        return as_file(stored, slot.path, cached=slot.cached)


def assemble(index: dict[str, IndexEntry], store: StateStore, produced: set[str]) -> StoredResults:
    """Every path of the index, in order: its row, its duplicate row, or its stored result."""
    holders: dict[str, list[str]] = {}
    for path in sorted(index):
        sha256 = index[path].sha256
        if sha256 is not None:
            holders.setdefault(sha256, []).append(path)
    headers = {sha256: store.header(sha256) for sha256 in holders}
    statuses = {sha256: header.status for sha256, header in headers.items() if header is not None}
    slots = []
    for path in sorted(index):
        entry = index[path]
        sha256 = entry.sha256
        if sha256 is None:
            slots.append(Slot(path, row=entry.row or _lost(path)))
            continue
        header = headers[sha256]
        if header is None:
            slots.append(Slot(path, row=pending_row(path, sha256)))
            continue
        original = _original(header.path or _stored_path(store, sha256), holders[sha256])
        if path == original:
            slots.append(Slot(path, sha256=sha256, cached=sha256 not in produced))
        else:
            slots.append(Slot(path, row=_duplicate(path, sha256, original, header.media_type)))
    return StoredResults(slots, store, statuses)


def materialise(results: StoredResults) -> Sequence[DocumentResult]:
    """A plain list when the store is small (the writer reads the results several times)."""
    return list(results) if results.stored_bytes() < EAGER_BYTES else results


def as_file(stored: DocumentResult, path: str, *, cached: bool) -> DocumentResult:
    """The stored result as the result of ``path`` (a renamed or moved file keeps its acts)."""
    file = stored.file.model_copy(update={"path": path, "cached": cached})
    if path == stored.file.path:
        return stored.model_copy(update={"file": file})
    doc = Path(path).stem
    acts = [act.model_copy(update={"doc": doc}) for act in stored.acts]
    return stored.model_copy(update={"file": file, "acts": acts})


def pending_row(path: str, sha256: str) -> FileRow:
    """The row of a file the run did not reach."""
    return FileRow(
        path=path,
        sha256=sha256,
        status="skipped",
        error="not processed yet: the run was interrupted — run the same command again to finish",
        error_code="interrupted",
    )


def _original(processed: str | None, holders: list[str]) -> str:
    """The path a content's acts are listed under: the one processed if still given, else the first."""
    return processed if processed in holders else holders[0]


def _stored_path(store: StateStore, sha256: str) -> str | None:
    """The processed path of a result whose header predates the ``path`` field."""
    stored = store.load_result(sha256)
    return stored.file.path if stored is not None else None


def _duplicate(path: str, sha256: str, original: str, media_type: str | None) -> FileRow:
    return FileRow(
        path=path,
        sha256=sha256,
        status="skipped",
        error=f"same content as {original}: its acts are listed once, under that file",
        error_code="duplicate",
        media_type=media_type,
        duplicate_of=original,
    )


def _lost(path: str) -> FileRow:
    return FileRow(path=path, status="error", error="no record of this file", error_code="internal")

"""Run OCR on a sequence of page images, one page ahead.

Tesseract runs in a subprocess; while it reads page N, the calling thread prepares
page N+1 (rendering, despeckling), so that preparation costs almost no wall time on
a machine with a spare core. Only the calling thread touches pypdfium2 (not thread-safe).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Prepared = TypeVar("Prepared")
Result = TypeVar("Result")


def pipelined(items: Iterator[Prepared], work: Callable[[Prepared], Result], *, ahead: bool = True) -> Iterator[Result]:
    """``work(item)`` for each item, preparing the next item while the current one is worked on."""
    if not ahead:
        for item in items:
            yield work(item)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="delib-ocr") as pool:
        pending: Future[Result] | None = None
        for item in items:
            future = pool.submit(work, item)
            if pending is not None:
                yield pending.result()
            pending = future
        if pending is not None:
            yield pending.result()

"""Progress of a run: a rich bar on a terminal, plain log lines every few seconds otherwise."""

from __future__ import annotations

import logging
import sys
import threading
import time
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pipeline.batch.jobs import Outcome

log = logging.getLogger("pipeline.batch.progress")
log.setLevel(logging.INFO)


class Counts:
    """Files and pages done, and the rates derived from them."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.pages = 0
        self.errors = 0
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def add(self, outcome: Outcome) -> None:
        """Count one finished file (thread-safe: the log ticker reads the counts)."""
        with self.lock:
            self.done += 1
            self.pages += outcome.pages
            self.errors += outcome.status == "error"

    def pages_per_second(self) -> float:
        """Pages done per second since the start."""
        elapsed = time.monotonic() - self.started
        return self.pages / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left, from the files done so far."""
        if self.done == 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)

    def line(self) -> str:
        """One progress line for logs."""
        eta = self.eta()
        left = "?" if eta is None else _duration(eta)
        return (
            f"{self.done}/{self.total} files, {self.errors} error(s), {self.pages} pages, "
            f"{self.pages_per_second():.2f} pages/s, about {left} left"
        )


class BatchProgress:
    """Context manager fed with each outcome; shows progress the way the terminal allows."""

    def __init__(self, total: int, *, interactive: bool, interval: float) -> None:
        self.counts = Counts(total)
        self.interactive = interactive and total > 0
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._streams: list[tuple[logging.StreamHandler[Any], Any]] = []

    def __enter__(self) -> BatchProgress:
        if self.interactive:
            self._start_bar()
        elif self.counts.total > 0 and self.interval > 0:
            self._thread = threading.Thread(target=self._ticker, name="delib-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._bar.stop()
            self._restore_log_streams()

    def advance(self, outcome: Outcome) -> None:
        """Count one finished file."""
        self.counts.add(outcome)
        if self._bar is not None and self._task is not None:
            rate = f"{self.counts.pages_per_second():.2f}"
            self._bar.update(self._task, advance=1, pages=self.counts.pages, rate=rate)

    def _start_bar(self) -> None:
        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[pages]} pages · {task.fields[rate]} pages/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task = self._bar.add_task("delib", total=self.counts.total, pages=0, rate="0.00")
        self._bar.start()
        self._route_logs_through(sys.stderr)

    def _route_logs_through(self, stream: object) -> None:
        """While the bar is live, log lines go through its console (printed above the bar)."""
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.__stderr__,):
                self._streams.append((handler, handler.stream))
                handler.setStream(stream)

    def _restore_log_streams(self) -> None:
        for handler, stream in self._streams:
            handler.setStream(stream)
        self._streams.clear()

    def _ticker(self) -> None:
        while not self._stop.wait(self.interval):
            log.info("progress: %s", self.counts.line())


def _duration(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {rest:02d} s"
    return f"{rest} s"

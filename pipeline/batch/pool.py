"""The local executor: a standard ``ProcessPoolExecutor`` that survives its workers.

- One job per worker in flight, plus one queued, so no worker waits for the client.
- A worker that dies (OOM kill, segfault, a signal) breaks the pool and loses
  every unfinished future: the pool is restarted and those files are sent again.
  A file that was in flight at two breaks is kept aside and retried alone at the
  end; if it breaks a pool of its own, it becomes a ``crashed`` error row.
- Hard time limit: each worker marks the file it starts (``running/<pid>``,
  whose mtime is the start). A file still running ``timeout + grace`` seconds
  after it started gets its worker's process group (worker and its Tesseract)
  killed and a ``timeout`` error row; the other files in flight are sent again.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.jobs import Job, Outcome, display_name, failure_outcome
from pipeline.batch.worker import WorkerConfig, initialize_process, run_job, single_thread_environment
from pipeline.errors import FileTimeoutError, InternalError, WorkerCrashError

log = logging.getLogger(__name__)

OnOutcome = Callable[[Outcome], None]
TICK = 0.5
#: Jobs queued beyond one per worker, so that a worker never waits for the client.
PREFETCH = 1


@dataclass(frozen=True)
class PoolOptions:
    """How the local pool runs."""

    workers: int
    grace: float
    log_dir: str | None = None


class _Broken(Exception):
    """The pool broke (or was killed on purpose); the round ends."""


def run_local(jobs: Sequence[Job], config: WorkerConfig, options: PoolOptions, on_outcome: OnOutcome) -> None:
    """Process ``jobs`` on a local process pool, calling ``on_outcome`` as each finishes."""
    single_thread_environment()
    runner = _Runner(config, options, on_outcome)
    queue = deque(jobs)
    while queue:
        runner.round(queue, workers=options.workers)
    for job in runner.solo:
        log.warning("%s: retrying alone after crashing the worker pool twice", job.path)
        runner.round(deque([job]), workers=1, alone=True)


class _Runner:
    def __init__(self, config: WorkerConfig, options: PoolOptions, on_outcome: OnOutcome) -> None:
        self.config = config
        self.options = options
        self.on_outcome = on_outcome
        self.crashes: Counter[str] = Counter()
        self.solo: list[Job] = []
        self.running = Path(config.running_dir) if config.running_dir else None

    def round(self, queue: deque[Job], *, workers: int, alone: bool = False) -> None:
        """Run jobs from ``queue`` on a fresh pool until the queue is empty or the pool breaks."""
        self._clear_markers()
        pool = self._new_pool(workers)
        inflight: dict[Future[Outcome], _Slot] = {}
        clean = False
        try:
            while queue or inflight:
                self._fill(pool, queue, inflight, limit=workers + PREFETCH)
                done, _ = wait(inflight, timeout=TICK, return_when=FIRST_COMPLETED)
                outcomes, broken = self._settle_done(done, inflight)
                if not broken:
                    self._fill(pool, queue, inflight, limit=workers + PREFETCH)
                for outcome in outcomes:
                    self.on_outcome(outcome)
                if broken:
                    raise _Broken
                self._enforce_deadlines(inflight)
            clean = True
        except (_Broken, BrokenProcessPool):
            self._recover(inflight, queue, alone=alone)
        finally:
            _stop(pool, clean=clean)

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.batch.worker"])
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=initialize_process,
            initargs=(self.config, self.options.log_dir),
        )

    def _fill(
        self,
        pool: ProcessPoolExecutor,
        queue: deque[Job],
        inflight: dict[Future[Outcome], _Slot],
        *,
        limit: int,
    ) -> None:
        """Send jobs until ``limit`` are in flight (workers are fed before results are stored)."""
        while queue and len(inflight) < limit:
            job = queue.popleft()
            inflight[pool.submit(run_job, job, self.config)] = _Slot(job)

    def _settle_done(
        self, done: set[Future[Outcome]], inflight: dict[Future[Outcome], _Slot]
    ) -> tuple[list[Outcome], bool]:
        """The outcomes of finished futures (taken out of ``inflight``), and whether the pool broke."""
        outcomes = []
        broken = False
        for future in done:
            outcome = _settle(future, inflight[future].job)
            if outcome is None:
                broken = True
                continue
            del inflight[future]
            outcomes.append(outcome)
        return outcomes, broken

    def _enforce_deadlines(self, inflight: dict[Future[Outcome], _Slot]) -> None:
        limit = self.config.timeout + self.options.grace
        now = time.time()
        for pid, (sha256, started) in self._markers(started_before=now - limit).items():
            for slot in inflight.values():
                if slot.job.sha256 == sha256 and not slot.killed:
                    log.warning("%s: running for %.0f s; stopping its worker", slot.job.path, now - started)
                    slot.killed = True
                    _kill_group(pid)
        if any(slot.killed for slot in inflight.values()):
            raise _Broken

    def _recover(self, inflight: dict[Future[Outcome], _Slot], queue: deque[Job], *, alone: bool) -> None:
        """After a break: keep what finished, give up killed files, send the others again."""
        wait(inflight, timeout=10)
        deliberate = any(slot.killed for slot in inflight.values())
        again: list[Job] = []
        for future, slot in inflight.items():
            outcome = _settle(future, slot.job) if future.done() else None
            if outcome is not None:
                self.on_outcome(outcome)
            elif slot.killed:
                self.on_outcome(_timeout_outcome(slot.job, self.config.timeout + self.options.grace))
            elif deliberate:
                again.append(slot.job)
            else:
                again.extend(self._crashed(slot.job, alone=alone))
        queue.extendleft(reversed(again))

    def _crashed(self, job: Job, *, alone: bool) -> list[Job]:
        self.crashes[job.sha256] += 1
        if alone:
            name = display_name(job.path)
            error = WorkerCrashError(f"{name}: the worker process died while reading it, alone")
            self.on_outcome(failure_outcome(job, error))
            return []
        count = self.crashes[job.sha256]
        log.warning("%s: a worker died while this file was in flight (%d)", job.path, count)
        if self.crashes[job.sha256] >= 2:
            self.solo.append(job)
            return []
        return [job]

    def _markers(self, *, started_before: float) -> dict[int, tuple[str, float]]:
        """pid → (sha256, start time) of the files the workers started reading before ``started_before``
        (checked after every result: a marker is read only when its time says it is overdue)."""
        if self.running is None:
            return {}
        markers = {}
        for entry in os.scandir(self.running):
            with contextlib.suppress(OSError, ValueError):
                started = entry.stat().st_mtime
                if started < started_before:
                    markers[int(entry.name)] = (Path(entry.path).read_text(), started)
        return markers

    def _clear_markers(self) -> None:
        if self.running is None:
            return
        for entry in os.scandir(self.running):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


@dataclass
class _Slot:
    job: Job
    killed: bool = False


def _settle(future: Future[Outcome], job: Job) -> Outcome | None:
    """The outcome of a finished future; None when its worker died (the pool is broken)."""
    error = future.exception()
    if error is None:
        return future.result()
    if isinstance(error, BrokenProcessPool):
        return None
    log.error("%s: the worker could not return its result: %s", job.path, error)
    return failure_outcome(job, InternalError(f"{display_name(job.path)}: {type(error).__name__}: {error}"))


def _timeout_outcome(job: Job, seconds: float) -> Outcome:
    name = display_name(job.path)
    error = FileTimeoutError(f"{name}: still running after {seconds:g} s; its worker was stopped")
    return failure_outcome(job, error)


def _kill_group(pid: int) -> None:
    """Kill a worker and the processes it started (it leads its own process group)."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


def _stop(pool: ProcessPoolExecutor, *, clean: bool) -> None:
    """Shut the pool down; after a break or an interruption, kill its workers and their children."""
    if clean:
        pool.shutdown(wait=True)
        return
    for pid in list(getattr(pool, "_processes", None) or {}):
        _kill_group(pid)
    pool.shutdown(wait=False, cancel_futures=True)

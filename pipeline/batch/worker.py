"""What runs inside a worker process (local pool or Dask worker): one file → one :class:`Outcome`.

:func:`run_job` never raises for a file: a bug becomes an ``internal`` error
row (the traceback goes to the worker log), the soft time limit a ``timeout``
row, memory exhaustion a ``too_large`` row. Heavy models are loaded once per
process. Fault injection for the tests: ``DELIB_FAULT=<kind>:<glob>[:<seconds>]``
makes the worker ``sleep``, ``hang`` (deaf to the soft limit), ``crash``
(SIGKILL itself) or ``raise`` on files whose name matches ``<glob>``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import logging
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.guards import Expired, SoftLimit, die_with_parent, kill_stray_children, limit_memory
from pipeline.batch.jobs import Job, LogLine, Outcome, failure_result, outcome_of
from pipeline.config import Settings
from pipeline.errors import DelibError, FileTimeoutError, InternalError, ResourceLimitError
from pipeline.records import DocumentResult
from pipeline.run import process_file

log = logging.getLogger(__name__)

FAULT_VARIABLE = "DELIB_FAULT"
THREAD_VARIABLES = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class WorkerConfig:
    """What every job needs besides the file: sent with each job (it is small)."""

    settings: Settings
    timeout: float
    memory_mb: int
    log_level: int
    running_dir: str | None = None


def single_thread_environment() -> None:
    """One thread per process for Tesseract and BLAS: parallelism comes from processes."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def initialize_process(config: WorkerConfig, log_dir: str | None) -> None:
    """Initializer of a local pool worker: own process group, limits, logs, models.

    Never raises: a failure here would break the pool on every start.
    """
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    single_thread_environment()
    if log_dir is not None:
        _redirect_stderr(Path(log_dir) / f"worker-{os.getpid()}.log")
    limit_memory(config.memory_mb)
    _prepare(config)


def run_job(job: Job, config: WorkerConfig) -> Outcome:
    """Process one file; always returns an :class:`Outcome`."""
    _prepare(config)
    _CAPTURE.take()
    started = time.monotonic()
    marker = _mark_running(job, config.running_dir)
    result = _process(job, config, started)
    _clear(marker)
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome_of(job, result, logs=_CAPTURE.take(), pid=os.getpid(), max_rss_kb=usage)


def _process(job: Job, config: WorkerConfig, started: float) -> DocumentResult:
    name = Path(job.path).name
    try:
        with SoftLimit(config.timeout) as limit:
            _inject_fault(name)
            result = process_file(Path(job.path), config.settings, sha256=job.sha256)
    except Expired:
        return _timed_out(job, config, started)
    except MemoryError:
        error = ResourceLimitError(
            f"{name}: ran out of memory (worker limit {config.memory_mb} MB)",
            remedy="raise --memory-limit and run again with --force, or split the file",
        )
        return failure_result(job, error, started=started)
    except DelibError as error:
        return failure_result(job, error, started=started)
    except Exception as error:
        log.exception("%s: unexpected error", job.path)
        return failure_result(job, InternalError(f"{name}: {type(error).__name__}: {error}"), started=started)
    if limit.expired:
        return _timed_out(job, config, started)
    return result


def _timed_out(job: Job, config: WorkerConfig, started: float) -> DocumentResult:
    kill_stray_children()
    name = Path(job.path).name
    error = FileTimeoutError(f"{name}: stopped after {config.timeout:g} s, the time limit for one file")
    log.warning("%s: %s", job.path, error)
    return failure_result(job, error, started=started)


def _mark_running(job: Job, running_dir: str | None) -> Path | None:
    """Tell the client which file this process started and when (the file's mtime)."""
    if running_dir is None:
        return None
    marker = Path(running_dir) / str(os.getpid())
    try:
        marker.write_text(job.sha256)
    except OSError:
        return None
    return marker


def _clear(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()


# --------------------------------------------------------------------------- process set-up


class _Capture(logging.Handler):
    """Keeps the log records of the current job, per thread, for the client to re-emit."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, list[LogLine]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        line = LogLine(record.levelno, record.name, record.getMessage())
        self.lines.setdefault(record.thread or 0, []).append(line)

    def take(self) -> list[LogLine]:
        return self.lines.pop(threading.get_ident(), [])


_CAPTURE = _Capture()
_READY: dict[str, bool] = {}


def _prepare(config: WorkerConfig) -> None:
    """Once per process: capture the pipeline's logs. The language model is loaded once per
    worker: in the background when a file goes to OCR, else on first use by a file that needs it."""
    if _READY.get("done"):
        return
    _READY["done"] = True
    single_thread_environment()
    package = logging.getLogger("pipeline")
    package.setLevel(config.log_level)
    package.addHandler(_CAPTURE)


def _redirect_stderr(path: Path) -> None:
    """Send what this process writes to stderr (C libraries included) to its log file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return
    os.dup2(descriptor, 2)
    os.close(descriptor)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)


def _inject_fault(name: str) -> None:
    """Test hook (see the module docstring); does nothing unless DELIB_FAULT is set."""
    spec = os.environ.get(FAULT_VARIABLE)
    if not spec:
        return
    kind, pattern, *rest = spec.split(":")
    if not fnmatch.fnmatch(name, pattern):
        return
    seconds = float(rest[0]) if rest else 3600.0
    if kind == "sleep":  # short naps: interruptible in a Dask thread too
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(0.05)
    elif kind == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(seconds)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    elif kind == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "raise":
        raise RuntimeError(f"fault injected by {FAULT_VARIABLE}")

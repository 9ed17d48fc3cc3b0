"""Guards of a worker process: a soft time limit per file, a memory cap, and no orphans.

- :class:`SoftLimit` interrupts the file being read after ``seconds`` (SIGALRM in
  the main thread, which also breaks blocking system calls; an asynchronous
  exception in a Dask worker thread, which acts between Python instructions).
- :func:`limit_memory` caps the address space (``RLIMIT_AS``): a file that needs
  more gets a MemoryError, which becomes its own error row.
- :func:`die_with_parent` kills the worker and its Tesseract if the client dies.
- :func:`kill_stray_children` stops the Tesseract a timed-out file left running.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
from pathlib import Path
from types import FrameType, TracebackType


class Expired(BaseException):
    """Raised into the worker when its time is up; a BaseException so that no
    ``except Exception`` inside a library can swallow it. It never leaves the worker."""


class SoftLimit:
    """Interrupt the running file after ``seconds``, then again every second until it gives up.

    In the main thread (local pool) with SIGALRM, which also interrupts blocking
    system calls; in another thread (Dask) with an asynchronous exception.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.armed = False
        self._timer: threading.Timer | None = None
        self._thread = threading.get_ident()
        self._previous: signal.Handlers | int | None = None
        self._uses_signal = threading.current_thread() is threading.main_thread()
        self._lock = threading.Lock()

    def __enter__(self) -> SoftLimit:
        self.armed = True
        if self._uses_signal:
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)  # type: ignore[assignment]
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)
        else:
            self._schedule(self.seconds)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if self._uses_signal:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)
            return
        with self._lock:
            self.armed = False
            if self._timer is not None:
                self._timer.cancel()
            if self.expired:  # withdraw an exception not delivered yet
                _set_async_exception(self._thread, None)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            self.expired = True
            raise Expired

    def _schedule(self, delay: float) -> None:
        self._timer = threading.Timer(delay, self._raise_in_thread)
        self._timer.daemon = True
        self._timer.start()

    def _raise_in_thread(self) -> None:
        with self._lock:
            if not self.armed:
                return
            self.expired = True
            _set_async_exception(self._thread, Expired)
            self._schedule(1.0)


def _set_async_exception(thread: int, kind: type[BaseException] | None) -> None:
    """Raise ``kind`` in ``thread`` at its next Python instruction (None withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None if kind is None else ctypes.py_object(kind))


def die_with_parent() -> None:
    """If the client dies (even by kill -9), kill this worker and its Tesseract at once."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="delib-parent-watch", daemon=True).start()


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space; a file that needs more gets a MemoryError (its own row)."""
    if megabytes <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def kill_stray_children() -> None:
    """After a timeout, stop the Tesseract processes this worker started."""
    me = os.getpid()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        name = stat[stat.find("(") + 1 : stat.rfind(")")]
        parent = int(stat[stat.rfind(")") + 2 :].split()[1])
        if parent == me and name.startswith("tesseract"):
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                continue

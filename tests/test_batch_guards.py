"""The worker's soft time limit, in the main thread (SIGALRM) and in another thread (Dask)."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from pipeline.batch.guards import Expired, SoftLimit


def _busy_loop_swallowing_exceptions(seconds: float) -> None:
    """A library that catches every Exception it meets: the limit must still get through."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except Exception:
            continue


def _interrupted_after() -> float:
    started = time.monotonic()
    with pytest.raises(Expired), SoftLimit(0.3) as limit:
        _busy_loop_swallowing_exceptions(10)
    assert limit.expired
    return time.monotonic() - started


def test_batch_guards_soft_limit_in_the_main_thread():
    assert _interrupted_after() < 3
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_batch_guards_soft_limit_in_another_thread():
    seconds: list[float] = []
    thread = threading.Thread(target=lambda: seconds.append(_interrupted_after()))
    thread.start()
    thread.join(timeout=15)
    assert seconds and seconds[0] < 3


@pytest.mark.parametrize("in_thread", [False, True], ids=["main-thread", "other-thread"])
def test_batch_guards_soft_limit_not_reached_does_nothing(in_thread):
    def quick() -> None:
        with SoftLimit(0.5) as limit:
            time.sleep(0.05)
        assert not limit.expired
        time.sleep(0.8)

    if in_thread:
        thread = threading.Thread(target=quick)
        thread.start()
        thread.join()
    else:
        quick()

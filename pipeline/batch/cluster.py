"""The Dask executor (optional extra ``delib[dask]``): documents sent to a cluster, results streamed back.

``--scheduler tcp://HOST:PORT`` uses an existing cluster (its workers read the
files by path: the paths must be the same on every machine, e.g. a shared
file system); without it, a ``LocalCluster`` of ``--workers`` processes with one
thread each is started. At most ``--in-flight`` tasks are submitted at once
(a sliding window over ``as_completed``); the client stores each result as it
arrives. A worker that dies makes Dask run its task again elsewhere; a task
that kills ``distributed.scheduler.allowed-failures`` workers becomes a
``crashed`` error row. Results are keyed by content hash, so a task run twice
is stored once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pipeline.batch.jobs import Job, Outcome, display_name, failure_outcome
from pipeline.batch.worker import WorkerConfig, run_job
from pipeline.errors import InternalError, UsageError, WorkerCrashError

log = logging.getLogger(__name__)

OnOutcome = Callable[[Outcome], None]
DASK_SETTINGS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
}
CONNECT_TIMEOUT = "10s"


def run_dask(
    jobs: Sequence[Job],
    config: WorkerConfig,
    on_outcome: OnOutcome,
    *,
    scheduler: str | None,
    workers: int,
    in_flight: int | None,
) -> None:
    """Process ``jobs`` on a Dask cluster, calling ``on_outcome`` as each finishes."""
    dask, distributed = import_dask()
    os.environ["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] = "False"
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(max(config.log_level, logging.WARNING))
    with dask.config.set(DASK_SETTINGS), _client(distributed, scheduler, workers, config.memory_mb) as client:
        threads = sum(client.nthreads().values()) or workers
        window = in_flight or max(2, 2 * threads)
        log.info("Dask: %d worker thread(s), up to %d file(s) in flight", threads, window)
        _stream(distributed, client, jobs, config, window, on_outcome)


def import_dask() -> tuple[Any, Any]:
    """The dask and distributed modules, or a :class:`UsageError` saying how to install them."""
    try:
        import dask
        import distributed
    except ImportError as error:
        raise UsageError(
            "--executor dask needs Dask, which is not installed",
            remedy="pip install 'delib[dask]' (or .venv/bin/pip install -e '.[dask]')",
        ) from error
    return dask, distributed


@contextlib.contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int, memory_mb: int) -> Iterator[Any]:
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler}: {error}",
                remedy="check the address (tcp://HOST:PORT) and that the scheduler is running",
            ) from error
        with client:
            yield client
        return
    try:
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=f"{memory_mb}MiB" if memory_mb > 0 else 0,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    except (OSError, TimeoutError, RuntimeError) as error:
        raise UsageError(
            f"cannot start a local Dask cluster: {error}", remedy="use --executor local, or give --scheduler"
        ) from error
    with cluster, distributed.Client(cluster) as client:
        yield client


def _stream(
    distributed: Any,
    client: Any,
    jobs: Sequence[Job],
    config: WorkerConfig,
    window: int,
    on_outcome: OnOutcome,
) -> None:
    """Keep ``window`` tasks in flight; hand each result to ``on_outcome`` as it completes."""
    pending = iter(jobs)
    submitted: dict[str, Job] = {}
    completed = distributed.as_completed()

    def submit_next() -> None:
        job = next(pending, None)
        if job is None:
            return
        key = f"delib-{job.sha256[:16]}-{uuid.uuid4().hex[:8]}"
        future = client.submit(run_job, job, config, key=key, pure=False)
        submitted[future.key] = job
        completed.add(future)

    for _ in range(window):
        submit_next()
    for future in completed:
        job = submitted.pop(future.key)
        submit_next()
        on_outcome(_outcome(distributed, future, job))
        future.release()


def _outcome(distributed: Any, future: Any, job: Job) -> Outcome:
    """The task's outcome, or an error row when the cluster could not run it."""
    try:
        outcome: Outcome = future.result()
    except distributed.KilledWorker as error:
        name = display_name(job.path)
        return failure_outcome(job, WorkerCrashError(f"{name}: Dask workers died while reading it ({error})"))
    except Exception as error:
        log.error("%s: the Dask task failed: %s: %s", job.path, type(error).__name__, error)
        return failure_outcome(job, InternalError(f"{display_name(job.path)}: {type(error).__name__}: {error}"))
    return outcome

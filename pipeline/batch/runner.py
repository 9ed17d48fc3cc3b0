"""One ``delib run``: index the files, run the jobs on an executor, store each result, write outputs.

discover → index (hashes) → plan (jobs, cached, duplicates)
         → executor (local pool | Dask) → state store, result by result
         → assemble (path order) → write_outputs
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path

from pipeline.batch.cluster import run_dask
from pipeline.batch.discover import Found
from pipeline.batch.jobs import Outcome
from pipeline.batch.options import BatchOptions
from pipeline.batch.plan import Plan, fingerprint, index_entries, make_plan
from pipeline.batch.pool import PoolOptions, run_local
from pipeline.batch.progress import BatchProgress
from pipeline.batch.results import assemble, materialise
from pipeline.batch.store import Header, IndexEntry, StateStore
from pipeline.batch.summary import RunStats
from pipeline.batch.worker import WorkerConfig
from pipeline.config import Settings
from pipeline.errors import ConfigError, OutputError
from pipeline.write import RunSummary, write_outputs

log = logging.getLogger(__name__)


class BatchRun:
    """The state of one run over one output folder (whose store must be open)."""

    def __init__(
        self,
        store: StateStore,
        settings: Settings,
        options: BatchOptions,
        *,
        siret_map: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.siret_map = siret_map
        self.settings = settings
        self.options = options
        self.fingerprint = fingerprint(settings)
        self.index: dict[str, IndexEntry] = {}
        self.paths: list[str] = []
        self.produced: set[str] = set()
        self.stats = RunStats()
        self.started = time.monotonic()
        self._progress: BatchProgress | None = None

    def prepare(self, found: list[Found]) -> Plan:
        """Hash the files, record them in the index, and decide what to process."""
        previous = self.store.load_index()
        entries = index_entries(found, previous, rehash=self.options.force)
        self.index = entries if self.options.fresh else {**previous, **entries}
        self.store.save_index(self.index)
        plan = make_plan(entries, self.store, self.fingerprint, force=self.options.force)
        self.paths = plan.paths
        self.stats.files = len(entries)
        self.stats.cached = plan.cached
        self.stats.duplicates = plan.duplicates
        log.info(
            "%d file(s): %d to process, %d reused, %d duplicate(s)",
            len(entries),
            len(plan.jobs),
            plan.cached,
            plan.duplicates,
        )
        return plan

    def execute(self, plan: Plan) -> None:
        """Run the plan's jobs, storing each result as it arrives."""
        options = self.options
        config = WorkerConfig(
            settings=self.settings,
            timeout=options.timeout,
            memory_mb=options.memory_mb,
            log_level=options.log_level,
            running_dir=None if options.executor == "dask" else str(self._running_dir()),
        )
        progress = BatchProgress(len(plan.jobs), interactive=options.interactive, interval=options.progress_interval)
        with progress:
            self._progress = progress
            if options.executor == "dask":
                run_dask(
                    plan.jobs,
                    config,
                    self.receive,
                    scheduler=options.scheduler,
                    workers=options.workers,
                    in_flight=options.in_flight,
                )
            else:
                pool = PoolOptions(workers=options.workers, grace=options.grace, log_dir=str(self.store.logs))
                run_local(plan.jobs, config, pool, self.receive)

    def receive(self, outcome: Outcome) -> None:
        """Store one result (atomically) and report it."""
        for line in outcome.logs:
            logging.getLogger(line.logger).log(line.level, line.message)
        header = Header(
            fingerprint=self.fingerprint,
            status=outcome.status,
            error_code=outcome.error_code,
            path=outcome.path,
            media_type=outcome.media_type,
        )
        self.store.save_result(outcome.sha256, header, outcome.payload)
        self.produced.add(outcome.sha256)
        self.stats.processed += 1
        self.stats.pages += outcome.pages
        self.stats.note_worker(outcome.pid, outcome.max_rss_kb)
        if self._progress is not None:
            self._progress.advance(outcome)
        if outcome.error_code == ConfigError.code:
            raise ConfigError(f"stopped: {outcome.error}")

    def finish(self, *, interrupted: bool = False) -> RunSummary:
        """Rebuild the outputs from the store; return the writer's summary of the output folder."""
        stored = assemble(self.index, self.store, self.produced)
        mine = set(self.paths)
        self.stats.errors = sum(stored.status_of(slot) == "error" for slot in stored.slots if slot.path in mine)
        results = materialise(stored)
        self.stats.interrupted = interrupted
        self.stats.wall_seconds = time.monotonic() - self.started
        written = write_outputs(
            self.options.out_dir, results, siret_map=self.siret_map, wall_seconds=self.stats.wall_seconds
        )
        self.store.save_run(self.stats.as_json())
        return written

    def _running_dir(self) -> Path:
        folder = self.store.root / "running"
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot write {folder}: {error.strerror}") from error
        return folder

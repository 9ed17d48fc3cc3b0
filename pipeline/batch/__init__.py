"""``delib run``: process files and folders into a dataset, resumably, in parallel.

    discover → plan (hashes, reuse, duplicates) → pool | cluster → store → results → write

Modules: :mod:`.discover` (walk the inputs), :mod:`.store` (state store keyed by
content hash), :mod:`.plan` (what to process, what to reuse), :mod:`.results`
(the outputs rebuilt from the store, in path order), :mod:`.pool` (local process
pool), :mod:`.cluster` (Dask), :mod:`.worker` and :mod:`.guards` (what runs in a
worker, and its limits), :mod:`.jobs` (what travels between them),
:mod:`.progress`, :mod:`.summary`, :mod:`.options`, :mod:`.runner` (one run,
start to end).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from pipeline.batch.options import BatchOptions
from pipeline.config import Settings, load_settings
from pipeline.errors import EXIT_OK, EXIT_SOME_FAILED, UsageError

DEFAULT_MEMORY_MB = 4096


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``delib run``."""
    parser.add_argument("inputs", nargs="+", type=Path, help="files or folders to process (walked recursively)")
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="parallel worker processes (default: cores)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        help="seconds for one file (default: limits.file_timeout of the settings)",
    )
    parser.add_argument(
        "--memory-limit",
        type=_non_negative_int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=f"address space of one worker in MB, 0 for none (default: {DEFAULT_MEMORY_MB})",
    )
    parser.add_argument("--force", action="store_true", help="process every file again, even if already done")
    parser.add_argument("--fresh", action="store_true", help="forget the inputs of earlier runs in this output folder")
    parser.add_argument("--executor", choices=("local", "dask"), default="local", help="where files are processed")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler tcp://HOST:PORT (implies dask)")
    parser.add_argument(
        "--in-flight",
        type=_positive_int,
        metavar="N",
        help="Dask: files submitted at once (default: 2 × threads)",
    )
    parser.add_argument(
        "--progress-interval",
        type=_positive_float,
        default=10.0,
        metavar="SECONDS",
        help="seconds between progress lines when not on a terminal (default: 10)",
    )
    parser.add_argument("--siret-map", type=Path, metavar="FILE", help="SIREN → SIRET table for the SCDL export")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files and folders whose name matches, while walking folders (repeatable; "
        "e.g. --exclude 'README*' --exclude drafts)",
    )


def main(args: argparse.Namespace) -> int:
    """Process files and folders into the output folder; exit 0 if all succeeded, 1 if some failed.

    Example:
        delib run samples/ --out output/ --workers 2
    """
    from pipeline.batch.discover import discover

    settings = load_settings()
    options = _options(args, settings)
    found = discover(args.inputs, exclude=[options.out_dir], exclude_names=args.exclude)

    from pipeline.batch.runner import BatchRun
    from pipeline.batch.store import StateStore
    from pipeline.batch.summary import format_summary
    from pipeline.batch.worker import single_thread_environment
    from pipeline.write import load_siret_map

    siret_map = load_siret_map(args.siret_map) if args.siret_map else None
    single_thread_environment()
    with StateStore(options.out_dir) as store, _sigterm_as_interrupt():
        run = BatchRun(store, _with_timeout(settings, options.timeout), options, siret_map=siret_map)
        plan = run.prepare(found)
        try:
            run.execute(plan)
        except KeyboardInterrupt:
            run.finish(interrupted=True)
            raise
        written = run.finish()
    print(format_summary(options.out_dir, written, run.stats))  # noqa: T201 (the command's final output)
    return EXIT_SOME_FAILED if run.stats.errors else EXIT_OK


def _options(args: argparse.Namespace, settings: Settings) -> BatchOptions:
    executor = "dask" if args.scheduler else args.executor
    if args.in_flight and executor != "dask":
        raise UsageError("--in-flight applies to --executor dask only")
    if executor == "dask":
        from pipeline.batch.cluster import import_dask

        import_dask()
    timeout = args.timeout or settings.limits.file_timeout
    verbose = getattr(args, "verbose", False)
    return BatchOptions(
        out_dir=args.out,
        workers=args.workers,
        timeout=timeout,
        grace=min(max(10.0, 0.1 * timeout), 120.0),
        memory_mb=args.memory_limit,
        force=args.force,
        fresh=args.fresh,
        executor=executor,
        scheduler=args.scheduler,
        in_flight=args.in_flight,
        interactive=sys.stderr.isatty(),
        progress_interval=args.progress_interval,
        log_level=logging.INFO if verbose else logging.WARNING,
    )


def _with_timeout(settings: Settings, timeout: float) -> Settings:
    """The settings with ``limits.file_timeout`` set to the run's ``--timeout``."""
    limits = settings.limits.model_copy(update={"file_timeout": timeout})
    return settings.model_copy(update={"limits": limits})


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C: workers stopped, outputs written from what is done."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return value

"""The options of one ``delib run`` (a light module: built before any heavy import)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BatchOptions:
    """Everything ``delib run`` was asked to do, validated."""

    out_dir: Path
    workers: int
    timeout: float
    grace: float
    memory_mb: int
    force: bool = False
    fresh: bool = False
    executor: str = "local"
    scheduler: str | None = None
    in_flight: int | None = None
    interactive: bool = False
    progress_interval: float = 10.0
    log_level: int = logging.WARNING

"""The end-of-run summary printed by ``delib run``.

The counts of the output folder come from the writer's ``RunSummary``; this
module adds what only the batch layer knows: how many files this run processed,
reused or found duplicated, its throughput and the workers' peak memory.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol


class HasLines(Protocol):
    """What the summary needs of ``pipeline.write.RunSummary``."""

    def lines(self) -> list[str]:
        """Human-readable lines."""
        ...


@dataclass
class RunStats:
    """What this run did (as opposed to what the output folder holds)."""

    files: int = 0
    processed: int = 0
    cached: int = 0
    duplicates: int = 0
    errors: int = 0
    pages: int = 0
    wall_seconds: float = 0.0
    peak_rss_kb: dict[int, int] = field(default_factory=dict)
    interrupted: bool = False

    def note_worker(self, pid: int | None, max_rss_kb: int) -> None:
        """Remember the peak resident memory of a worker process."""
        if pid is not None:
            self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), max_rss_kb)

    def as_json(self) -> str:
        """This run's numbers as JSON (kept in ``.delib/last_run.json`` for tools and the benchmark)."""
        data = asdict(self)
        data["peak_rss_mb"] = {str(pid): round(kb / 1024, 1) for pid, kb in self.peak_rss_kb.items()}
        del data["peak_rss_kb"]
        return json.dumps(data, indent=2)

    def lines(self) -> list[str]:
        """Human-readable lines about this run."""
        rate = self.pages / self.wall_seconds if self.wall_seconds > 0 else 0.0
        lines = [
            f"this run: {self.files} file(s): {self.processed} processed, {self.cached} reused from earlier "
            f"runs, {self.duplicates} duplicate(s); {self.errors} error(s)",
            f"this run: {self.pages} page(s) processed in {self.wall_seconds:.1f} s ({rate:.2f} pages/s)",
        ]
        if self.peak_rss_kb:
            peak = max(self.peak_rss_kb.values()) / 1024
            lines.append(f"this run: peak memory of a worker {peak:.0f} MB ({len(self.peak_rss_kb)} worker(s))")
        if self.interrupted:
            lines.append("interrupted: run the same command again to finish (done files are kept)")
        return lines


def format_summary(out_dir: Path, written: HasLines, stats: RunStats) -> str:
    """The text printed at the end of ``delib run``."""
    lines = [f"output folder {out_dir}:"]
    lines.extend(f"  {line}" for line in written.lines())
    lines.extend(f"  {line}" for line in stats.lines())
    return "\n".join(lines)

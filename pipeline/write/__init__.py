"""Write stage: the results of a run → the output folder.

:func:`write_outputs` writes, each file atomically (temporary file in the same
folder, fsync, rename): ``acts.jsonl``, ``files.jsonl``, ``acts.parquet``,
``acts.csv``, ``deliberations.duckdb``, ``scdl.csv``, ``report.html`` and
``summary.json``. Same results in → byte-identical acts.jsonl, files.jsonl,
acts.csv and scdl.csv out.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.records import DocumentResult
from pipeline.write.atomic import prepare_folder, write_text
from pipeline.write.database import DATABASE_NAME, write_database
from pipeline.write.jsonl import act_json, file_json, write_acts_jsonl, write_files_jsonl
from pipeline.write.report import write_report
from pipeline.write.scdl import load_siret_map, write_scdl
from pipeline.write.summary import RunSummary, summarise
from pipeline.write.tables import write_acts_tables

__all__ = ["OUTPUTS", "RunSummary", "act_json", "file_json", "load_siret_map", "write_outputs"]

log = logging.getLogger(__name__)

OUTPUTS = (
    "acts.jsonl",
    "files.jsonl",
    "acts.parquet",
    "acts.csv",
    DATABASE_NAME,
    "scdl.csv",
    "report.html",
    "summary.json",
)


def write_outputs(
    out_dir: Path,
    results: Sequence[DocumentResult],
    *,
    siret_map: Mapping[str, str] | None = None,
    wall_seconds: float | None = None,
) -> RunSummary:
    """Write every output of a run into ``out_dir`` and return its summary.

    ``results`` holds every file of the run (error and skipped rows included),
    in a stable order. ``siret_map`` maps an input path or a SIREN to a SIRET
    for the SCDL export; ``wall_seconds`` is the elapsed time of the run, kept
    in the summary. Raises :class:`~pipeline.errors.OutputError` when the
    folder cannot be written (read-only, disk full); files already in place
    are then left as they were.
    """
    prepare_folder(out_dir)
    summary = summarise(results, wall_seconds=wall_seconds)
    write_acts_jsonl(out_dir / "acts.jsonl", results)
    write_files_jsonl(out_dir / "files.jsonl", results)
    write_acts_tables(out_dir, results)
    write_database(out_dir / DATABASE_NAME, results)
    rows, excluded = write_scdl(out_dir / "scdl.csv", results, siret_map)
    summary = summary.model_copy(update={"scdl_rows": rows, "scdl_excluded": excluded, "outputs": list(OUTPUTS)})
    write_report(out_dir / "report.html", results, summary)
    write_text(out_dir / "summary.json", summary.model_dump_json(indent=2) + "\n")
    log.info("%s: %d file(s), %d act(s) written", out_dir, summary.files, summary.acts)
    return summary

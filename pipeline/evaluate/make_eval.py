"""``make eval``: run the pipeline on every rendering of the samples and score each against its gold.

Renderings: the seeds as text, as raw markdown, as born-digital PDF, as medium and heavy scans;
the real records that have gold; the written test records (``samples/written/``) and the
held-out records written blind to the code (``samples/holdout/``), when present.
Each runs with ``delib run`` into ``output/eval/<name>/`` and is scored against the gold
documents that have an input file there. Writes ``output/eval/report.md`` and ``scores.json``
and prints the summary, the targets of issue 3 (PASS/FAIL) and the per-field table.

Example:
    python -m pipeline.evaluate.make_eval --only text,digital --strict
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import EXIT_OK, EXIT_SOME_FAILED, DelibError, UsageError, exit_code_for
from pipeline.evaluate.command import write_json
from pipeline.evaluate.load import load_gold, load_predictions, restrict
from pipeline.evaluate.report import field_matrix, render, summary_table, target_table
from pipeline.evaluate.results import RenderingResult
from pipeline.evaluate.score import evaluate
from pipeline.evaluate.targets import Check, check

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
INPUT_SUFFIXES = {".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass(frozen=True)
class Rendering:
    """One set of inputs and the gold file that scores them (paths relative to the samples folder)."""

    name: str
    inputs: str
    gold: str


RENDERINGS: tuple[Rendering, ...] = (
    Rendering("text", "text", "gold/seeds.jsonl"),
    Rendering("seeds", "seeds", "gold/seeds.jsonl"),
    Rendering("digital", "digital", "gold/seeds.jsonl"),
    Rendering("scanned", "scanned", "gold/seeds.jsonl"),
    Rendering("scanned-heavy", "scanned-heavy", "gold/seeds.jsonl"),
    Rendering("real", "real", "gold/real.jsonl"),
    Rendering("written", "written", "written/gold.jsonl"),
    Rendering("holdout", "holdout", "holdout/gold.jsonl"),
    Rendering("holdout2", "holdout2", "holdout2/gold.jsonl"),
    Rendering("holdout3", "holdout3", "holdout3/gold.jsonl"),
    Rendering("holdout4", "holdout4", "holdout4/gold.jsonl"),
    Rendering("holdout5", "holdout5", "holdout5/gold.jsonl"),
    Rendering("holdout6", "holdout6", "holdout6/gold.jsonl"),
    Rendering("holdout7", "holdout7", "holdout7/gold.jsonl"),
    Rendering("holdout8", "holdout8", "holdout8/gold.jsonl"),
    Rendering("holdout9", "holdout9", "holdout9/gold.jsonl"),
    Rendering("holdout10", "holdout10", "holdout10/gold.jsonl"),
    Rendering("holdout11", "holdout11", "holdout11/gold.jsonl"),
    Rendering("holdout12", "holdout12", "holdout12/gold.jsonl"),
    Rendering("holdout13", "holdout13", "holdout13/gold.jsonl"),
    Rendering("holdout14", "holdout14", "holdout14/gold.jsonl"),
    Rendering("holdout15", "holdout15", "holdout15/gold.jsonl"),
)


def input_files(folder: Path, docs: set[str]) -> dict[str, Path]:
    """The input file of each gold document found in ``folder`` (by file name without extension)."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in INPUT_SUFFIXES and path.stem in docs:
            if path.stem in found:
                log.warning("%s: several inputs for document %s; using %s", folder, path.stem, found[path.stem])
                continue
            found[path.stem] = path
    return found


def run_pipeline(files: Sequence[Path], out_dir: Path, extra_args: Sequence[str], timeout: float) -> int:
    """``delib run FILES --out OUT_DIR`` in a subprocess (a fresh output folder); its exit status."""
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        *map(str, files),
        "--out",
        str(out_dir),
        *extra_args,
    ]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    log_path = out_dir.with_name(out_dir.name + ".log")
    with log_path.open("w", encoding="utf-8") as log_file:
        try:
            completed = subprocess.run(
                command, stdout=log_file, stderr=subprocess.STDOUT, env=env, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            log.error(
                "%s: delib run took more than %.0f s; scoring what it wrote (log: %s)",
                out_dir,
                timeout,
                log_path,
            )
            return -1
    if completed.returncode:
        log.warning("%s: delib run exited with %d (log: %s)", out_dir, completed.returncode, log_path)
    return completed.returncode


def evaluate_rendering(
    rendering: Rendering,
    samples: Path,
    out_root: Path,
    *,
    run: bool,
    extra_args: Sequence[str],
    timeout: float,
) -> RenderingResult | None:
    """Run and score one rendering; ``None`` when its inputs or gold are absent."""
    folder, gold_path = samples / rendering.inputs, samples / rendering.gold
    if not folder.is_dir() or not gold_path.is_file():
        log.warning("%s: skipped (%s or %s missing)", rendering.name, folder, gold_path)
        return None
    gold = load_gold([gold_path])
    files = input_files(folder, set(gold))
    out_dir = out_root / rendering.name
    exit_status, seconds = None, 0.0
    if run:
        log.info("%s: delib run on %d file(s) → %s", rendering.name, len(files), out_dir)
        started = time.monotonic()
        exit_status = run_pipeline(list(files.values()), out_dir, extra_args, timeout)
        seconds = round(time.monotonic() - started, 1)
    acts_path = out_dir / "acts.jsonl"
    pred = load_predictions(acts_path) if acts_path.is_file() else {}
    return RenderingResult(
        name=rendering.name,
        files=len(files),
        exit_status=exit_status,
        seconds=seconds,
        gold_docs_without_input=sorted(set(gold) - set(files)),
        scores=evaluate(restrict(gold, files), pred),
    )


def build_report(results: Sequence[RenderingResult], checks: Sequence[Check]) -> tuple[str, str]:
    """The short report for the terminal and the full one for report.md."""
    sections = [
        "# Evaluation (make eval)",
        summary_table(results),
        "## Targets (issue 3)",
        target_table(checks),
        "## Per-field accuracy",
        field_matrix(results),
    ]
    short = "\n\n".join(sections) + "\n"
    notes = [
        f"- {r.name}: no input file (not scored) for gold documents {', '.join(r.gold_docs_without_input)}"
        for r in results
        if r.gold_docs_without_input
    ]
    details = [render(r.scores, title=f"Rendering: {r.name}", misses=True) for r in results]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    full = "\n".join([short, f"Generated {stamp}.", *(["", *notes] if notes else []), "", *details])
    return short, full


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m pipeline.evaluate.make_eval``."""
    names = ",".join(r.name for r in RENDERINGS)
    parser.add_argument("--only", help=f"comma-separated renderings to run (default all: {names})")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples", help="samples folder")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "eval", help="output folder")
    parser.add_argument("--skip-run", action="store_true", help="score the outputs of an earlier run")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target fails")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed per rendering run")
    parser.add_argument(
        "--delib-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for delib run (repeat)",
    )


def selected(only: str | None) -> list[Rendering]:
    """The renderings named by ``--only`` (all by default)."""
    if not only:
        return list(RENDERINGS)
    names = [name.strip() for name in only.split(",") if name.strip()]
    known = {r.name: r for r in RENDERINGS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UsageError(f"unknown rendering(s) {', '.join(unknown)}", remedy=f"choose among {', '.join(known)}")
    return [known[name] for name in names]


def main(args: argparse.Namespace) -> int:
    """Run and score every rendering, write report.md and scores.json, check the targets.

    Example:
        python -m pipeline.evaluate.make_eval --only text --out /tmp/eval
    """
    results: list[RenderingResult] = []
    for rendering in selected(args.only):
        result = evaluate_rendering(
            rendering,
            args.samples,
            args.out,
            run=not args.skip_run,
            extra_args=args.delib_arg,
            timeout=args.timeout,
        )
        if result is not None:
            results.append(result)
    checks = check({result.name: result.scores for result in results})
    short, full = build_report(results, checks)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(full, encoding="utf-8")
    renderings = {result.name: result.to_json() for result in results}
    write_json(args.out / "scores.json", {"renderings": renderings, "targets": [c.as_dict() for c in checks]})
    sys.stdout.write(short + f"\nFull report: {args.out / 'report.md'}\n")
    failed = any(c.verdict == "FAIL" for c in checks)
    return EXIT_SOME_FAILED if args.strict and failed else EXIT_OK


def cli(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m pipeline.evaluate.make_eval``."""
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__.split("\n\n")[0] if __doc__ else None)
    configure(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return main(args)
    except DelibError as error:
        log.error("%s", error.describe())
        return exit_code_for(error)


if __name__ == "__main__":
    sys.exit(cli())

"""``delib eval``: score a run's acts.jsonl against gold files."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from pipeline.errors import EXIT_OK, EXIT_SOME_FAILED, OutputError
from pipeline.evaluate.align import MIN_SIMILARITY
from pipeline.evaluate.load import load_gold, load_predictions
from pipeline.evaluate.normalize import OBJECT_THRESHOLD
from pipeline.evaluate.report import render
from pipeline.evaluate.results import Scores
from pipeline.evaluate.score import evaluate

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``delib eval``."""
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        required=True,
        metavar="FILE",
        help="gold JSON Lines file (repeat for several)",
    )
    parser.add_argument(
        "--pred",
        type=Path,
        required=True,
        metavar="ACTS",
        help="the run's acts.jsonl (or its output folder)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the numbers as JSON to OUT")
    parser.add_argument("--misses", action="store_true", help="list every wrong field")
    parser.add_argument(
        "--object-threshold",
        type=float,
        default=OBJECT_THRESHOLD,
        help=f"minimum similarity for an object to count as right (default {OBJECT_THRESHOLD})",
    )
    parser.add_argument(
        "--min-similarity",
        type=float,
        default=MIN_SIMILARITY,
        help=f"minimum similarity to pair a predicted act with a gold act (default {MIN_SIMILARITY})",
    )
    parser.add_argument(
        "--fail-under",
        type=float,
        metavar="RATE",
        help="exit with status 1 when overall field accuracy is below RATE (e.g. 0.98)",
    )


def write_json(path: Path, data: object) -> None:
    """Write ``data`` as indented UTF-8 JSON, through a temporary file."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error}") from error


def run(args: argparse.Namespace) -> Scores:
    """Load, align and score as ``args`` say."""
    gold = load_gold(args.gold)
    pred = load_predictions(args.pred)
    return evaluate(gold, pred, object_threshold=args.object_threshold, min_similarity=args.min_similarity)


def main(args: argparse.Namespace) -> int:
    """Score predicted acts against gold acts and print markdown tables.

    Example:
        delib eval --gold samples/gold/seeds.jsonl --pred output/acts.jsonl --misses --json scores.json
    """
    scores = run(args)
    if args.json:
        write_json(args.json, scores.to_json())
    title = f"Evaluation of {args.pred} against {', '.join(str(path) for path in args.gold)}"
    sys.stdout.write(render(scores, title=title, misses=args.misses))
    if args.fail_under is not None and scores.overall.accuracy < args.fail_under:
        log.warning("overall accuracy %.4f is below %.4f", scores.overall.accuracy, args.fail_under)
        return EXIT_SOME_FAILED
    return EXIT_OK

"""The ``delib`` command: a thin layer over the library; each subcommand lives with its module."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from pipeline import batch, query
from pipeline.errors import EXIT_USAGE, DelibError, exit_code_for
from pipeline.evaluate import command as evaluate_command

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]


def _commands() -> dict[str, Command]:
    return {
        "run": (batch.configure, batch.main, "process files and folders into a dataset"),
        "eval": (evaluate_command.configure, evaluate_command.main, "score acts.jsonl against gold files"),
        "query": (query.configure, query.main, "run read-only SQL on the DuckDB output"),
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="delib", description="French council deliberations → data")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every file and page")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (configure, handler, summary) in _commands().items():
        command = sub.add_parser(name, help=summary, description=summary)
        configure(command)
        command.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else 0
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except DelibError as error:
        print(f"delib: {error.describe()}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("delib: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""Batch runs: walk inputs, process files, write outputs. PROVISIONAL: sequential, no resume."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.config import load_settings
from pipeline.errors import EXIT_OK, EXIT_SOME_FAILED
from pipeline.run import process_file
from pipeline.write import write_outputs

SUFFIXES = {".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, help="files or folders to process")
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")


def main(args: argparse.Namespace) -> int:
    settings = load_settings()
    files: list[Path] = []
    for item in args.inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            files.append(item)
    results = [process_file(path, settings) for path in files]
    write_outputs(args.out, results)
    return EXIT_OK if all(r.file.status != "error" for r in results) else EXIT_SOME_FAILED

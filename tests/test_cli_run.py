"""`delib run` end to end on the text seeds: every output file, every DOMAIN §3 key, the exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.records import RECORD_KEYS

ROOT = Path(__file__).resolve().parent.parent


def _delib(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_cli_run_writes_every_output(tmp_path: Path) -> None:
    result = _delib("run", "samples/text", "--out", str(tmp_path), "--workers", "1")
    assert result.returncode == 0, result.stderr
    for name in [
        "acts.jsonl",
        "acts.csv",
        "acts.parquet",
        "files.jsonl",
        "deliberations.duckdb",
        "scdl.csv",
        "report.html",
        "summary.json",
    ]:
        assert (tmp_path / name).exists(), name
    acts = [json.loads(line) for line in (tmp_path / "acts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(acts) == 5
    for act in acts:
        assert list(act)[: len(RECORD_KEYS)] == list(RECORD_KEYS)
        assert {"evidence", "findings", "source"} <= set(act)


def test_cli_run_exit_status_one_when_a_file_fails(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = _delib("run", str(bad.parent), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 1
    rows = [json.loads(line) for line in (tmp_path / "out" / "files.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["status"] == "error" and rows[0]["error"]
    assert "Traceback" not in result.stderr


def test_cli_usage_error_exit_two(tmp_path: Path) -> None:
    assert _delib("run", str(tmp_path / "missing"), "--out", str(tmp_path / "out")).returncode == 2
    assert _delib("frobnicate").returncode == 2

"""Kill -9 a running ``delib run``, twice, run it again: exactly the acts of an uninterrupted run."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest
from hostile_corpus import delib_command, delib_env, read_jsonl, run_delib, text_corpus

FILES = 100


def _kill_when_stored(out, count: int, *, workers: int = 2) -> int:
    """Start a run, SIGKILL it once ``count`` results are in its store; return how many were."""
    process = subprocess.Popen(
        delib_command("run", out.parent / "in", "--out", out, "--workers", str(workers)),
        env=delib_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = out / ".delib" / "results"
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if results.exists() and len(list(results.glob("*/*.json"))) >= count:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    return len(list(results.glob("*/*.json")))


@pytest.mark.slow
def test_batch_resume_after_sigkill_gives_the_acts_of_an_uninterrupted_run(tmp_path):
    text_corpus(tmp_path / "in", FILES)
    reference = run_delib("run", tmp_path / "in", "--out", tmp_path / "reference", "--workers", "2")
    assert reference.returncode == 0, reference.stderr
    out = tmp_path / "out"

    stored_first = _kill_when_stored(out, 25)
    assert 25 <= stored_first < FILES
    assert not (out / "acts.jsonl").exists()
    stored_second = _kill_when_stored(out, stored_first + 30)
    assert stored_second < FILES

    final = run_delib("run", tmp_path / "in", "--out", out, "--workers", "2")
    assert final.returncode == 0, final.stderr
    reused = int(re.search(r"(\d+) reused", final.stdout).group(1))
    assert reused >= stored_second
    assert (out / "acts.jsonl").read_text() == (tmp_path / "reference" / "acts.jsonl").read_text()
    rows = read_jsonl(out / "files.jsonl")
    assert len(rows) == FILES
    assert all(row["status"] == "ok" for row in rows)
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow
def test_batch_resume_after_sigterm_outputs_what_is_done_then_finishes(tmp_path):
    text_corpus(tmp_path / "in", 30)
    out = tmp_path / "out"
    process = subprocess.Popen(
        delib_command("run", tmp_path / "in", "--out", out, "--workers", "2"),
        env=delib_env(DELIB_FAULT="sleep:*:0.5"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = out / ".delib" / "results"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (results.exists() and len(list(results.glob("*/*.json"))) >= 5):
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "run the same command again" in stderr
    assert "Traceback" not in stderr
    rows = read_jsonl(out / "files.jsonl")
    assert len(rows) == 30
    waiting = [row for row in rows if row["error_code"] == "interrupted"]
    assert 0 < len(waiting) < 30
    assert all(row["status"] == "skipped" for row in waiting)
    final = run_delib("run", tmp_path / "in", "--out", out, "--workers", "2")
    assert final.returncode == 0, final.stderr
    assert all(row["status"] == "ok" for row in read_jsonl(out / "files.jsonl"))

"""Faults during a run, for real: a file too slow, a worker stuck or killed, a bug. The batch always ends.

Faults are injected with the worker's ``DELIB_FAULT`` hook (sleep, hang, crash,
raise on files matching a pattern) or by killing a worker process from outside.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import psutil
import pytest
from hostile_corpus import GOOD_TEXT, delib_command, delib_env, read_jsonl, run_delib, text_corpus
from PIL import Image


def _corpus(root, count, *, odd=None):
    text_corpus(root, count)
    if odd is not None:
        shutil.copy(GOOD_TEXT[2], root / odd)
    return root


def _rows(out):
    return {os.path.basename(row["path"]): row for row in read_jsonl(out / "files.jsonl")}


def _others_ok(rows, odd):
    return all(row["status"] == "ok" and row["acts"] >= 1 for name, row in rows.items() if name != odd)


def test_batch_faults_soft_timeout_gives_a_timeout_row(tmp_path):
    root = _corpus(tmp_path / "in", 3, odd="slow-file.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    done = run_delib("run", root, "--out", out, "--workers", "1", "--timeout", "6", DELIB_FAULT="sleep:slow-*:120")
    assert time.monotonic() - started < 60
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    slow = rows["slow-file.txt"]
    assert (slow["status"], slow["error_code"]) == ("error", "timeout")
    assert "stopped after 6 s" in slow["error"]
    assert "raise --timeout" in slow["error"]
    assert _others_ok(rows, "slow-file.txt")
    assert "Traceback" not in done.stderr


def test_batch_faults_bug_gives_an_internal_row_and_the_traceback_stays_in_the_worker_log(tmp_path):
    root = _corpus(tmp_path / "in", 3, odd="bug-file.txt")
    out = tmp_path / "out"
    done = run_delib("run", root, "--out", out, "--workers", "1", DELIB_FAULT="raise:bug-*")
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    bug = rows["bug-file.txt"]
    assert (bug["status"], bug["error_code"]) == ("error", "internal")
    assert "RuntimeError: fault injected" in bug["error"]
    assert _others_ok(rows, "bug-file.txt")
    assert "Traceback" not in done.stderr
    logs = "".join(path.read_text() for path in (out / ".delib" / "logs").glob("worker-*.log"))
    assert "Traceback" in logs


@pytest.mark.slow
def test_batch_faults_stuck_file_is_killed_at_the_hard_limit(tmp_path):
    root = _corpus(tmp_path / "in", 3, odd="stuck-file.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    done = run_delib("run", root, "--out", out, "--timeout", "6", DELIB_FAULT="hang:stuck-*:300")
    assert time.monotonic() - started < 120
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    stuck = rows["stuck-file.txt"]
    assert (stuck["status"], stuck["error_code"]) == ("error", "timeout")
    assert "its worker was stopped" in stuck["error"]
    assert _others_ok(rows, "stuck-file.txt")
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_batch_faults_file_that_crashes_its_worker_becomes_a_crashed_row(tmp_path):
    root = _corpus(tmp_path / "in", 4, odd="poison-file.txt")
    out = tmp_path / "out"
    done = run_delib("run", root, "--out", out, "--workers", "2", DELIB_FAULT="crash:poison-*")
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    poison = rows["poison-file.txt"]
    assert (poison["status"], poison["error_code"]) == ("error", "crashed")
    assert "alone" in poison["error"]
    assert _others_ok(rows, "poison-file.txt")
    assert "Traceback" not in done.stderr
    again = run_delib("run", root, "--out", out)
    assert "1 processed" in again.stdout


@pytest.mark.slow
def test_batch_faults_worker_killed_from_outside_loses_nothing(tmp_path):
    root = _corpus(tmp_path / "in", 16)
    reference = tmp_path / "reference"
    assert run_delib("run", root, "--out", reference).returncode == 0
    out = tmp_path / "out"
    command = delib_command("run", root, "--out", out, "--workers", "2")
    process = subprocess.Popen(
        command,
        env=delib_env(DELIB_FAULT="sleep:*:0.5"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    victim = _kill_a_worker_mid_run(process, out)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert victim is not None
    assert "Traceback" not in stderr
    assert all(row["status"] == "ok" for row in read_jsonl(out / "files.jsonl"))
    assert (out / "acts.jsonl").read_text() == (reference / "acts.jsonl").read_text()


def _kill_a_worker_mid_run(process: subprocess.Popen, out) -> int | None:
    """Wait until some results are stored, then SIGKILL one worker (a grandchild, via the forkserver)."""
    deadline = time.monotonic() + 120
    results = out / ".delib" / "results"
    while time.monotonic() < deadline and process.poll() is None:
        stored = list(results.glob("*/*.json")) if results.exists() else []
        workers = [
            child
            for child in psutil.Process(process.pid).children(recursive=True)
            if child.ppid() != process.pid and "python" in child.name()
        ]
        if len(stored) >= 2 and workers:
            workers[0].send_signal(signal.SIGKILL)
            return workers[0].pid
        time.sleep(0.1)
    return None


def test_batch_faults_memory_limit_turns_exhaustion_into_a_row(tmp_path):
    """A 196-megapixel image (under the bomb limit) needs more than a 1200 MB worker may take."""
    root = tmp_path / "in"
    root.mkdir()
    Image.new("RGB", (14_000, 14_000), (250, 250, 250)).save(root / "big.png", compress_level=1)
    shutil.copy(GOOD_TEXT[0], root / "good.txt")
    out = tmp_path / "out"
    done = run_delib("run", root, "--out", out, "--workers", "1", "--memory-limit", "1200")
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    assert (rows["big.png"]["error_code"], rows["good.txt"]["status"]) == ("too_large", "ok")
    assert "ran out of memory (worker limit 1200 MB)" in rows["big.png"]["error"]
    assert "Traceback" not in done.stderr

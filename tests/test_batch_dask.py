"""The Dask executor on real clusters: a LocalCluster, and a scheduler + worker started as commands."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from hostile_corpus import GOOD_TEXT, delib_command, delib_env, read_jsonl, run_delib, text_corpus

pytestmark = pytest.mark.slow
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask") / "in"
    text_corpus(root, 12)
    return root


@pytest.fixture(scope="module")
def reference(corpus):
    out = corpus.parent / "reference"
    done = run_delib("run", corpus, "--out", out, "--workers", "2")
    assert done.returncode == 0, done.stderr
    return out


def test_batch_dask_local_cluster_matches_the_local_pool_despite_a_killed_worker(tmp_path, corpus, reference):
    out = tmp_path / "out"
    command = delib_command("run", corpus, "--out", out, "--executor", "dask", "--workers", "2")
    env = delib_env(DELIB_FAULT="sleep:*:0.5")
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = _kill_a_dask_worker(process, out)
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert killed, "no Dask worker was killed mid-run"
    assert "Traceback" not in stderr
    assert "12 processed" in stdout
    assert (out / "acts.jsonl").read_text() == (reference / "acts.jsonl").read_text()


def test_batch_dask_soft_timeout_in_a_worker_thread(tmp_path, corpus):
    root = tmp_path / "in"
    root.mkdir()
    (root / "slow-file.txt").write_bytes(GOOD_TEXT[0].read_bytes())
    (root / "quick-file.txt").write_bytes(GOOD_TEXT[1].read_bytes())
    out = tmp_path / "out"
    started = time.monotonic()
    done = run_delib(
        "run",
        root,
        "--out",
        out,
        "--executor",
        "dask",
        "--workers",
        "1",
        "--timeout",
        "6",
        DELIB_FAULT="sleep:slow-*:120",
    )
    assert time.monotonic() - started < 100
    assert done.returncode == 1, done.stderr
    rows = {Path(row["path"]).name: row for row in read_jsonl(out / "files.jsonl")}
    assert rows["slow-file.txt"]["error_code"] == "timeout"
    assert rows["quick-file.txt"]["status"] == "ok"


def test_batch_dask_existing_scheduler(tmp_path, corpus, reference):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = delib_env(DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [DASK, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        out = tmp_path / "out"
        done = run_delib("run", corpus, "--out", out, "--scheduler", address, "--in-flight", "3")
        assert done.returncode == 0, done.stderr
        assert (out / "acts.jsonl").read_text() == (reference / "acts.jsonl").read_text()
    finally:
        for process in (worker, scheduler):
            process.send_signal(signal.SIGINT)
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_batch_dask_unreachable_scheduler_is_a_usage_error(tmp_path, corpus):
    done = run_delib("run", corpus, "--out", tmp_path / "out", "--scheduler", f"tcp://127.0.0.1:{_free_port()}")
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr


def _kill_a_dask_worker(process: subprocess.Popen, out: Path) -> bool:
    """Once some results are stored, SIGKILL one worker process spawned by a LocalCluster nanny."""
    results = out / ".delib" / "results"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        stored = list(results.glob("*/*.json")) if results.exists() else []
        workers = [
            child
            for child in psutil.Process(process.pid).children(recursive=True)
            if re.search(r"spawn_main|forkserver", " ".join(child.cmdline()))
        ]
        if len(stored) >= 2 and workers:
            os.kill(workers[0].pid, signal.SIGKILL)
            return True
        time.sleep(0.1)
    return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

"""``delib run`` as a real process: reuse, --force, duplicates, archives, exit statuses, output errors."""

from __future__ import annotations

import resource
import shutil
import subprocess

import pytest
from hostile_corpus import GOOD_TEXT, delib_command, delib_env, read_jsonl, run_delib, text_corpus


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "in"
    text_corpus(root, 6)
    return root


def _files(out):
    return {row["path"]: row for row in read_jsonl(out / "files.jsonl")}


def test_batch_run_second_run_reuses_every_file_and_force_redoes_them(tmp_path, corpus):
    out = tmp_path / "out"
    first = run_delib("run", corpus, "--out", out, "--workers", "2")
    assert first.returncode == 0, first.stderr
    acts = (out / "acts.jsonl").read_text()
    second = run_delib("run", corpus, "--out", out, "--workers", "2")
    assert second.returncode == 0, second.stderr
    assert "0 processed, 6 reused" in second.stdout
    assert all(row["cached"] for row in _files(out).values())
    assert (out / "acts.jsonl").read_text() == acts
    forced = run_delib("run", corpus, "--out", out, "--force", "--workers", "1")
    assert forced.returncode == 0, forced.stderr
    assert "6 processed, 0 reused" in forced.stdout
    assert not any(row["cached"] for row in _files(out).values())
    assert (out / "acts.jsonl").read_text() == acts


def test_batch_run_identical_files_are_processed_once(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    shutil.copy(GOOD_TEXT[0], root / "a.txt")
    shutil.copy(GOOD_TEXT[0], root / "sub" / "copy of a.txt")
    out = tmp_path / "out"
    done = run_delib("run", root, "--out", out, "--workers", "1")
    assert done.returncode == 0, done.stderr
    files = _files(out)
    original, copy = files[str(root / "a.txt")], files[str(root / "sub" / "copy of a.txt")]
    assert original["status"] == "ok"
    assert (copy["status"], copy["duplicate_of"], copy["acts"]) == ("skipped", str(root / "a.txt"), 0)
    assert copy["sha256"] == original["sha256"]
    assert "1 duplicate" in done.stdout
    assert {act["source"]["path"] for act in read_jsonl(out / "acts.jsonl")} == {str(root / "a.txt")}


@pytest.mark.slow
def test_batch_run_output_folder_accumulates_until_fresh(tmp_path):
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    text_corpus(first, 2)
    text_corpus(second, 3)
    (second / "lot-0" / "000_45d3c7dc53e9d8c7-000.txt").write_text("autre contenu\n")
    assert run_delib("run", first, "--out", out).returncode == 0
    assert run_delib("run", second, "--out", out).returncode == 0
    assert len(_files(out)) == 5
    assert run_delib("run", second, "--out", out, "--fresh").returncode == 0
    assert sorted(_files(out)) == sorted(str(p) for p in second.rglob("*.txt"))


@pytest.mark.parametrize(
    ("make_args", "status"),
    [
        (lambda tmp, good: ["run", good, "--out", tmp / "out"], 0),
        (lambda tmp, good: ["run", good, _empty(tmp), "--out", tmp / "out"], 1),
        (lambda tmp, good: ["run", good, tmp / "missing.pdf", "--out", tmp / "out"], 1),
        (lambda tmp, good: ["run", tmp / "missing.pdf", "--out", tmp / "out"], 2),
        (lambda tmp, good: ["run", good, "--workers", "0"], 2),
        (lambda tmp, good: ["run", good, "--timeout", "-1"], 2),
        (lambda tmp, good: ["run", good, "--in-flight", "3"], 2),
        (lambda tmp, good: ["run", good, "--siret-map", tmp / "none.csv"], 2),
    ],
    ids=[
        "all-ok",
        "one-failed",
        "one-input-missing",
        "no-input-exists",
        "zero-workers",
        "negative-timeout",
        "in-flight-without-dask",
        "missing-siret-map",
    ],
)
def test_batch_run_exit_status(tmp_path, make_args, status):
    good = tmp_path / "good.txt"
    shutil.copy(GOOD_TEXT[1], good)
    args = make_args(tmp_path, good)
    done = run_delib(*args, *([] if "--workers" in args else ["--workers", "1"]))
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr


def _empty(tmp):
    path = tmp / "empty.pdf"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    "make_out",
    [lambda tmp: _a_file(tmp) / "out", lambda tmp: "/proc/delib-output"],
    ids=["under-a-file", "proc"],
)
def test_batch_run_unwritable_output_folder_exits_2(tmp_path, corpus, make_out):
    done = run_delib("run", corpus, "--out", make_out(tmp_path))
    assert done.returncode == 2
    assert "delib: cannot write" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_batch_run_full_disk_exits_2_and_keeps_what_was_stored(tmp_path, corpus):
    """A full disk, played by a file-size limit (writes fail with EFBIG; Python ignores SIGXFSZ)."""
    out = tmp_path / "out"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))

    done = subprocess.run(
        delib_command("run", corpus, "--out", out, "--workers", "1"),
        env=delib_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=small_files,
        check=False,
    )
    assert done.returncode == 2
    assert "delib: cannot write" in done.stderr
    assert "larger than the system allows" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(out.rglob("*.tmp"))
    again = run_delib("run", corpus, "--out", out)
    assert again.returncode == 0, again.stderr
    assert len(_files(out)) == 6


@pytest.mark.slow
def test_batch_run_progress_lines_when_not_a_terminal(tmp_path, corpus):
    done = run_delib(
        "run",
        corpus,
        "--out",
        tmp_path / "out",
        "--workers",
        "1",
        "--progress-interval",
        "0.2",
        DELIB_FAULT="sleep:*:0.3",
    )
    assert done.returncode == 0, done.stderr
    assert "progress: " in done.stderr
    assert "pages/s" in done.stderr


def _a_file(tmp):
    path = tmp / "a-file"
    path.write_text("x")
    return path


def test_batch_run_broken_rule_files_stop_the_run_with_status_2(tmp_path, corpus):
    models = tmp_path / "models"
    models.mkdir()
    done = run_delib("run", corpus, "--out", tmp_path / "out", "--workers", "1", DELIB_MODELS_DIR=str(models))
    assert done.returncode == 2
    assert "delib: stopped: cannot read rule file" in done.stderr
    assert "Traceback" not in done.stderr


def test_batch_run_dask_executor_without_dask_installed_is_a_usage_error(tmp_path, corpus):
    shim = tmp_path / "shim" / "distributed"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('No module named distributed (test shim)')\n")
    out = tmp_path / "out"
    done = run_delib("run", corpus, "--out", out, "--executor", "dask", PYTHONPATH=str(shim.parent))
    assert done.returncode == 2
    assert "pip install 'delib[dask]'" in done.stderr
    assert not out.exists()

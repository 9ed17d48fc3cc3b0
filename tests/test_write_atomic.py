"""Atomic writes: a read-only folder or a full disk gives OutputError, leaves no temporary file
and leaves the previous outputs intact."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_write_samples import sample_results

from pipeline.errors import OutputError
from pipeline.write import OUTPUTS, write_outputs
from pipeline.write.atomic import atomic_path, prepare_folder, temporary_path, write_text


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable: chmod for a normal user, the immutable flag for root."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("running as root without chattr +i: cannot make a folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@contextlib.contextmanager
def full_disk(folder: Path, size: str = "96k") -> Iterator[Path]:
    """A tiny tmpfs mounted on ``folder`` (root only): a real full disk."""
    folder.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
    ):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_read_only_folder_raises_output_error(tmp_path: Path) -> None:
    write_outputs(tmp_path, sample_results())
    before = {name: (tmp_path / name).read_bytes() for name in OUTPUTS}
    with read_only(tmp_path), pytest.raises(OutputError, match="cannot write"):
        write_outputs(tmp_path, sample_results()[:1])
    assert _names(tmp_path) == sorted(OUTPUTS)
    assert {name: (tmp_path / name).read_bytes() for name in OUTPUTS} == before


def test_write_atomic_missing_folder_under_read_only_parent(tmp_path: Path) -> None:
    with read_only(tmp_path), pytest.raises(OutputError, match="new-out"):
        write_outputs(tmp_path / "new-out", sample_results())


def test_write_atomic_full_disk_raises_output_error(tmp_path: Path) -> None:
    with full_disk(tmp_path / "small") as folder:
        with pytest.raises(OutputError, match="disk is full"):
            write_outputs(folder, sample_results() * 20)
        assert not [name for name in _names(folder) if name.endswith(".tmp")]


def test_write_atomic_full_disk_while_writing_database(tmp_path: Path) -> None:
    with full_disk(tmp_path / "small", size="300k") as folder:
        with pytest.raises(OutputError, match=r"deliberations.duckdb: the disk is full"):
            write_outputs(folder, sample_results())
        assert "acts.jsonl" in _names(folder)
        assert not [name for name in _names(folder) if name.startswith(".")]


def test_write_atomic_file_size_limit_raises_output_error(tmp_path: Path) -> None:
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        with pytest.raises(OutputError, match="larger than the system allows"):
            write_text(tmp_path / "big.txt", "x" * 10_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)
    assert _names(tmp_path) == []


def test_write_atomic_output_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(OutputError, match="out"):
        write_outputs(tmp_path / "out", sample_results())


def test_write_atomic_failure_inside_writer_removes_temporary(tmp_path: Path) -> None:
    target = tmp_path / "acts.csv"
    with pytest.raises(ZeroDivisionError), atomic_path(target) as temporary:
        temporary.write_text("half")
        _ = 1 / 0
    assert _names(tmp_path) == []


def test_write_atomic_removes_stale_temporaries_of_dead_writers(tmp_path: Path) -> None:
    stale = tmp_path / ".deliberations.duckdb.999999999.tmp"
    stale.write_text("left by a killed run")
    mine = temporary_path(tmp_path / "acts.jsonl")
    prepare_folder(tmp_path)
    assert not stale.exists()
    assert not mine.exists()

"""The state store: atomic files, the path index, results keyed by content hash, one run at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch.store import Header, IndexEntry, StateStore, write_atomic
from pipeline.errors import OutputError
from pipeline.records import ActRecord, DocumentResult, FileRow

SHA = "ab" + "0" * 62


def _result(path: str = "/x/doc.txt") -> DocumentResult:
    row = FileRow(path=path, sha256=SHA, status="ok", pages=1, acts=1)
    return DocumentResult(file=row, acts=[ActRecord(doc="doc", act_index=0, object="Objet")])


def test_batch_store_result_round_trip(tmp_path):
    with StateStore(tmp_path / "out") as store:
        result = _result()
        store.save_result(SHA, Header(fingerprint="f", status="ok"), result.model_dump_json(by_alias=True))
        assert store.header(SHA) == Header(fingerprint="f", status="ok")
        assert store.load_result(SHA) == result
        assert store.result_path(SHA).parent.name == "ab"


def test_batch_store_missing_result_is_none(tmp_path):
    with StateStore(tmp_path / "out") as store:
        assert store.header(SHA) is None
        assert store.load_result(SHA) is None


def test_batch_store_damaged_result_is_none(tmp_path):
    with StateStore(tmp_path / "out") as store:
        path = store.result_path(SHA)
        path.parent.mkdir()
        path.write_text('{"fingerprint": "f", "status": "ok"}\n{"file": ')
        assert store.load_result(SHA) is None


def test_batch_store_index_round_trip_sorted(tmp_path):
    with StateStore(tmp_path / "out") as store:
        index = {
            "/b.pdf": IndexEntry(sha256=SHA, size=3, mtime_ns=7),
            "/a\nnew line.pdf": IndexEntry(row=FileRow(path="/a\nnew line.pdf", status="skipped")),
        }
        store.save_index(index)
        loaded = store.load_index()
    assert loaded == index
    assert list(loaded) == sorted(index)


def test_batch_store_damaged_index_starts_a_new_one(tmp_path):
    with StateStore(tmp_path / "out") as store:
        (store.root / "index.json").write_text("{not json")
        assert store.load_index() == {}


def test_batch_store_write_atomic_leaves_no_temporary(tmp_path):
    target = tmp_path / "f.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_batch_store_temporaries_of_a_killed_run_are_removed(tmp_path):
    out = tmp_path / "out"
    with StateStore(out) as store:
        store.result_path(SHA).parent.mkdir()
        stale = store.result_path(SHA).parent / f".{SHA}.json.99999.tmp"
        stale.write_text("half")
    with StateStore(out):
        assert not stale.exists()


def test_batch_store_second_run_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from pipeline.batch.store import StateStore;"
            "s = StateStore(Path(sys.argv[1])); s.open(); print('locked', flush=True); time.sleep(30)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match="another delib run"), StateStore(out):
            pass
    finally:
        holder.kill()
        holder.wait()
    with StateStore(out):
        pass


@pytest.mark.parametrize(
    "make_out",
    [
        lambda tmp: _a_file(tmp) / "out",
        lambda tmp: Path("/proc/delib-out"),
    ],
    ids=["under-a-file", "proc"],
)
def test_batch_store_unwritable_output_folder_is_an_output_error(tmp_path, make_out):
    with pytest.raises(OutputError, match="cannot write"), StateStore(make_out(tmp_path)):
        pass


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_batch_store_read_only_output_folder_is_an_output_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="permission denied"), StateStore(out):
            pass
    finally:
        out.chmod(0o755)


def _a_file(tmp: Path) -> Path:
    path = tmp / "a-file"
    path.write_text("x")
    return path

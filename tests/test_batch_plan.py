"""Planning a run and rebuilding its results: reuse, duplicates, retries, order."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch.discover import Found
from pipeline.batch.plan import fingerprint, index_entries, make_plan
from pipeline.batch.results import StoredResults, assemble, materialise
from pipeline.batch.store import Header, IndexEntry, StateStore
from pipeline.config import Settings
from pipeline.records import ActRecord, DocumentResult, FileRow

PRINT = "fingerprint"


def _sha(n: int) -> str:
    return f"{n:02d}" * 32


def _store_result(store: StateStore, sha: str, path: str, *, status="ok", code=None, print_=PRINT) -> None:
    row = FileRow(path=path, sha256=sha, status=status, error_code=code, acts=1 if status == "ok" else 0)
    acts = [ActRecord(doc=Path(path).stem, act_index=0, object="Objet")] if status == "ok" else []
    result = DocumentResult(file=row, acts=acts)
    header = Header(fingerprint=print_, status=status, error_code=code, path=path)
    store.save_result(sha, header, result.model_dump_json(by_alias=True))


@pytest.fixture
def store(tmp_path):
    with StateStore(tmp_path / "out") as opened:
        yield opened


def test_batch_plan_fingerprint_follows_settings_but_not_timeouts():
    base = Settings()
    other_dpi = base.model_copy(update={"ocr": base.ocr.model_copy(update={"dpi": 200})})
    other_timeout = base.model_copy(update={"limits": base.limits.model_copy(update={"file_timeout": 5.0})})
    assert fingerprint(base) != fingerprint(other_dpi)
    assert fingerprint(base) == fingerprint(other_timeout)


def test_batch_plan_index_reuses_the_hash_of_an_unchanged_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("un")
    first = index_entries([Found(str(path))], {}, rehash=False)
    known = {str(path): first[str(path)].model_copy(update={"sha256": "remembered"})}
    assert index_entries([Found(str(path))], known, rehash=False)[str(path)].sha256 == "remembered"
    assert index_entries([Found(str(path))], known, rehash=True)[str(path)].sha256 == first[str(path)].sha256
    path.write_text("deux, plus long")
    assert index_entries([Found(str(path))], known, rehash=False)[str(path)].sha256 != "remembered"


def test_batch_plan_one_job_per_content_in_path_order(store):
    entries = {
        "/b.txt": IndexEntry(sha256=_sha(1)),
        "/a.txt": IndexEntry(sha256=_sha(1)),
        "/c.txt": IndexEntry(sha256=_sha(2)),
        "/d.docx": IndexEntry(row=FileRow(path="/d.docx", status="skipped")),
    }
    plan = make_plan(entries, store, PRINT, force=False)
    assert [(job.path, job.sha256) for job in plan.jobs] == [("/a.txt", _sha(1)), ("/c.txt", _sha(2))]
    assert plan.duplicates == 1
    assert plan.paths == ["/a.txt", "/b.txt", "/c.txt", "/d.docx"]


@pytest.mark.parametrize(
    ("status", "code", "print_", "force", "redone"),
    [
        ("ok", None, PRINT, False, False),
        ("ok", None, PRINT, True, True),
        ("ok", None, "older settings", False, True),
        ("error", "corrupt", PRINT, False, False),
        ("error", "encrypted", PRINT, False, False),
        ("error", "timeout", PRINT, False, True),
        ("error", "crashed", PRINT, False, True),
        ("error", "internal", PRINT, False, True),
        ("error", "ocr", PRINT, False, True),
    ],
    ids=[
        "done",
        "force",
        "settings-changed",
        "corrupt",
        "encrypted",
        "timeout",
        "crashed",
        "internal",
        "ocr",
    ],
)
def test_batch_plan_reuse_or_redo(store, status, code, print_, force, redone):
    _store_result(store, _sha(1), "/a.txt", status=status, code=code, print_=print_)
    plan = make_plan({"/a.txt": IndexEntry(sha256=_sha(1))}, store, PRINT, force=force)
    assert (len(plan.jobs) == 1) is redone
    assert plan.cached == (0 if redone else 1)


def test_batch_plan_assemble_in_path_order_with_duplicates_and_rows(store):
    _store_result(store, _sha(1), "/a.txt")
    _store_result(store, _sha(2), "/c.txt", status="error", code="corrupt")
    index = {
        "/c.txt": IndexEntry(sha256=_sha(2)),
        "/b.txt": IndexEntry(sha256=_sha(1)),
        "/a.txt": IndexEntry(sha256=_sha(1)),
        "/d.docx": IndexEntry(row=FileRow(path="/d.docx", status="skipped", error="type")),
    }
    results = assemble(index, store, produced={_sha(1)})
    assert [r.file.path for r in results] == ["/a.txt", "/b.txt", "/c.txt", "/d.docx"]
    first, duplicate, broken, skipped = results
    assert (first.file.status, first.file.cached, len(first.acts)) == ("ok", False, 1)
    assert (duplicate.file.status, duplicate.file.duplicate_of, duplicate.acts) == ("skipped", "/a.txt", [])
    assert (broken.file.status, broken.file.cached) == ("error", True)
    assert skipped.file.error == "type"


def test_batch_plan_assemble_original_is_the_processed_path_when_still_given(store):
    _store_result(store, _sha(1), "/z/late.txt")
    index = {"/a/early.txt": IndexEntry(sha256=_sha(1)), "/z/late.txt": IndexEntry(sha256=_sha(1))}
    early, late = assemble(index, store, produced=set())
    assert early.file.duplicate_of == "/z/late.txt"
    assert late.acts[0].doc == "late"


def test_batch_plan_assemble_moved_file_keeps_its_acts_under_its_new_name(store):
    _store_result(store, _sha(1), "/old/place.txt")
    (moved,) = assemble({"/new/renamed.txt": IndexEntry(sha256=_sha(1))}, store, produced=set())
    assert moved.file.path == "/new/renamed.txt"
    assert moved.file.cached is True
    assert [act.doc for act in moved.acts] == ["renamed"]


def test_batch_plan_assemble_unprocessed_file_is_a_pending_row(store):
    (pending,) = assemble({"/a.txt": IndexEntry(sha256=_sha(1))}, store, produced=set())
    assert pending.file.status == "skipped"
    assert pending.file.error_code == "interrupted"
    assert "run the same command again" in pending.file.error


def test_batch_plan_assemble_reads_full_results_only_when_asked(store):
    _store_result(store, _sha(1), "/a.txt")
    _store_result(store, _sha(2), "/b.txt")
    results = assemble({"/a.txt": IndexEntry(sha256=_sha(1)), "/b.txt": IndexEntry(sha256=_sha(2))}, store, set())
    assert isinstance(results, StoredResults)
    assert [results.status_of(slot) for slot in results.slots] == ["ok", "ok"]
    path = store.result_path(_sha(2))
    path.write_text(path.read_text().splitlines()[0] + "\n")
    assert len(results) == 2
    assert results[0].file.status == "ok"
    assert results[1].file.error_code == "interrupted"
    assert [r.file.path for r in results] == [r.file.path for r in results[:]] == ["/a.txt", "/b.txt"]


def test_batch_plan_assemble_small_store_is_read_once_into_a_list(store):
    _store_result(store, _sha(1), "/a.txt")
    results = materialise(assemble({"/a.txt": IndexEntry(sha256=_sha(1))}, store, set()))
    assert isinstance(results, list)
    assert results[0].acts[0].object == "Objet"


def test_batch_plan_assemble_header_without_path_falls_back_to_the_result(store):
    _store_result(store, _sha(1), "/z/late.txt")
    path = store.result_path(_sha(1))
    header, payload = path.read_text().splitlines()
    path.write_text(
        header.replace(', "path": "/z/late.txt"', "").replace(',"path":"/z/late.txt"', "") + "\n" + payload + "\n"
    )
    assert store.header(_sha(1)).path is None
    index = {"/a/early.txt": IndexEntry(sha256=_sha(1)), "/z/late.txt": IndexEntry(sha256=_sha(1))}
    early, _ = assemble(index, store, produced=set())
    assert early.file.duplicate_of == "/z/late.txt"

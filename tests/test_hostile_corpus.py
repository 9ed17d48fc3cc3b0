"""Issue 7: ``delib run`` on a folder of hostile files. Every file has its row, nothing crashes or hangs.

Bounds checked (and stated in README, "Limits and failure modes"): the whole
corpus in under 120 s of wall time with 2 workers, and no process of the run
(client, workers, Tesseract) above 1.5 GB of peak resident memory. The page
limit is lowered to 20 for this run (``DELIB_LIMITS_MAX_PAGES``) so that the
40-page TIFF meets it.
"""

from __future__ import annotations

import os

import pytest
from hostile_corpus import CASES, RECORD_FIELDS, build, read_jsonl, run_measured

MAX_SECONDS = 120
MAX_RSS_MB = 1536


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root = base / "corpus"
    cases = build(root)
    out = base / "out"
    measured = run_measured(
        "run", root, "--out", out, "--workers", "2", report=base / "measure.json", DELIB_LIMITS_MAX_PAGES="20"
    )
    rows = {os.path.relpath(row["path"], root): row for row in read_jsonl(out / "files.jsonl")}
    acts = read_jsonl(out / "acts.jsonl")
    yield cases, rows, acts, measured
    (root / "locked.pdf").chmod(0o644)


def test_hostile_corpus_run_ends_with_status_1_and_no_traceback(hostile_run):
    _, _, _, measured = hostile_run
    assert measured.returncode == 1, measured.stderr
    assert "Traceback" not in measured.stderr
    assert "Traceback" not in measured.stdout


def test_hostile_corpus_time_and_memory_are_bounded(hostile_run):
    _, _, _, measured = hostile_run
    assert measured.seconds < MAX_SECONDS
    assert measured.max_rss_mb < MAX_RSS_MB
    print(f"hostile corpus: {measured.seconds:.1f} s, peak RSS {measured.max_rss_mb:.0f} MB")


def test_hostile_corpus_every_file_has_a_row_and_no_other(hostile_run):
    cases, rows, _, _ = hostile_run
    assert sorted(rows) == sorted(cases)


@pytest.mark.parametrize("name", sorted(CASES), ids=[repr(name)[1:-1] for name in sorted(CASES)])
def test_hostile_corpus_case_has_its_status_and_a_clear_message(hostile_run, name):
    case = CASES[name]
    row = hostile_run[1][name]
    assert row["status"] in case.statuses, row["error"]
    if row["status"] == "error":
        assert row["error_code"] in case.codes, row["error"]
        assert " — " in row["error"], "the message says what to do after the dash"
    if row["status"] == "skipped":
        assert row["error"], "a skipped row says why"
    if case.acts and row["status"] == "ok":
        assert row["acts"] >= 1


def test_hostile_corpus_good_files_still_give_acts(hostile_run):
    rows = hostile_run[1]
    assert sum(row["acts"] for row in rows.values()) >= 10


def test_hostile_corpus_duplicates_point_at_one_original(hostile_run):
    _, rows, _, _ = hostile_run
    twins = {name: row for name, row in rows.items() if name.startswith("dup/")}
    originals = [name for name, row in twins.items() if row["status"] == "ok"]
    assert originals == ["dup/a.txt"]
    for name in ("dup/b.txt", "dup/c copy.txt"):
        assert twins[name]["duplicate_of"].endswith("dup/a.txt")
        assert twins[name]["acts"] == 0


def test_hostile_corpus_text_that_is_not_a_deliberation_invents_nothing(hostile_run):
    _, _, acts, _ = hostile_run
    english = [act for act in acts if act["doc"] == "english"]
    for act in english:
        assert act["document_kind"] == "other"
        invented = {key: act[key] for key in RECORD_FIELDS if act[key] not in (None, [], {}, _EMPTY_VOTE)}
        assert invented == {}


_EMPTY_VOTE = {"unanimous": None, "for": None, "against": None, "abstention": None, "outcome": None}

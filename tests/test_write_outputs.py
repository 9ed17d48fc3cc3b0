"""write_outputs: every file, the acts.jsonl contract, the flat tables, determinism, the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_write_samples import sample_results

from pipeline.records import RECORD_KEYS, FileRow
from pipeline.write import OUTPUTS, write_outputs
from pipeline.write.dictionary import ACTS, EXPORT_EXTRA


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    write_outputs(folder, sample_results())
    return folder


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", OUTPUTS)
def test_write_outputs_writes_file(out_dir: Path, name: str) -> None:
    assert (out_dir / name).stat().st_size > 0


def test_write_outputs_leaves_no_temporary_file(out_dir: Path) -> None:
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(OUTPUTS)


def test_write_acts_jsonl_has_exactly_the_record_keys(out_dir: Path) -> None:
    lines = _jsonl(out_dir / "acts.jsonl")
    assert len(lines) == 4
    assert {tuple(line) for line in lines} == {(*RECORD_KEYS, "evidence", "findings", "source")}


def test_write_acts_jsonl_source_and_evidence(out_dir: Path) -> None:
    first = _jsonl(out_dir / "acts.jsonl")[0]
    assert first["source"] == {"path": "archive/hasnon 2025.pdf", "sha256": "a1" * 32, "pages": 3}
    assert first["evidence"]["prefecture_act_id"]["repaired_from"] == "059-215902842-20250327-31032025 64-DE"
    assert first["vote"] == {
        "unanimous": True,
        "for": None,
        "against": None,
        "abstention": None,
        "outcome": "adopted",
    }


def test_write_files_jsonl_is_file_rows(out_dir: Path) -> None:
    rows = _jsonl(out_dir / "files.jsonl")
    assert [FileRow.model_validate(row).model_dump(mode="json") for row in rows] == [
        r.file.model_dump(mode="json") for r in sample_results()
    ]


@pytest.mark.parametrize("name", ["acts.jsonl", "files.jsonl", "acts.csv", "scdl.csv"])
def test_write_outputs_deterministic(tmp_path: Path, out_dir: Path, name: str) -> None:
    write_outputs(tmp_path, sample_results())
    assert (tmp_path / name).read_bytes() == (out_dir / name).read_bytes()


def test_write_outputs_replaces_previous_run(tmp_path: Path) -> None:
    write_outputs(tmp_path, sample_results())
    write_outputs(tmp_path, sample_results()[:1])
    assert len(_jsonl(tmp_path / "acts.jsonl")) == 2


def test_write_csv_columns_and_values(out_dir: Path) -> None:
    frame = pd.read_csv(out_dir / "acts.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == [*ACTS.names(), *(c.name for c in EXPORT_EXTRA)]
    first = frame.iloc[0]
    assert first["act_key"] == "a1a1a1a1a1a1a1a1:0"
    assert first["vote_for"] == ""
    assert first["vote_unanimous"] == "True"
    assert first["members_in_office"] == "27"
    assert json.loads(first["proxies"])[0] == {
        "giver": "LECOEUVRE Stéphanie",
        "holder": "VAN EECKHOUT Sophie",
    }
    assert frame["act_key"].is_unique


def test_write_csv_findings_counts(out_dir: Path) -> None:
    frame = pd.read_csv(out_dir / "acts.csv")
    assert frame[["findings_error", "findings_warning", "findings_info"]].sum().tolist() == [2, 2, 1]


@pytest.mark.parametrize(
    ("column", "arrow_type"),
    [
        ("session_date", "date32[day]"),
        ("members_present", "int32"),
        ("vote_unanimous", "bool"),
        ("vote_for", "int32"),
        ("object", "string"),
        ("proxies", "list<element: struct<giver: string, holder: string>>"),
    ],
)
def test_write_parquet_types(out_dir: Path, column: str, arrow_type: str) -> None:
    schema = pq.read_schema(out_dir / "acts.parquet")
    assert str(schema.field(column).type) == arrow_type


def test_write_parquet_rows(out_dir: Path) -> None:
    table = pq.read_table(out_dir / "acts.parquet")
    assert table.column("act_key").to_pylist() == [
        "a1a1a1a1a1a1a1a1:0",
        "a1a1a1a1a1a1a1a1:1",
        "b2b2b2b2b2b2b2b2:0",
        "c3c3c3c3c3c3c3c3:0",
    ]
    assert table.column("department").to_pylist() == ["059", None, "062", "013"]


def test_write_summary_counts(out_dir: Path) -> None:
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    assert (summary["files_ok"], summary["files_error"], summary["files_skipped"], summary["acts"]) == (
        3,
        1,
        1,
        4,
    )
    assert summary["findings_by_severity"] == {"error": 2, "warning": 2, "info": 1}
    assert summary["findings_by_code"] == {
        "ACTES_ID_DATE": 1,
        "PROXY_MAX": 1,
        "QUORUM": 1,
        "SECRETARY": 1,
        "VOTE_SUM": 1,
    }
    assert (summary["pages"], summary["ocr_pages"]) == (6, 2)


def test_write_summary_returned_and_printable(tmp_path: Path) -> None:
    summary = write_outputs(tmp_path, sample_results(), wall_seconds=1.5)
    text = "\n".join(summary.lines())
    assert "3 ok, 1 error, 1 skipped" in text
    assert "2 error, 2 warning, 1 info" in text
    assert "1.5 s elapsed" in text


def test_write_outputs_empty_run(tmp_path: Path) -> None:
    summary = write_outputs(tmp_path, [])
    assert summary.acts == 0
    assert (tmp_path / "acts.jsonl").read_text() == ""
    assert (tmp_path / "scdl.csv").read_text().count("\n") == 1

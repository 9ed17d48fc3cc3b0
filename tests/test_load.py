"""pipeline.load: the tables as DataFrames, from DuckDB or, without it, from the JSON Lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_write_samples import sample_results

from pipeline.errors import UsageError
from pipeline.load import load, results_from_jsonl
from pipeline.records import ActRecord, DocumentResult, FileRow, Proxy
from pipeline.write import write_outputs
from pipeline.write.dictionary import CONTEXT_COLUMNS, TABLES

NAMES = [table.name for table in TABLES]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("load")
    write_outputs(folder, sample_results())
    return folder


@pytest.fixture(scope="module")
def jsonl_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("load-jsonl")
    write_outputs(folder, sample_results())
    (folder / "deliberations.duckdb").unlink()
    return folder


def test_load_returns_every_table(out_dir: Path) -> None:
    assert sorted(load(out_dir)) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_load_columns_follow_dictionary(out_dir: Path, name: str) -> None:
    table = next(t for t in TABLES if t.name == name)
    assert list(load(out_dir)[name].columns) == table.names()


@pytest.mark.parametrize(
    ("column", "dtype"),
    [("members_present", "Int32"), ("vote_unanimous", "boolean"), ("object", "string")],
)
def test_load_dtypes(out_dir: Path, column: str, dtype: str) -> None:
    assert str(load(out_dir)["acts"][column].dtype) == dtype


def test_load_dates_are_dates(out_dir: Path) -> None:
    assert load(out_dir)["acts"]["session_date"].iloc[0] == dt.date(2025, 3, 27)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "members"])
def test_load_jsonl_fallback_equals_database(out_dir: Path, jsonl_only: Path, name: str) -> None:
    from_db = load(out_dir)[name]
    from_jsonl = load(jsonl_only)[name]
    kept = [c for c in from_db.columns if name != "acts" or c not in CONTEXT_COLUMNS]
    pd.testing.assert_frame_equal(from_jsonl[kept], from_db[kept])


def test_load_jsonl_fallback_context_columns_null(jsonl_only: Path) -> None:
    assert load(jsonl_only)["acts"][list(CONTEXT_COLUMNS)].isna().all().all()


def test_load_jsonl_fallback_members_empty(jsonl_only: Path) -> None:
    members = load(jsonl_only)["members"]
    assert members.empty
    assert list(members.columns) == ["act_key", "position", "name", "status", "replaces"]


def test_load_round_trip_results(jsonl_only: Path) -> None:
    rebuilt = results_from_jsonl(jsonl_only)
    original = sample_results()
    assert [r.file for r in rebuilt] == [r.file for r in original]
    assert [a.fields_json() for r in rebuilt for a in r.acts] == [a.fields_json() for r in original for a in r.acts]


def test_load_empty_folder_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no delib output"):
        load(tmp_path)


NAMES_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(object_=NAMES_TEXT, giver=NAMES_TEXT, holder=NAMES_TEXT)
@example(object_="\r", giver="", holder="")
@example(object_='a "quoted", \r\n multi-line\x00 <b>', giver="NOM, Prénom", holder="=1+2")
def test_load_round_trips_any_text(tmp_path: Path, object_: str, giver: str, holder: str) -> None:
    act = ActRecord(doc="d", act_index=0, object=object_, proxies=[Proxy(giver=giver, holder=holder)])
    result = DocumentResult(file=FileRow(path="d.txt", sha256="f" * 64, status="ok", acts=1), acts=[act])
    folder = tmp_path / "round-trip"
    write_outputs(folder, [result])
    tables = load(folder)
    assert tables["acts"]["object"].iloc[0] == object_
    assert tuple(tables["proxies"][["giver", "holder"]].iloc[0]) == (giver, holder)
    csv_row = pd.read_csv(folder / "acts.csv", dtype=str, keep_default_na=False).iloc[0]
    assert csv_row["object"] == object_

"""delib query: read-only SQL on the output database, three output formats, clear refusals."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest
from test_write_samples import sample_results

from pipeline import query
from pipeline.errors import UsageError
from pipeline.write import write_outputs

#: The README examples.
QUORUM_PER_DEPARTMENT = """
SELECT a.department, count(*) AS acts_failing_quorum
FROM acts a JOIN findings f USING (act_key)
WHERE f.code IN ('QUORUM', 'QUORUM_COVID') AND f.severity = 'error'
GROUP BY a.department ORDER BY acts_failing_quorum DESC
"""
PROXY_HOLDERS = "SELECT * FROM proxy_holders_per_session WHERE proxies_held > 1"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query")
    write_outputs(folder, sample_results())
    return folder / "deliberations.duckdb"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    query.configure(parser)
    return parser.parse_args(argv)


def test_query_readme_quorum_per_department(db: Path) -> None:
    result = query.run_query(db, QUORUM_PER_DEPARTMENT)
    assert (result.columns, result.rows) == (["department", "acts_failing_quorum"], [("062", 1)])


def test_query_readme_proxy_holders(db: Path) -> None:
    result = query.run_query(db, PROXY_HOLDERS)
    assert [row[3:5] for row in result.rows] == [("MARTIN Paul", 2)]


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_query_main_prints_format(db: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse(
        [
            "SELECT doc, session_date, vote_unanimous FROM acts ORDER BY act_key",
            "--db",
            str(db),
            "--format",
            fmt,
        ]
    )
    assert query.main(args) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["doc", "session_date", "vote_unanimous"]
        assert rows[1] == ["hasnon_2025", "2025-03-27", "True"]
    elif fmt == "json":
        assert json.loads(out)[0] == {
            "doc": "hasnon_2025",
            "session_date": "2025-03-27",
            "vote_unanimous": True,
        }
    else:
        assert "hasnon_2025" in out
        assert "4 row(s)" in out


def test_query_json_lists(db: Path) -> None:
    text = query.render(query.run_query(db, "SELECT fields FROM findings WHERE code = 'QUORUM'"), "json")
    assert json.loads(text) == [{"fields": ["members_present"]}]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM acts",
        "INSERT INTO files (path, status) VALUES ('x', 'ok')",
        "CREATE TABLE x (a INTEGER)",
        "DROP VIEW acts_with_errors",
        "COPY acts TO '/tmp/delib-query-leak.csv'",
        "SELECT * FROM read_csv('/etc/hostname')",
        "SET enable_external_access = true",
    ],
    ids=["delete", "insert", "create", "drop", "copy-to-file", "read-other-file", "unlock"],
)
def test_query_refuses_writes(db: Path, sql: str) -> None:
    with pytest.raises(UsageError, match="read-only"):
        query.run_query(db, sql)
    assert not Path("/tmp/delib-query-leak.csv").exists()


def test_query_database_unchanged_after_refusal(db: Path) -> None:
    with pytest.raises(UsageError):
        query.run_query(db, "DELETE FROM acts")
    assert query.run_query(db, "SELECT count(*) FROM acts").rows == [(4,)]


@pytest.mark.parametrize(
    ("sql", "message"),
    [("SELEC 1", "syntax error"), ("SELECT * FROM nowhere", "nowhere")],
    ids=["syntax", "unknown-table"],
)
def test_query_bad_sql_is_usage_error(db: Path, sql: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        query.run_query(db, sql)


def test_query_missing_database(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no database") as caught:
        query.run_query(tmp_path / "deliberations.duckdb", "SELECT 1")
    assert "delib run" in caught.value.describe()


def test_query_main_has_example() -> None:
    assert "Example:" in (query.main.__doc__ or "")


def test_query_table_shows_brackets_literally(db: Path) -> None:
    text = query.render(query.run_query(db, "SELECT '[/bold] [red]x[/red]' AS name"), "table")
    assert "[/bold] [red]x[/red]" in text

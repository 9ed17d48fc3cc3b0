"""deliberations.duckdb: tables agree with acts.jsonl, types, views, documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from test_write_samples import sample_results

from pipeline.write import write_outputs
from pipeline.write.dictionary import TABLES, VIEWS, markdown

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("db")
    write_outputs(folder, sample_results())
    return folder


@pytest.fixture(scope="module")
def db(out_dir: Path):
    connection = duckdb.connect(str(out_dir / "deliberations.duckdb"), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def lines(out_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (out_dir / "acts.jsonl").read_text(encoding="utf-8").splitlines()]


def _scalar(db, sql: str):
    return db.execute(sql).fetchone()[0]


def test_write_database_acts_match_jsonl(db, lines) -> None:
    rows = db.execute("SELECT doc, act_index, object, session_date::VARCHAR FROM acts ORDER BY act_key").fetchall()
    expected = sorted((x["doc"], x["act_index"], x["object"], x["session_date"]) for x in lines)
    assert sorted(rows, key=lambda r: (r[0], r[1])) == sorted(expected, key=lambda r: (r[0], r[1]))


def test_write_database_proxies_match_jsonl(db, lines) -> None:
    rows = db.execute(
        "SELECT a.doc, a.act_index, p.giver, p.holder FROM proxies p JOIN acts a USING (act_key) ORDER BY ALL"
    ).fetchall()
    expected = sorted((x["doc"], x["act_index"], p["giver"], p["holder"]) for x in lines for p in x["proxies"])
    assert rows == expected


def test_write_database_findings_match_jsonl(db, lines) -> None:
    rows = db.execute(
        "SELECT a.doc, f.code, f.severity, f.message, f.fields FROM findings f JOIN acts a USING (act_key) ORDER BY ALL"
    ).fetchall()
    expected = sorted(
        (x["doc"], f["code"], f["severity"], f["message"], f["fields"]) for x in lines for f in x["findings"]
    )
    assert rows == expected


def test_write_database_parties_match_jsonl(db, lines) -> None:
    assert _scalar(db, "SELECT count(*) FROM parties") == sum(len(x["convention_parties"]) for x in lines)


@pytest.mark.parametrize(
    ("table", "expected"),
    [("acts", 4), ("proxies", 4), ("members", 7), ("parties", 2), ("findings", 5), ("files", 5)],
)
def test_write_database_row_counts(db, table: str, expected: int) -> None:
    assert _scalar(db, f"SELECT count(*) FROM {table}") == expected


@pytest.mark.parametrize(
    ("table", "column", "type_"),
    [
        ("acts", "session_date", "DATE"),
        ("acts", "members_in_office", "INTEGER"),
        ("acts", "vote_unanimous", "BOOLEAN"),
        ("acts", "act_key", "VARCHAR"),
        ("findings", "fields", "VARCHAR[]"),
        ("files", "seconds", "DOUBLE"),
        ("files", "cached", "BOOLEAN"),
    ],
)
def test_write_database_types(db, table: str, column: str, type_: str) -> None:
    sql = f"SELECT data_type FROM duckdb_columns() WHERE table_name = '{table}' AND column_name = '{column}'"
    assert _scalar(db, sql) == type_


@pytest.mark.parametrize("relation", [r.name for r in (*TABLES, *VIEWS)])
def test_write_database_every_column_documented(db, relation: str) -> None:
    documented = {c.name: c.description for r in (*TABLES, *VIEWS) if r.name == relation for c in r.columns}
    actual = dict(
        db.execute(f"SELECT column_name, comment FROM duckdb_columns() WHERE table_name = '{relation}'").fetchall()
    )
    assert actual == documented


def test_write_database_has_nothing_undocumented(db) -> None:
    tables = {r[0] for r in db.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}
    views = {r[0] for r in db.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert (tables, views) == ({t.name for t in TABLES}, {v.name for v in VIEWS})


def test_write_database_acts_with_errors(db) -> None:
    assert db.execute("SELECT doc, errors, codes FROM acts_with_errors").fetchall() == [
        ("ccca_2024_12", 2, "PROXY_MAX, QUORUM")
    ]


def test_write_database_quorum_by_collectivity(db) -> None:
    rows = db.execute("SELECT * FROM quorum_by_collectivity").fetchall()
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name["Communauté de Communes des Campagnes de l'Artois"] == (1, 1, pytest.approx(35 / 82))
    assert by_name["Hasnon"] == (2, 0, pytest.approx(20 / 27))
    assert by_name[None][:2] == (1, 0)


def test_write_database_proxy_holders_per_session(db) -> None:
    top = db.execute(
        "SELECT holder, proxies_held, givers FROM proxy_holders_per_session ORDER BY proxies_held DESC LIMIT 1"
    ).fetchone()
    assert top == ("MARTIN Paul", 2, "DUPONT Marie, DURAND Luc")


def test_write_database_members_statuses(db) -> None:
    statuses = db.execute("SELECT status, count(*) FROM members GROUP BY ALL ORDER BY ALL").fetchall()
    assert statuses == [("absent", 1), ("excused", 1), ("present", 4), ("substitute", 1)]


def test_write_database_readme_matches_dictionary() -> None:
    if not README.exists():
        pytest.skip("README.md is not written yet")
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- tables:begin -->\n(.*?)<!-- tables:end -->", text, re.S)
    assert block, "README.md lacks the generated block: python -m pipeline.write"
    assert block.group(1).strip() == markdown().strip()

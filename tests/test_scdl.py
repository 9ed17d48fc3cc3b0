"""scdl.csv: validates against the SCDL 2.1.5 schema (frictionless) and its custom checks."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from frictionless import Resource, Schema
from test_write_samples import SHA_A, hasnon_result, sample_results

from pipeline.errors import UsageError
from pipeline.records import ActContext, ActRecord, DocumentResult, FileRow, Vote
from pipeline.write import write_outputs
from pipeline.write.scdl import SCHEMA_PATH, UNKNOWABLE, build_rows, load_siret_map, scdl_row

ACTES_NAMES = (
    "Commande publique",
    "Urbanisme",
    "Domaine et patrimoine",
    "Fonction publique",
    "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police",
    "Finances locales",
    "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
)
SIRET_MAP = {"215902842": "21590284200017", "archive/ccca/2024-12.pdf": "20003544200013"}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scdl")
    write_outputs(folder, sample_results(), siret_map=SIRET_MAP)
    return folder


@pytest.fixture(scope="module")
def rows(out_dir: Path) -> list[dict[str, str]]:
    with (out_dir / "scdl.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _schema(*, relax: bool) -> Schema:
    descriptor = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    descriptor = copy.deepcopy(descriptor)
    if relax:
        for field in descriptor["fields"]:
            if field["name"] in UNKNOWABLE:
                field["constraints"]["required"] = False
    return Schema.from_descriptor(descriptor)


def _errors(out_dir: Path, *, relax: bool) -> list[list]:
    resource = Resource(path="scdl.csv", basepath=str(out_dir), schema=_schema(relax=relax))
    return resource.validate().flatten(["rowNumber", "fieldName", "type", "note"])


def test_scdl_validates_with_frictionless(out_dir: Path) -> None:
    assert _errors(out_dir, relax=True) == []


def test_scdl_strict_errors_only_in_unknowable_columns(out_dir: Path) -> None:
    columns = {error[1] for error in _errors(out_dir, relax=False)}
    assert columns <= set(UNKNOWABLE) - {"COLL_SIRET"}


def test_scdl_schema_copy_matches_shared() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "scdl" / SCHEMA_PATH.name
    if not shared.exists():
        pytest.skip("../shared is not beside the repository")
    assert json.loads(shared.read_text()) == json.loads(SCHEMA_PATH.read_text())


def _int(value: str) -> int | None:
    return int(value) if value else None


def test_scdl_custom_check_vote_sum(rows) -> None:
    for row in rows:
        counts = [_int(row[c]) for c in ("VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")]
        if None not in counts:
            assert counts[0] == sum(counts[1:])


def test_scdl_custom_check_pref_date_after_delib_date(rows) -> None:
    assert all(row["PREF_DATE"] >= row["DELIB_DATE"] for row in rows if row["PREF_DATE"])


def test_scdl_custom_check_budget_cohesive(rows) -> None:
    assert all(bool(row["BUDGET_ANNEE"]) == bool(row["BUDGET_NOM"]) for row in rows)


def test_scdl_custom_check_matiere_nom(rows) -> None:
    assert all(row["DELIB_MATIERE_NOM"].startswith(ACTES_NAMES) for row in rows if row["DELIB_MATIERE_NOM"])


def test_scdl_one_row_per_exportable_deliberation(rows) -> None:
    assert [row["DELIB_ID"] for row in rows] == ["2025/02/11", "2024-112"]


def test_scdl_siret_from_map(rows) -> None:
    assert [row["COLL_SIRET"] for row in rows] == ["21590284200017", "20003544200013"]


def test_scdl_summary_lists_left_out_acts(out_dir: Path) -> None:
    summary = json.loads((out_dir / "summary.json").read_text())
    assert summary["scdl_rows"] == 2
    assert summary["scdl_excluded"] == [{"act_key": "c3c3c3c3c3c3c3c3:0", "reason": "missing COLL_NOM"}]


def _act(**changes) -> ActRecord:
    base = hasnon_result().acts[0]
    return base.model_copy(update=changes)


@pytest.mark.parametrize(
    ("changes", "column", "expected"),
    [
        ({}, "PREF_ID", "PREF059"),
        ({"prefecture_act_id": "02A-212000046-20250327-12-DE"}, "PREF_ID", "PREF02A"),
        ({"prefecture_act_id": None}, "PREF_ID", None),
        ({"context": ActContext(test_stamp=True)}, "PREF_ID", None),
        ({"context": ActContext(test_stamp=True)}, "PREF_DATE", None),
        ({}, "PREF_DATE", dt.date(2025, 3, 31)),
        ({"prefecture_received_date": dt.date(2025, 3, 1)}, "PREF_DATE", None),
        ({"deliberation_number": None}, "DELIB_ID", "a1a1a1a1a1a1a1a1:0"),
        ({"session_date": None}, "DELIB_DATE", dt.date(2025, 3, 27)),
        ({"session_date": None, "prefecture_act_id": None}, "DELIB_DATE", None),
        ({}, "VOTE_EFFECTIF", 27),
        ({}, "VOTE_REEL", 27),
        ({"vote": Vote(for_=20, against=5, abstention=2)}, "VOTE_POUR", 20),
        ({"vote": Vote(for_=20, against=5, abstention=1)}, "VOTE_POUR", None),
        ({"vote": Vote(for_=20, against=5, abstention=1)}, "VOTE_ABSTENTION", None),
        ({"vote": Vote(for_=20)}, "VOTE_POUR", 20),
        ({}, "BUDGET_ANNEE", None),
    ],
    ids=[
        "pref-id-department",
        "pref-id-corsica",
        "pref-id-without-actes-id",
        "pref-id-test-stamp",
        "pref-date-test-stamp",
        "pref-date-received",
        "pref-date-before-session-blank",
        "delib-id-fallback-act-key",
        "delib-date-from-actes-id",
        "delib-date-unknown",
        "vote-effectif-in-office",
        "vote-reel-voting",
        "vote-counts-consistent",
        "vote-counts-inconsistent-pour",
        "vote-counts-inconsistent-abstention",
        "vote-counts-partial-kept",
        "budget-empty",
    ],
)
def test_scdl_row_mapping(changes: dict, column: str, expected: object) -> None:
    assert scdl_row(_act(**changes), f"{SHA_A[:16]}:0", siret=None)[column] == expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"context": ActContext(template=True)}, "unfilled template"),
        ({"object": None}, "missing DELIB_OBJET"),
        (
            {"collectivity_name": None, "session_date": None, "prefecture_act_id": None},
            "missing COLL_NOM, DELIB_DATE",
        ),
    ],
    ids=["template", "no-object", "no-name-no-date"],
)
def test_scdl_left_out(changes: dict, reason: str) -> None:
    result = DocumentResult(file=FileRow(path="x.pdf", sha256=SHA_A, status="ok"), acts=[_act(**changes)])
    assert build_rows([result], None) == ([], [{"act_key": f"{SHA_A[:16]}:0", "reason": reason}])


def test_scdl_conventions_not_exported() -> None:
    result = hasnon_result()
    rows, excluded = build_rows([result.model_copy(update={"acts": result.acts[1:]})], None)
    assert (rows, excluded) == ([], [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key,siret\n215902842,21590284200017\n", None),
        ("key,siret\n215902842,2159028420001\n", "14-digit SIRET"),
        ("key,siret\n215902842,21590999900017\n", "does not start with SIREN"),
        ("siren,siret\n215902842,21590284200017\n", "header line"),
    ],
    ids=["valid", "short-siret", "siret-of-another-siren", "bad-header"],
)
def test_scdl_load_siret_map(tmp_path: Path, text: str, message: str | None) -> None:
    path = tmp_path / "sirets.csv"
    path.write_text(text, encoding="utf-8")
    if message is None:
        assert load_siret_map(path) == {"215902842": "21590284200017"}
    else:
        with pytest.raises(UsageError, match=message):
            load_siret_map(path)


def test_scdl_load_siret_map_resolves_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sirets.csv"
    path.write_text("key,siret\narchive/haveluy.pdf,21590292500016\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_siret_map(path) == {str(tmp_path / "archive" / "haveluy.pdf"): "21590292500016"}

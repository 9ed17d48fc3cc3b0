"""Identifiers: Luhn, SIREN departments, ACTES IDs parsed from both ends, OCR repair, department names."""

from __future__ import annotations

import datetime as dt

import pytest
from fuzz import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.config import load_rules
from pipeline.identifiers import (
    department_from_name,
    department_of_siren,
    departments_of_siren,
    find_actes_ids,
    known_department,
    luhn_valid,
    normalize_department_code,
    parse_actes_id,
    repair_actes_id,
    siren_matches_department,
    siren_valid,
)


def _with_check_digit(prefix: str) -> str:
    """Complete an 8-digit prefix with the digit that makes it pass Luhn."""
    return next(prefix + digit for digit in "0123456789" if luhn_valid(prefix + digit))


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        pytest.param("215902842", True, id="hasnon"),
        pytest.param("215902925", True, id="haveluy"),
        pytest.param("213001100", True, id="flaux"),
        pytest.param("219740115", True, id="saint-denis-974"),
        pytest.param("212000046", True, id="ajaccio-2a"),
        pytest.param("200063402", True, id="epci-200"),
        pytest.param("215002925", False, id="haveluy-ocr-error"),
        pytest.param("215902843", False, id="last-digit-off"),
        pytest.param("", False, id="empty"),
        pytest.param("21590284a", False, id="letter"),
        pytest.param("²15902842", False, id="unicode-digit"),
    ],
)
def test_identifiers_luhn(digits, valid):
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("siren", "valid"),
    [
        pytest.param("215902842", True, id="nine-digits"),
        pytest.param("21590284", False, id="eight-digits"),
        pytest.param("0215902842", False, id="ten-digits"),
        pytest.param(None, False, id="none"),
    ],
)
def test_identifiers_siren_valid(siren, valid):
    assert siren_valid(siren) is valid


@pytest.mark.parametrize(
    ("siren", "department"),
    [
        pytest.param("215902842", "059", id="commune-nord"),
        pytest.param("213001100", "030", id="commune-gard"),
        pytest.param("219740115", "974", id="commune-reunion"),
        pytest.param("225900018", "059", id="departement-nord"),
        pytest.param("212000046", None, id="corsica-ambiguous"),
        pytest.param("200063402", None, id="epci"),
        pytest.param("219990000", None, id="no-such-department"),
        pytest.param("abc", None, id="not-a-siren"),
    ],
)
def test_identifiers_department_of_siren(siren, department):
    assert department_of_siren(siren) == department


@pytest.mark.parametrize(
    ("siren", "department", "agrees"),
    [
        pytest.param("215902842", "059", True, id="commune-same"),
        pytest.param("215902842", "069", False, id="commune-other"),
        pytest.param("212000046", "02A", True, id="corsica-2a"),
        pytest.param("212000046", "02B", True, id="corsica-2b"),
        pytest.param("200063402", "074", True, id="epci-says-nothing"),
    ],
)
def test_identifiers_siren_matches_department(siren, department, agrees):
    assert siren_matches_department(siren, department) is agrees


def test_identifiers_corsica_siren_points_to_both_departments():
    assert departments_of_siren("212000046") == frozenset({"02A", "02B"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ID : 059-215902842-20250327-31032025_64-DE",
            ("059", "215902842", dt.date(2025, 3, 27), "31032025_64", "DE"),
            id="hasnon-stamp",
        ),
        pytest.param(
            "059-215902842-20250327-31032025 64-DE",
            ("059", "215902842", dt.date(2025, 3, 27), "31032025_64", "DE"),
            id="underscore-read-as-space",
        ),
        pytest.param(
            "013-211300074-20220106-AR-2022-02-AR",
            ("013", "211300074", dt.date(2022, 1, 6), "AR-2022-02", "AR"),
            id="number-with-dashes",
        ),
        pytest.param(
            "059 - 215902842 - 20250327 - DELIB_12 - DE",
            ("059", "215902842", dt.date(2025, 3, 27), "DELIB_12", "DE"),
            id="spaces-around-dashes",
        ),
        pytest.param(
            "02A-212000046-20240110-2024_03-CC",
            ("02A", "212000046", dt.date(2024, 1, 10), "2024_03", "CC"),
            id="corsica-02a",
        ),
        pytest.param(
            "Accusé de réception 974-219740115-20231201-D2023-118-BF reçu",
            ("974", "219740115", dt.date(2023, 12, 1), "D2023-118", "BF"),
            id="reunion-974-in-text",
        ),
        pytest.param(
            "030–213001100–20240202–PV15122023–DE",
            ("030", "213001100", dt.date(2024, 2, 2), "PV15122023", "DE"),
            id="en-dashes",
        ),
    ],
)
def test_identifiers_parse_actes_id(text, expected):
    parsed = parse_actes_id(text)
    assert parsed is not None
    assert (parsed.department, parsed.siren, parsed.date, parsed.number, parsed.nature) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("059-215902842-20250327-31032025_64-XX", id="unknown-nature"),
        pytest.param("059-215902842-20251327-12-DE", id="impossible-date"),
        pytest.param("59-215902842-20250327-12-DE", id="department-on-two-characters"),
        pytest.param("059-21590284-20250327-12-DE", id="short-siren"),
        pytest.param("059-215902842-20250327-ABCDEFGHIJKLMNOP-DE", id="number-over-15"),
        pytest.param("Publié le 31/03/2025", id="no-id"),
    ],
)
def test_identifiers_parse_actes_id_rejects(text):
    assert parse_actes_id(text) is None


def test_identifiers_parse_actes_id_canonical_value():
    parsed = parse_actes_id("ID : 059-215902842-20250327-31032025 64-DE")
    assert parsed is not None
    assert parsed.value == "059-215902842-20250327-31032025_64-DE"
    assert parsed.raw == "059-215902842-20250327-31032025 64-DE"


def test_identifiers_find_actes_ids_reads_every_id():
    text = "ID : 030-213001100-20240202-PV15122023-DE\n…\nID : 030-213001100-20231215-PV17112023-AU"
    assert [found.nature for found in find_actes_ids(text)] == ["DE", "AU"]


@pytest.mark.parametrize(
    ("raw", "hint", "repaired", "changes"),
    [
        pytest.param(
            "069-215002925-20250402-DELIB20250210-DE",
            "059",
            "059-215902925-20250402-DELIB20250210-DE",
            ("département 069 → 059", "SIREN 215002925 → 215902925"),
            id="seed-001-haveluy",
        ),
        pytest.param(
            "069-215902925-20250402-DELIB20250210-DE",
            "59",
            "059-215902925-20250402-DELIB20250210-DE",
            ("département 069 → 059",),
            id="department-only",
        ),
        pytest.param(
            "O59-2159O2842-20250327-31032025_64-DE",
            None,
            "059-215902842-20250327-31032025_64-DE",
            ("département O59 → 059", "SIREN 2159O2842 → 215902842"),
            id="letter-o-for-zero",
        ),
        pytest.param(
            "030-213001700-20240202-PV15122023-DE",
            "030",
            "030-213001100-20240202-PV15122023-DE",
            ("SIREN 213001700 → 213001100",),
            id="seven-for-one",
        ),
    ],
)
def test_identifiers_repair_actes_id(raw, hint, repaired, changes):
    repair = repair_actes_id(raw, department_hint=hint)
    assert repair is not None
    assert repair.value == repaired
    assert repair.repaired_from == raw
    assert repair.changes == changes


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        pytest.param("059-215992842-20250327-31032025_64-DE", "059", id="two-luhn-fixes-ambiguous"),
        pytest.param("059-215302842-20250327-31032025_64-DE", "059", id="several-positions-possible"),
        pytest.param("059-215902842-20250327-31032025_64-DE", "059", id="nothing-to-repair"),
        pytest.param("030-213001100-20240202-PV15122023-DE", "059", id="consistent-id-other-hint"),
        pytest.param("069-215002925-20250402-DELIB20250210-DE", "Atlantide", id="hint-not-a-department"),
        pytest.param("no identifier here", None, id="no-id"),
    ],
)
def test_identifiers_repair_actes_id_refuses(raw, hint):
    assert repair_actes_id(raw, department_hint=hint) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("DEPARTEMENT DU NORD", "059", id="nord-capitals"),
        pytest.param("du GARD", "030", id="du-gard"),
        pytest.param("Pas-de-Calais", "062", id="pas-de-calais"),
        pytest.param(
            "Acte rendu exécutoire après dépôt en préfecture du Pas-de-Calais le 05/10/2023",
            "062",
            id="prefecture-phrase",
        ),
        pytest.param("PRÉFECTURE DE LA RÉUNION", "974", id="reunion-article"),
        pytest.param("Haute-Corse", "02B", id="haute-corse"),
        pytest.param("département de la Seine-Saint-Denis", "093", id="longest-name"),
        pytest.param("Département de l'Ain", "001", id="elision"),
        pytest.param("Deux-Sèvres", "079", id="deux-sevres"),
        pytest.param("département du Nord et préfecture du Gard", None, id="two-departments"),
        pytest.param("Rue du Nord", None, id="no-context"),
        pytest.param("", None, id="empty"),
    ],
)
def test_identifiers_department_from_name(text, code):
    assert department_from_name(text) == code


@pytest.mark.parametrize(
    ("code", "normalized"),
    [
        pytest.param("59", "059", id="two-digits"),
        pytest.param("059", "059", id="three-digits"),
        pytest.param("2a", "02A", id="corsica-lower"),
        pytest.param("974", "974", id="overseas"),
        pytest.param("99", None, id="unknown"),
    ],
)
def test_identifiers_normalize_department_code(code, normalized):
    assert normalize_department_code(code) == normalized


def test_identifiers_departments_table_has_101_departments():
    table = load_rules("departements")["departements"]
    codes = [entry["code"] for entry in table]
    assert len(codes) == 101 == len(set(codes))
    assert all(known_department(code) for code in codes)
    assert all(department_from_name(entry["name"]) == entry["code"] for entry in table)


@given(st.text(max_size=300))
def test_identifiers_parse_actes_id_never_raises(text):
    parsed = parse_actes_id(text)
    assert parsed is None or len(parsed.number) <= 15


@given(st.text(max_size=120), st.one_of(st.none(), st.text(max_size=20)))
def test_identifiers_repair_never_raises(text, hint):
    repair = repair_actes_id(text, department_hint=hint)
    assert repair is None or siren_valid(repair.actes_id.siren)


@settings(max_examples=examples(200))
@given(
    department=st.sampled_from(["059", "030", "02A", "974", "001"]),
    body=st.text(alphabet="0123456789", min_size=6, max_size=6),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    number=st.from_regex(r"[A-Z0-9](?:[A-Z0-9_-]{0,13}[A-Z0-9])?", fullmatch=True),
    nature=st.sampled_from(["DE", "AR", "AI", "CC", "BF", "AU"]),
)
def test_identifiers_parse_actes_id_round_trip(department, body, day, number, nature):
    siren = _with_check_digit("21" + body)
    value = f"{department}-{siren}-{day:%Y%m%d}-{number}-{nature}"
    parsed = parse_actes_id(f"ID : {value}\nPublié le")
    assert parsed is not None
    assert parsed.value == value

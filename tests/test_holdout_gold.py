"""The held-out test records (``samples/holdout*/``) and their gold stay consistent.

These records were written for tests, without looking at the extractor, to measure it on collectivities,
wordings and layouts it was not tuned on. Their gold follows the format of ``samples/gold/seeds.jsonl``
exactly, and every value must be traceable to its record (names, titles, IDs and stamp dates are looked up
in the record's text), so that a typo in the gold shows up here rather than as a "miss" of the extractor.
Adapted from ``tests/test_written_gold.py``; the differences are the record views (a line broken after a
hyphen inside an ID, dates written in words on paper stamps), a tie settled by the president's casting vote,
and a check that the set stays disjoint from the records the extractor was tuned on.
``samples/holdout2/`` … ``samples/holdout15/`` are later blind sets, each written after the extractor was
tuned on the sets before it and blind to its code; the same checks run on every set, and each must also stay
disjoint from all the sets written before it (``SETS`` lists them in that order).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = ROOT / "samples" / "gold" / "seeds.jsonl"
TUNED_GOLD = (SEEDS, ROOT / "samples" / "gold" / "real.jsonl", ROOT / "samples" / "written" / "gold.jsonl")

DOCUMENT_KINDS = {"deliberation", "convention", "other"}
COLLECTIVITY_KINDS = {"commune", "epci", "departement", "region", "syndicat", "other", None}
OUTCOMES = {"adopted", "rejected", None}
DATE_FIELDS = ("session_date", "convocation_date", "prefecture_sent_date", "prefecture_received_date")
COUNT_FIELDS = ("members_in_office", "members_present", "members_voting", "proxies_count")
VOTE_COUNTS = ("for", "against", "abstention")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")  # fmt: skip
ACTES_ID = re.compile(
    r"^(?P<ddd>\d{3}|02[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<number>.{1,15})"
    r"-(?P<nature>DE|AR|AI|CC|BF|AU)$"
)
# Each held-out set, in the order they were written: record name pattern, bounds on its number of files,
# minimum number of acts. Each set stays disjoint from the tuned sets and from every set written before it.
SETS: dict[str, tuple[re.Pattern[str], tuple[int, int], int]] = {
    "holdout": (re.compile(r"^h\d\d_[a-z0-9_]+$"), (15, 20), 40),
    "holdout2": (re.compile(r"^k\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout3": (re.compile(r"^m\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout4": (re.compile(r"^n\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout5": (re.compile(r"^p\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout6": (re.compile(r"^q\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout7": (re.compile(r"^r\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout8": (re.compile(r"^s\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout9": (re.compile(r"^t\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout10": (re.compile(r"^u\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout11": (re.compile(r"^v\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout12": (re.compile(r"^w\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout13": (re.compile(r"^x\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout14": (re.compile(r"^y\d\d_[a-z0-9_]+$"), (8, 12), 20),
    "holdout15": (re.compile(r"^z\d\d_[a-z0-9_]+$"), (8, 12), 20),
}


def _written_before(folder: str) -> tuple[str, ...]:
    """The held-out sets written before ``folder``: it must stay disjoint from them."""
    names = list(SETS)
    return tuple(names[: names.index(folder)])


def _gold(folder: str) -> list[dict[str, Any]]:
    lines = (SAMPLES / folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _files(folder: str) -> list[Path]:
    paths = (SAMPLES / folder).iterdir()
    return sorted(p for p in paths if p.suffix in {".txt", ".md"} and p.name != "README.md")


GOLDS = {folder: _gold(folder) for folder in SETS}
FILES = {folder: _files(folder) for folder in SETS}
RECORDS = [record for folder in SETS for record in GOLDS[folder]]
IDS = [f"{record['doc']}#{record['act_index']}" for record in RECORDS]
FILE_CASES = [(folder, path) for folder in SETS for path in FILES[folder]]


def _reference_keys() -> tuple[list[str], list[str]]:
    seed = json.loads(SEEDS.read_text(encoding="utf-8").splitlines()[0])
    return list(seed), list(seed["vote"])


def _folder_of(doc: str) -> str:
    matches = [folder for folder, (name, *_) in SETS.items() if name.match(doc)]
    assert len(matches) == 1, f"{doc}: expected one held-out set, found {matches}"
    return matches[0]


def _record_file(doc: str) -> Path:
    matches = [path for path in FILES[_folder_of(doc)] if path.stem == doc]
    assert len(matches) == 1, f"{doc}: expected one record file, found {matches}"
    return matches[0]


def _views(text: str) -> list[str]:
    """The record's text as a reader may see it: as is, de-hyphenated, re-joined after a hyphen, without a margin."""
    text = unicodedata.normalize("NFKC", text)
    dehyphenated = re.sub(r"-\n", "", text)
    rejoined = re.sub(r"-\n\s*", "-", text)
    no_margin = "\n".join(re.sub(r"^.*?\S {3,}(?=\S)", "", line) for line in text.splitlines())
    return [" ".join(view.split()) for view in (text, dehyphenated, rejoined, no_margin)]


def _appears(value: str, text: str, *, ignore_case: bool = False) -> bool:
    needle = " ".join(unicodedata.normalize("NFKC", value).split())
    views = _views(text)
    if ignore_case:
        return any(needle.casefold() in view.casefold() for view in views)
    return any(needle in view for view in views)


def _date_appears(iso: str, text: str) -> bool:
    """A stamp date is printed as 14/06/2024 (electronic stamps) or 14 MAI 2024 (paper stamps)."""
    date = dt.date.fromisoformat(iso)
    in_words = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return _appears(date.strftime("%d/%m/%Y"), text) or _appears(in_words, text, ignore_case=True)


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _siren_departments(siren: str) -> set[str] | None:
    """ACTES departments a SIREN can belong to; None when its prefix carries no department (EPCI 200…, region)."""
    if siren[:2] not in {"21", "22", "24", "25"}:
        return None
    if siren[2:4] == "97":
        return {siren[2:5]}
    if siren[2:4] == "20":
        return {"02A", "02B"}
    return {"0" + siren[2:4]}


def _text_of(record: dict[str, Any]) -> str:
    return _record_file(record["doc"]).read_text(encoding="utf-8")


def _accepted(record: dict[str, Any], name: str) -> list[Any]:
    """The primary value of a field and its alternatives."""
    primary = record["vote"][name] if name in record["vote"] else record[name]
    return [primary, *record["alternatives"].get(name, [])]


def _tuned_values(field: str, earlier: tuple[str, ...] = ()) -> set[str]:
    values = set()
    for path in (*TUNED_GOLD, *(SAMPLES / folder / "gold.jsonl" for folder in earlier)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line)[field]:
                values.add(json.loads(line)[field].casefold())
    return values


@pytest.mark.parametrize("folder", list(SETS))
def test_holdout_gold_parses(folder: str) -> None:
    _, (low, high), min_acts = SETS[folder]
    records = GOLDS[folder]
    assert low <= len(FILES[folder]) <= high
    assert len(records) >= min_acts
    assert len({(r["doc"], r["act_index"]) for r in records}) == len(records)


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_has_the_seed_keys(record: dict[str, Any]) -> None:
    keys, vote_keys = _reference_keys()
    assert list(record) == keys
    assert list(record["vote"]) == vote_keys


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_values_have_schema_types(record: dict[str, Any]) -> None:
    assert SETS[_folder_of(record["doc"])][0].match(record["doc"])
    assert record["document_kind"] in DOCUMENT_KINDS
    assert record["collectivity_kind"] in COLLECTIVITY_KINDS
    for name in DATE_FIELDS:
        if record[name] is not None:
            assert dt.date.fromisoformat(record[name]).isoformat() == record[name], name
    for name in COUNT_FIELDS:
        assert record[name] is None or (isinstance(record[name], int) and record[name] >= 0), name
    vote = record["vote"]
    assert vote["unanimous"] in {True, False, None}
    assert vote["outcome"] in OUTCOMES
    for name in VOTE_COUNTS:
        assert vote[name] is None or (isinstance(vote[name], int) and vote[name] >= 0), name
    assert all(set(pair) == {"giver", "holder"} for pair in record["proxies"])
    assert all(set(party) == {"name", "representative", "role"} for party in record["convention_parties"])
    assert isinstance(record["notes"], str) and record["notes"].startswith("Written for tests.")
    assert isinstance(record["alternatives"], dict)


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_alternatives_name_fields(record: dict[str, Any]) -> None:
    allowed = set(record) - {"doc", "act_index", "notes", "alternatives", "vote"}
    allowed |= set(record["vote"]) | {f"vote.{key}" for key in record["vote"]}
    for key, values in record["alternatives"].items():
        assert key in allowed, key
        assert isinstance(values, list) and values, key
        if key in {"proxies", "convention_parties"}:
            assert all(isinstance(value, list) for value in values), key


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_identifiers_are_consistent(record: dict[str, Any]) -> None:
    sirens = [record["siren"], *record["alternatives"].get("siren", [])]
    for siren in filter(None, sirens):
        assert re.fullmatch(r"\d{9}", siren) and _luhn(siren), siren
    ids = [record["prefecture_act_id"], *record["alternatives"].get("prefecture_act_id", [])]
    for act_id in filter(None, ids):
        match = ACTES_ID.match(act_id)
        assert match, act_id
        assert _luhn(match["siren"]), act_id
        departments = _siren_departments(match["siren"])
        assert departments is None or match["ddd"] in departments, act_id
        assert act_id.startswith(f"{match['ddd']}-{match['siren']}-")
    if record["prefecture_act_id"] and record["siren"]:
        assert ACTES_ID.match(record["prefecture_act_id"])["siren"] == record["siren"]


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_values_appear_in_the_record(record: dict[str, Any]) -> None:
    text = _text_of(record)
    for pair in record["proxies"]:
        assert _appears(pair["giver"], text), pair
        assert _appears(pair["holder"], text), pair
    for name in ("president", "secretary", "deliberation_number", "object"):
        if record[name] is not None:
            assert _appears(record[name], text), name
    if record["collectivity_name"] is not None:
        assert _appears(record["collectivity_name"], text, ignore_case=True)
    for party in record["convention_parties"]:
        for name in ("name", "representative", "role"):
            if party[name] is not None:
                assert _appears(party[name], text, ignore_case=True), party
    act_id = record["prefecture_act_id"]
    if act_id is not None and not _appears(act_id, text):
        assert "repaired" in record["notes"], "an ID absent from the text must be explained as a repair"
    for name in ("prefecture_sent_date", "prefecture_received_date"):
        if record[name] is not None:
            assert _date_appears(record[name], text), name


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_vote_is_coherent(record: dict[str, Any]) -> None:
    vote = record["vote"]
    counted = [vote[name] for name in VOTE_COUNTS if vote[name] is not None]
    voting = [value for value in _accepted(record, "members_voting") if value is not None]
    if voting and counted:
        assert sum(counted) <= max(voting), "a latecomer's vote is accepted through alternatives"
    if vote["unanimous"] is True:
        assert not vote["against"]
    if vote["for"] is not None and vote["against"] is not None:
        casting_vote = vote["for"] == vote["against"] and "prépondérante" in record["notes"]
        assert casting_vote or (vote["outcome"] == "adopted") == (vote["for"] > vote["against"])
    if record["document_kind"] != "deliberation":
        assert vote == {"unanimous": None, "for": None, "against": None, "abstention": None, "outcome": None}


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_holdout_gold_counts_are_coherent(record: dict[str, Any]) -> None:
    in_office, present = record["members_in_office"], record["members_present"]
    voting, proxies = record["members_voting"], record["proxies_count"]
    if in_office is not None and present is not None:
        assert present <= in_office
    if proxies is not None and record["proxies"]:
        assert proxies == len(record["proxies"])
    if None not in (present, voting, proxies):
        assert voting <= present + proxies


@pytest.mark.parametrize(("folder", "path"), FILE_CASES, ids=[f"{f}/{p.name}" for f, p in FILE_CASES])
def test_holdout_gold_covers_every_record_file(folder: str, path: Path) -> None:
    indexes = sorted(r["act_index"] for r in GOLDS[folder] if r["doc"] == path.stem)
    assert indexes == list(range(len(indexes))) and indexes, path.name
    assert SETS[folder][0].match(path.stem)
    assert path.name in (SAMPLES / folder / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", list(SETS))
@pytest.mark.parametrize("field", ["collectivity_name", "siren", "prefecture_act_id"])
def test_holdout_gold_is_disjoint_from_the_tuned_records(field: str, folder: str) -> None:
    held_out = {record[field].casefold() for record in GOLDS[folder] if record[field]}
    assert held_out
    assert not held_out & _tuned_values(field, _written_before(folder))

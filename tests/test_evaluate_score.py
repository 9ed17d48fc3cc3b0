"""Scoring: fields, alternatives, hallucinations, sets, whole files (pipeline.evaluate.score, sets)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluate import evaluate
from pipeline.evaluate.fields import FIELDS
from pipeline.evaluate.load import gold_act, load_gold, predicted_act
from pipeline.evaluate.score import score_field
from pipeline.evaluate.sets import Counts, party_counts, proxy_counts, total

GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold"
SPECS = {spec.name: spec for spec in FIELDS}


def _gold_records(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def _by_doc(records: list[dict]) -> dict:
    acts: dict[str, list] = {}
    for record in records:
        acts.setdefault(record["doc"], []).append(predicted_act(record, len(acts.get(record["doc"], []))))
    return acts


def _outcome(record: dict, field: str, value):
    gold = gold_act(record)
    changed = copy.deepcopy(record)
    if field.startswith("vote."):
        changed["vote"][field.removeprefix("vote.")] = value
    else:
        changed[field] = value
    return score_field(SPECS[field], gold, predicted_act(changed, 0), object_threshold=0.9)


SEEDS = _gold_records("seeds")
REAL = _gold_records("real")

ALTERNATIVE_CASES = [
    pytest.param(SEEDS[1], "vote.against", 0, True, id="vote-subfield-alternative-without-prefix"),
    pytest.param(SEEDS[1], "vote.against", 1, False, id="vote-subfield-other-value"),
    pytest.param(SEEDS[0], "collectivity_name", None, True, id="null-accepted-by-alternative"),
    pytest.param(SEEDS[3], "members_in_office", 115, True, id="count-alternative"),
    pytest.param(REAL[0], "secretary", "Philippe VINÇON", True, id="full-name-alternative"),
    pytest.param(
        REAL[0],
        "object",
        "Approbation du procès-verbal du 17 novembre 2023",
        True,
        id="agenda-wording-alternative",
    ),
    pytest.param(SEEDS[3], "convention_parties", [], True, id="list-alternative-empty"),
    pytest.param(
        REAL[0],
        "proxies",
        [
            {"giver": "Catherine MARTEL", "holder": "Catherine VINAS"},
            {"giver": "Patricia MICHOT", "holder": "Muriel NIGGEL"},
            {"giver": "Philippe ROUVIER-COROUGE", "holder": "Denis JUVIN"},
        ],
        True,
        id="list-alternative-whole-list",
    ),
    pytest.param(
        REAL[0],
        "proxies",
        [{"giver": "Catherine MARTEL", "holder": "Catherine VINAS"}],
        False,
        id="list-partial-is-wrong",
    ),
]


@pytest.mark.parametrize(("record", "field", "value", "correct"), ALTERNATIVE_CASES)
def test_score_alternatives(record, field, value, correct):
    assert _outcome(record, field, value).correct is correct


REASON_CASES = [
    pytest.param(SEEDS[4], "session_date", "2021-05-18", "hallucinated", id="value-where-gold-says-null"),
    pytest.param(SEEDS[4], "proxies", [{"giver": "A", "holder": "B"}], "hallucinated", id="list-where-gold-empty"),
    pytest.param(SEEDS[0], "collectivity_name", "Haveluy", "wrong", id="null-only-an-alternative"),
    pytest.param(SEEDS[0], "session_date", None, "omitted", id="null-where-value-expected"),
    pytest.param(SEEDS[0], "session_date", "2025-03-28", "wrong", id="other-value"),
]


@pytest.mark.parametrize(("record", "field", "value", "reason"), REASON_CASES)
def test_score_wrong_field_reason(record, field, value, reason):
    outcome = _outcome(record, field, value)
    assert not outcome.correct
    assert outcome.reason == reason


PROXY_CASES = [
    pytest.param(
        [("LUTAS Sylvie", "DESMEDT André")],
        [("Mme LUTAS Sylvie", "DESMEDT")],
        Counts(1, 0, 0),
        id="civility-and-surname",
    ),
    pytest.param([("LUTAS", "DESMEDT")], [("DESMEDT", "LUTAS")], Counts(0, 1, 1), id="reversed-pair"),
    pytest.param(
        [("LUTAS", "DESMEDT")],
        [("LUTAS", "DESMEDT"), ("LUTAS", "DESMEDT")],
        Counts(1, 1, 0),
        id="duplicate-prediction",
    ),
    pytest.param([("LUTAS", "DESMEDT"), ("PERNAK", "LEBBADER")], [], Counts(0, 0, 2), id="nothing-predicted"),
    pytest.param([], [], Counts(0, 0, 0), id="both-empty"),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), PROXY_CASES)
def test_score_proxy_counts(gold, pred, expected):
    def pairs(items):
        return [{"giver": giver, "holder": holder} for giver, holder in items]

    assert total(proxy_counts(pairs(gold), pairs(pred))) == expected


PARTY = {
    "name": "Communauté d'Agglomération de La Porte du Hainaut",
    "representative": "Aymeric ROBIN",
    "role": "Président",
}
PARTY_CASES = [
    pytest.param(
        [PARTY],
        [{"name": "Porte du Hainaut", "representative": "M. ROBIN", "role": "président"}],
        {"name": Counts(1), "representative": Counts(1), "role": Counts(1)},
        id="all-slots-match",
    ),
    pytest.param(
        [{"name": "Flaux", "representative": None, "role": None}],
        [{"name": "Commune de Flaux", "representative": "Denis JUVIN", "role": "Maire"}],
        {"name": Counts(1), "representative": Counts(0, 1, 0), "role": Counts(0, 1, 0)},
        id="value-where-gold-null-costs-precision",
    ),
    pytest.param(
        [PARTY],
        [{"name": "Porte du Hainaut", "representative": None, "role": None}],
        {"name": Counts(1), "representative": Counts(0, 0, 1), "role": Counts(0, 0, 1)},
        id="null-where-gold-value-costs-recall",
    ),
    pytest.param(
        [PARTY],
        [{"name": "Haveluy", "representative": "Aymeric ROBIN", "role": "Président"}],
        {"name": Counts(0, 1, 1), "representative": Counts(0, 1, 1), "role": Counts(0, 1, 1)},
        id="other-name-is-not-paired",
    ),
    pytest.param(
        [{"name": None, "representative": None, "role": "Maire"}],
        [{"name": "XXXXXX", "representative": None, "role": "Maire"}],
        {"name": Counts(0, 1, 0), "representative": Counts(), "role": Counts(1)},
        id="placeholder-name-where-gold-null",
    ),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), PARTY_CASES)
def test_score_party_slot_counts(gold, pred, expected):
    assert party_counts(gold, pred) == expected


COUNTS_CASES = [
    pytest.param(Counts(3, 1, 2), (0.75, 0.6, 2 * 0.75 * 0.6 / 1.35), id="ordinary"),
    pytest.param(Counts(0, 0, 0), (1.0, 1.0, 1.0), id="nothing-to-find-nothing-predicted"),
    pytest.param(Counts(0, 0, 4), (0.0, 0.0, 0.0), id="nothing-predicted"),
    pytest.param(Counts(0, 2, 0), (0.0, 0.0, 0.0), id="nothing-to-find"),
]


@pytest.mark.parametrize(("counts", "expected"), COUNTS_CASES)
def test_score_counts_rates(counts, expected):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(expected)


@pytest.mark.parametrize("name", ["seeds", "real"])
def test_score_gold_against_itself_is_perfect(name):
    scores = evaluate(load_gold([GOLD / f"{name}.jsonl"]), _by_doc(_gold_records(name)))
    assert scores.overall.accuracy == 1.0
    assert scores.overall.total == 25 * len(_gold_records(name))
    assert scores.proxies.f1 == scores.parties.f1 == 1.0
    assert scores.hallucinations == 0
    assert not scores.misses
    assert scores.acts.matched == scores.acts.gold == len(_gold_records(name))


def _damaged_seeds() -> list[dict]:
    records = copy.deepcopy(SEEDS)
    hasnon, haveluy, _template, artois, ludres = records
    hasnon["session_date"] = "2025-03-28"
    hasnon["proxies"] = hasnon["proxies"][1:]
    haveluy["vote"]["against"] = 0  # accepted by an alternative
    haveluy["secretary"] = "Mme MAYEUX"  # a surname alone matches
    artois["convention_parties"] = []  # accepted by an alternative
    ludres["session_date"] = "2021-05-18"  # hallucinated: the header is missing
    ludres["convention_parties"][0]["representative"] = "Jean DUPONT"
    extra = {"doc": artois["doc"], "act_index": 1, "document_kind": "other", "object": "Questions diverses"}
    return [hasnon, haveluy, artois, extra, ludres]  # the template (002) is missed


def test_score_damaged_copy_gives_expected_numbers():
    scores = evaluate(load_gold([GOLD / "seeds.jsonl"]), _by_doc(_damaged_seeds()))
    assert scores.acts.model_dump() == {"gold": 5, "predicted": 5, "matched": 4, "missed": 1, "extra": 1}
    assert (scores.overall.correct, scores.overall.total) == (125 - 29, 125)
    assert scores.hallucinations == 3
    assert (scores.proxies.tp, scores.proxies.fp, scores.proxies.fn) == (24, 0, 1)
    assert scores.proxies.f1 == pytest.approx(round(2 * 0.96 / 1.96, 4))
    assert (scores.parties.tp, scores.parties.fp, scores.parties.fn) == (14, 1, 4)
    session = scores.fields["session_date"]
    assert (session.correct, session.wrong, session.hallucinated, session.act_missed) == (2, 1, 1, 1)
    documents = {d.doc[:3]: (d.correct, d.total, d.hallucinations) for d in scores.documents}
    assert documents == {
        "000": (23, 25, 0),
        "001": (25, 25, 0),
        "002": (0, 25, 0),
        "003": (25, 25, 2),
        "004": (23, 25, 1),
    }
    reasons = {(m.doc[:3], m.field, m.reason) for m in scores.misses if m.reason != "act missed"}
    assert reasons == {
        ("000", "session_date", "wrong"),
        ("000", "proxies", "wrong"),
        ("003", "document_kind", "extra act"),
        ("003", "object", "extra act"),
        ("004", "session_date", "hallucinated"),
        ("004", "convention_parties", "wrong"),
    }
    assert sum(m.reason == "act missed" for m in scores.misses) == 25


def test_score_unscored_documents_are_listed():
    predictions = _by_doc([*SEEDS, {"doc": "elsewhere", "act_index": 0, "object": "x"}])
    scores = evaluate(load_gold([GOLD / "seeds.jsonl"]), predictions)
    assert scores.unscored_docs == ["elsewhere"]
    assert scores.overall.accuracy == 1.0


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)
PARTY_VALUES = st.lists(
    st.fixed_dictionaries({"name": JSON_VALUES, "representative": JSON_VALUES, "role": JSON_VALUES}),
    max_size=3,
)
PROXY_VALUES = st.lists(st.fixed_dictionaries({"giver": JSON_VALUES, "holder": JSON_VALUES}), max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    st.fixed_dictionaries(
        {name: JSON_VALUES for name in SPECS if not name.startswith("vote.") and SPECS[name].kind != "list"}
        | {
            "vote": JSON_VALUES | st.fixed_dictionaries({"for": JSON_VALUES, "unanimous": JSON_VALUES}),
            "proxies": PROXY_VALUES | JSON_VALUES,
            "convention_parties": PARTY_VALUES | JSON_VALUES,
        }
    )
)
def test_score_arbitrary_predictions_never_raise(values):
    record = {**values, "doc": SEEDS[0]["doc"], "act_index": 0}
    scores = evaluate(load_gold([GOLD / "seeds.jsonl"]), _by_doc([record]))
    assert 0.0 <= scores.overall.accuracy <= 1.0
    assert scores.acts.matched == 1

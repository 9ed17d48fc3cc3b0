"""Alignment of predicted acts to gold acts (pipeline.evaluate.align)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from pipeline.evaluate.align import act_similarity, align_document, assign
from pipeline.evaluate.load import gold_act, load_gold, predicted_act

GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold"
REAL_DOCS = sorted({json.loads(line)["doc"] for line in (GOLD / "real.jsonl").read_text().splitlines()})


def _records(doc: str) -> list[dict]:
    lines = (GOLD / "real.jsonl").read_text(encoding="utf-8").splitlines()
    return [record for record in map(json.loads, lines) if record["doc"] == doc]


def _predict(records: list[dict]) -> list:
    """Gold records turned into predictions, re-indexed in their new order."""
    return [predicted_act({**record, "act_index": index}, index) for index, record in enumerate(records)]


def _brute_force(weights: list[list[float]]) -> float:
    rows, columns = len(weights), len(weights[0])
    best = 0.0
    if rows <= columns:
        for chosen in itertools.permutations(range(columns), rows):
            best = max(best, sum(max(weights[i][j], 0.0) for i, j in enumerate(chosen)))
    else:
        for chosen in itertools.permutations(range(rows), columns):
            best = max(best, sum(max(weights[i][j], 0.0) for j, i in enumerate(chosen)))
    return best


@pytest.mark.parametrize(
    ("rows", "columns", "seed"),
    [
        pytest.param(3, 3, 1, id="square"),
        pytest.param(2, 5, 2, id="wide"),
        pytest.param(5, 2, 3, id="tall"),
        pytest.param(6, 6, 4, id="six"),
        pytest.param(1, 4, 5, id="one-row"),
    ],
)
def test_align_assign_is_optimal(rows, columns, seed):
    generator = random.Random(seed)
    weights = [[round(generator.random(), 3) for _ in range(columns)] for _ in range(rows)]
    pairs = assign(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert sum(weights[i][j] for i, j in pairs) == pytest.approx(_brute_force(weights))


def test_align_assign_drops_zero_weights():
    assert assign([[0.0, 0.0], [0.0, 0.7]]) == [(1, 1)]


@pytest.mark.parametrize("doc", REAL_DOCS)
def test_align_shuffled_order(doc):
    records = _records(doc)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    gold = load_gold([GOLD / "real.jsonl"])[doc]
    alignment = align_document(doc, gold, _predict(shuffled))
    assert not alignment.missed and not alignment.extra
    for pair in alignment.pairs:
        assert shuffled[pair.pred.act_index]["act_index"] == pair.gold.act_index


def test_align_missing_act():
    doc = "flaux_pv_17_novembre_tampon"
    records = _records(doc)
    kept = [record for record in records if record["act_index"] != 4]
    alignment = align_document(doc, load_gold([GOLD / "real.jsonl"])[doc], _predict(kept))
    assert [act.act_index for act in alignment.missed] == [4]
    assert not alignment.extra
    assert all(
        records[pair.gold.act_index]["object"] == kept[pair.pred.act_index]["object"] for pair in alignment.pairs
    )


def test_align_extra_act():
    doc = "flaux_compte_rendu_2021-03-31"
    records = _records(doc)
    extra = {**records[0], "object": "Désignation du secrétaire de séance"}
    predictions = _predict([records[0], extra, *records[1:]])
    alignment = align_document(doc, load_gold([GOLD / "real.jsonl"])[doc], predictions)
    assert [act.values["object"] for act in alignment.extra] == ["Désignation du secrétaire de séance"]
    assert not alignment.missed


def _bare(doc: str, index: int, **values) -> dict:
    return {"doc": doc, "act_index": index, **values}


def test_align_sole_pair_is_paired_whatever_its_similarity():
    gold = [gold_act({**_records("couthenans_CR_reunion_20211105")[0], "doc": "one"})]
    alignment = align_document("one", gold, [predicted_act(_bare("one", 0, object="Lorem ipsum"), 0)])
    assert len(alignment.pairs) == 1


def test_align_acts_without_object_nor_number_are_not_paired_by_position():
    records = _records("couthenans_CR_reunion_20211105")[:2]
    gold = [gold_act(record) for record in records]
    predictions = [predicted_act(_bare(r["doc"], i, session_date=r["session_date"]), i) for i, r in enumerate(records)]
    alignment = align_document(records[0]["doc"], gold, predictions)
    assert not alignment.pairs
    assert len(alignment.missed) == len(alignment.extra) == 2


def test_align_number_pairs_acts_without_object():
    gold = [gold_act({**_bare("d", i, deliberation_number=f"2025-{i}"), "alternatives": {}}) for i in range(3)]
    predictions = [predicted_act(_bare("d", i, deliberation_number=f"N° 2025-{2 - i}"), i) for i in range(3)]
    alignment = align_document("d", gold, predictions)
    assert sorted((p.gold.act_index, p.pred.act_index) for p in alignment.pairs) == [(0, 2), (1, 1), (2, 0)]


def test_align_identical_titles_pair_in_order():
    gold = [gold_act({**_bare("d", i, object="Budget Primitif 2021"), "alternatives": {}}) for i in range(2)]
    predictions = [predicted_act(_bare("d", i, object="Budget Primitif 2021"), i) for i in range(2)]
    alignment = align_document("d", gold, predictions)
    assert [(p.gold.act_index, p.pred.act_index) for p in alignment.pairs] == [(0, 0), (1, 1)]


def test_align_similarity_uses_object_alternatives():
    record = _records("flaux_pv_17_novembre_tampon")[6]
    gold = gold_act(record)
    pred = predicted_act({**record, "object": "Carrière de VERS PONT DU GARD"}, 0)
    assert act_similarity(gold, pred) == pytest.approx(1.0)


def test_align_records_of_kind_other_pair_in_order():
    """An arrêté and a decision in a recueil have no field to compare: their kind and order pair them."""
    base = _records("couthenans_CR_reunion_20211105")[0]
    others = [
        {**base, "doc": "recueil", "act_index": index, "document_kind": "other", "object": None, "session_date": None}
        for index in range(2)
    ]
    gold = [gold_act(record) for record in others]
    predictions = [predicted_act(_bare("recueil", i, document_kind="other"), i) for i in range(2)]
    alignment = align_document("recueil", gold, predictions)
    assert [(pair.gold.act_index, pair.pred.act_index) for pair in alignment.pairs] == [(0, 0), (1, 1)]

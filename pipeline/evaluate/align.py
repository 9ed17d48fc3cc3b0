"""Align predicted acts to gold acts within a document, by content rather than by position.

The similarity of a gold and a predicted act is a weighted mean over what both acts state:
object (weight 3, :func:`~pipeline.evaluate.normalize.object_similarity`), deliberation number
(2, equal or not once normalised) and session date (0.5, equal or not). With neither an object
nor a number on both sides it is 0.5: a shared date alone does not tell acts of one session
apart; two records of kind `other` (an arrêté in a recueil: no field by design) are as alike as
``min_similarity``, and their order pairs them. Acts are paired by an optimal assignment (Hungarian
algorithm) maximising the total similarity; a pair needs a similarity of at least
``min_similarity`` (0.6), except in a document with exactly one gold and one predicted act, which
are always paired. Ties (acts with the same title) are broken by relative position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.evaluate import normalize as nz
from pipeline.evaluate.load import Acts, EvalAct

MIN_SIMILARITY = 0.6
#: Similarity when the acts share no object nor number to compare: no evidence either way.
NO_EVIDENCE = 0.5
_WEIGHTS = {"object": 3.0, "deliberation_number": 2.0, "session_date": 0.5}
_DISTINCTIVE = ("object", "deliberation_number")
_TIE_BREAK = 0.001


@dataclass(frozen=True)
class Pair:
    gold: EvalAct
    pred: EvalAct
    similarity: float


@dataclass(frozen=True)
class Alignment:
    """The acts of one document: matched pairs, gold acts missed, predicted acts in excess."""

    doc: str
    pairs: list[Pair]
    missed: list[EvalAct]
    extra: list[EvalAct]


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment of rows to columns, each used once (Hungarian algorithm, O(n²m)).

    Returns sorted ``(row, column)`` pairs; pairs of weight ≤ 0 are left out.
    """
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return []
    transposed = rows > columns
    matrix = [list(column) for column in zip(*weights, strict=True)] if transposed else [list(r) for r in weights]
    n, m = len(matrix), len(matrix[0])
    owner = _hungarian([[-w for w in row] for row in matrix], n, m)
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    if transposed:
        pairs = [(column, row) for row, column in pairs]
    return sorted((row, column) for row, column in pairs if weights[row][column] > 0)


def _hungarian(cost: list[list[float]], n: int, m: int) -> list[int]:
    """Minimum-cost assignment of n ≤ m rows; ``owner[j]`` is the 1-based row of column j (0: none)."""
    infinity = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0], column = row, 0
        slack, used = [infinity] * (m + 1), [False] * (m + 1)
        while owner[column]:
            used[column] = True
            current, delta, next_column = owner[column], infinity, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[current - 1][j - 1] - u[current] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, column
                if slack[j] < delta:
                    delta, next_column = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return owner


def act_similarity(gold: EvalAct, pred: EvalAct) -> float:
    """How likely two acts are the same act (0–1), from object, deliberation number and session date."""
    total = weight_sum = 0.0
    compared: list[str] = []
    for name, weight in _WEIGHTS.items():
        gold_values = [value for value in gold.accepted_values(name) if value]
        pred_value = pred.values.get(name)
        if not gold_values or not pred_value:
            continue
        total += weight * max(_component(name, value, pred_value) for value in gold_values)
        weight_sum += weight
        compared.append(name)
    if not any(name in compared for name in _DISTINCTIVE):
        both_other = gold.values.get("document_kind") == pred.values.get("document_kind") == "other"
        return MIN_SIMILARITY if both_other else NO_EVIDENCE
    return total / weight_sum


def _component(name: str, gold: Any, pred: Any) -> float:
    if name == "object":
        return nz.object_similarity(str(gold), str(pred))
    if name == "session_date":
        return float(nz.to_iso_date(gold) == nz.to_iso_date(pred))
    return float(nz.to_number(gold) == nz.to_number(pred))


def align_document(
    doc: str, gold: Sequence[EvalAct], pred: Sequence[EvalAct], *, min_similarity: float = MIN_SIMILARITY
) -> Alignment:
    """Pair the acts of one document (see the module docstring for the rule)."""
    similarity = [[act_similarity(g, p) for p in pred] for g in gold]
    sole_pair = len(gold) == 1 and len(pred) == 1
    weights = [
        [
            sim + _TIE_BREAK * (1.0 - abs(_rank(i, len(gold)) - _rank(j, len(pred))))
            if sole_pair or sim >= min_similarity
            else 0.0
            for j, sim in enumerate(row)
        ]
        for i, row in enumerate(similarity)
    ]
    chosen = assign(weights)
    paired_gold = {i for i, _ in chosen}
    paired_pred = {j for _, j in chosen}
    return Alignment(
        doc=doc,
        pairs=[Pair(gold[i], pred[j], round(similarity[i][j], 4)) for i, j in chosen],
        missed=[act for i, act in enumerate(gold) if i not in paired_gold],
        extra=[act for j, act in enumerate(pred) if j not in paired_pred],
    )


def align(gold: Acts, pred: Acts, *, min_similarity: float = MIN_SIMILARITY) -> list[Alignment]:
    """Align every gold document; a document with no prediction has all its acts missed."""
    return [align_document(doc, acts, pred.get(doc, []), min_similarity=min_similarity) for doc, acts in gold.items()]


def _rank(index: int, count: int) -> float:
    return index / (count - 1) if count > 1 else 0.0

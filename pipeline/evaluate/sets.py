"""List fields scored as sets: proxies (giver, holder) and convention parties (name, representative, role).

Proxies: a predicted pair is right when its giver and its holder both match a gold pair's
(:func:`~pipeline.evaluate.normalize.same_name`); pairs are matched one to one (optimal
assignment), so a duplicate prediction is a false positive.

Parties: each party has up to three *slots*, name, representative and role, each counted
when it is not null. A predicted party is paired with at most one gold party whose name
matches (:func:`~pipeline.evaluate.normalize.same_organisation`, containment allowed), or
with any gold party when one of the two names is null; pairs maximise the number of agreeing
slots. In a pair, a slot where both values match is a true positive; otherwise a predicted
value is a false positive and a gold value a false negative. So a representative predicted
where the gold says null costs precision only, and one missing where the gold names one
costs recall only. Slots of unpaired parties are false positives (predicted) or false
negatives (gold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.evaluate import normalize as nz
from pipeline.evaluate.align import assign
from pipeline.evaluate.fields import is_null

PARTY_SLOTS: tuple[str, ...] = ("name", "representative", "role")
_SAME: dict[str, Callable[[Any, Any], bool]] = {
    "name": nz.same_organisation,
    "representative": nz.same_name,
    "role": nz.same_role,
}


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the derived rates.

    With nothing to find and nothing predicted, precision, recall and F1 are 1; with nothing
    predicted (or nothing to find) but something on the other side, they are 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def exact(self) -> bool:
        return self.fp == 0 and self.fn == 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The counts and rates, rounded, for JSON."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


SlotCounts = dict[str, Counts]


def proxy_counts(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> SlotCounts:
    """Counts of (giver, holder) pairs, under the slot ``"pair"``."""
    weights = [
        [
            float(_same_person(g.get("giver"), p.get("giver")) and _same_person(g.get("holder"), p.get("holder")))
            for p in pred
        ]
        for g in gold
    ]
    matched = len(assign(weights))
    return {"pair": Counts(matched, len(pred) - matched, len(gold) - matched)}


def _same_person(gold: Any, pred: Any) -> bool:
    return nz.same_name(None if gold is None else str(gold), None if pred is None else str(pred))


def party_counts(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> SlotCounts:
    """Counts per slot (name, representative, role) of convention parties."""
    weights = [[_party_weight(g, p) for p in pred] for g in gold]
    pairs = assign(weights)
    counts = dict.fromkeys(PARTY_SLOTS, Counts())
    for i, j in pairs:
        for slot in PARTY_SLOTS:
            counts[slot] += _slot_counts(slot, gold[i].get(slot), pred[j].get(slot))
    paired_gold, paired_pred = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, party in enumerate(gold):
        if i not in paired_gold:
            for slot in PARTY_SLOTS:
                counts[slot] += Counts(fn=int(not is_null(party.get(slot))))
    for j, party in enumerate(pred):
        if j not in paired_pred:
            for slot in PARTY_SLOTS:
                counts[slot] += Counts(fp=int(not is_null(party.get(slot))))
    return counts


def _agree(slot: str, gold: Any, pred: Any) -> bool:
    return not is_null(gold) and not is_null(pred) and _SAME[slot](str(gold), str(pred))


def _party_weight(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    names = gold.get("name"), pred.get("name")
    if not any(is_null(name) for name in names) and not nz.same_organisation(str(names[0]), str(names[1])):
        return 0.0
    return float(sum(_agree(slot, gold.get(slot), pred.get(slot)) for slot in PARTY_SLOTS))


def _slot_counts(slot: str, gold: Any, pred: Any) -> Counts:
    if _agree(slot, gold, pred):
        return Counts(tp=1)
    return Counts(fp=int(not is_null(pred)), fn=int(not is_null(gold)))


def total(counts: SlotCounts) -> Counts:
    """All slots added up."""
    result = Counts()
    for value in counts.values():
        result += value
    return result


def best_alternative(
    accepted: Sequence[Sequence[dict[str, Any]]],
    pred: Sequence[dict[str, Any]],
    counter: Callable[[Sequence[dict[str, Any]], Sequence[dict[str, Any]]], SlotCounts],
) -> SlotCounts:
    """The counts against the accepted gold list that the prediction fits best (F1, then matches)."""
    options = [counter(gold or [], pred) for gold in accepted]
    return max(options, key=lambda counts: (total(counts).f1, total(counts).tp, -total(counts).fp))

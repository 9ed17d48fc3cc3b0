"""Score predicted acts against gold acts: every field, proxies and parties, hallucinations, misses.

A field of a matched act is right when the prediction equals *any* accepted gold value (the
primary one or an ``alternatives`` entry) under the field's comparison (:mod:`.fields`). A gold
act with no predicted act has every field wrong; a predicted act with no gold act counts one
hallucination per non-null field. Overall accuracy is the micro-average over all fields of all
gold acts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.evaluate import sets
from pipeline.evaluate.align import MIN_SIMILARITY, Alignment, align
from pipeline.evaluate.fields import FIELDS, FieldSpec, is_null, same_scalar
from pipeline.evaluate.load import Acts, EvalAct
from pipeline.evaluate.normalize import OBJECT_THRESHOLD
from pipeline.evaluate.results import (
    Accuracy,
    ActCounts,
    DocumentScore,
    FieldScore,
    Miss,
    MissReason,
    PairInfo,
    Scores,
    SetScore,
)

log = logging.getLogger(__name__)

_COUNTERS = {"proxies": sets.proxy_counts, "convention_parties": sets.party_counts}


@dataclass(frozen=True)
class Outcome:
    """One field of one matched act: right or why not, and its set counts for list fields."""

    correct: bool
    reason: MissReason | None = None
    counts: sets.SlotCounts | None = None


def score_field(spec: FieldSpec, gold: EvalAct, pred: EvalAct, *, object_threshold: float) -> Outcome:
    """Compare one field of a matched pair of acts."""
    accepted = gold.accepted_values(spec.name)
    value = pred.values[spec.name]
    if spec.kind == "list":
        counts = sets.best_alternative(accepted, value, _COUNTERS[spec.name])
        correct = sets.total(counts).exact
    else:
        counts = None
        correct = any(same_scalar(spec, option, value, object_threshold=object_threshold) for option in accepted)
    return Outcome(correct, None if correct else _reason(accepted, value), counts)


def _reason(accepted: Sequence[Any], value: Any) -> MissReason:
    if all(is_null(option) for option in accepted):
        return "hallucinated"
    if is_null(value) and not any(is_null(option) for option in accepted):
        return "omitted"
    return "wrong"


def _empty_slots(name: str) -> sets.SlotCounts:
    return {"pair": sets.Counts()} if name == "proxies" else dict.fromkeys(sets.PARTY_SLOTS, sets.Counts())


def _list_counts(name: str, gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> sets.SlotCounts:
    return _COUNTERS[name](gold, pred)


class _Tally:
    """Mutable totals while scoring; turned into :class:`Scores` at the end."""

    def __init__(self) -> None:
        self.fields = {spec.name: FieldScore() for spec in FIELDS}
        self.lists = {name: _empty_slots(name) for name in _COUNTERS}
        self.misses: list[Miss] = []
        self.documents: list[DocumentScore] = []
        self.pairs: list[PairInfo] = []
        self.acts = ActCounts()

    def add_list(self, name: str, counts: sets.SlotCounts) -> None:
        for slot, value in counts.items():
            self.lists[name][slot] += value

    def miss(self, doc: str, gold: EvalAct | None, pred: EvalAct | None, name: str, reason: MissReason) -> None:
        self.misses.append(
            Miss(
                doc=doc,
                act_index=gold.act_index if gold else None,
                pred_index=pred.act_index if pred else None,
                field=name,
                reason=reason,
                gold=gold.values[name] if gold else None,
                predicted=pred.values[name] if pred else None,
            )
        )


def _score_pair(tally: _Tally, document: DocumentScore, gold: EvalAct, pred: EvalAct, threshold: float) -> None:
    for spec in FIELDS:
        outcome = score_field(spec, gold, pred, object_threshold=threshold)
        field_score = tally.fields[spec.name]
        field_score.total += 1
        document.total += 1
        if outcome.counts is not None:
            tally.add_list(spec.name, outcome.counts)
        if outcome.correct:
            field_score.correct += 1
            document.correct += 1
            continue
        reason = outcome.reason or "wrong"
        setattr(field_score, reason, getattr(field_score, reason) + 1)
        document.hallucinations += reason == "hallucinated"
        tally.miss(gold.doc, gold, pred, spec.name, reason)


def _score_missed(tally: _Tally, document: DocumentScore, gold: EvalAct) -> None:
    for spec in FIELDS:
        tally.fields[spec.name].total += 1
        tally.fields[spec.name].act_missed += 1
        document.total += 1
        if spec.kind == "list":
            tally.add_list(spec.name, _list_counts(spec.name, gold.values[spec.name], []))
        tally.miss(gold.doc, gold, None, spec.name, "act missed")


def _score_extra(tally: _Tally, document: DocumentScore, pred: EvalAct) -> None:
    for spec in FIELDS:
        value = pred.values[spec.name]
        if spec.kind == "list":
            tally.add_list(spec.name, _list_counts(spec.name, [], value))
        if is_null(value):
            continue
        tally.fields[spec.name].hallucinated += 1
        document.hallucinations += 1
        tally.miss(pred.doc, None, pred, spec.name, "extra act")


def _score_document(tally: _Tally, alignment: Alignment, threshold: float) -> None:
    gold_count = len(alignment.pairs) + len(alignment.missed)
    pred_count = len(alignment.pairs) + len(alignment.extra)
    document = DocumentScore(
        doc=alignment.doc, gold_acts=gold_count, predicted_acts=pred_count, matched=len(alignment.pairs)
    )
    for pair in alignment.pairs:
        tally.pairs.append(
            PairInfo(
                doc=alignment.doc,
                gold_index=pair.gold.act_index,
                pred_index=pair.pred.act_index,
                similarity=pair.similarity,
            )
        )
        _score_pair(tally, document, pair.gold, pair.pred, threshold)
    for gold in alignment.missed:
        _score_missed(tally, document, gold)
    for pred in alignment.extra:
        _score_extra(tally, document, pred)
    tally.documents.append(document)
    tally.acts.gold += gold_count
    tally.acts.predicted += pred_count
    tally.acts.matched += len(alignment.pairs)
    tally.acts.missed += len(alignment.missed)
    tally.acts.extra += len(alignment.extra)


def _set_score(counts: sets.Counts) -> SetScore:
    return SetScore.model_validate(counts.as_dict())


def evaluate(
    gold: Acts,
    pred: Acts,
    *,
    object_threshold: float = OBJECT_THRESHOLD,
    min_similarity: float = MIN_SIMILARITY,
) -> Scores:
    """Align and score ``pred`` against ``gold`` (both by document, from :mod:`.load`)."""
    tally = _Tally()
    for alignment in align(gold, pred, min_similarity=min_similarity):
        _score_document(tally, alignment, object_threshold)
    unscored = sorted(set(pred) - set(gold))
    if unscored:
        log.info("%d predicted document(s) have no gold and are not scored: %s", len(unscored), unscored)
    overall = Accuracy(
        correct=sum(f.correct for f in tally.fields.values()),
        total=sum(f.total for f in tally.fields.values()),
    )
    parties = tally.lists["convention_parties"]
    return Scores(
        acts=tally.acts,
        overall=overall,
        fields=tally.fields,
        hallucinations=sum(f.hallucinated for f in tally.fields.values()),
        proxies=_set_score(sets.total(tally.lists["proxies"])),
        parties=_set_score(sets.total(parties)),
        party_slots={slot: _set_score(counts) for slot, counts in parties.items()},
        documents=tally.documents,
        pairs=tally.pairs,
        misses=tally.misses,
        unscored_docs=unscored,
        settings={"object_threshold": object_threshold, "min_similarity": min_similarity},
    )

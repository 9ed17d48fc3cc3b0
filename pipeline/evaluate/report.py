"""Markdown tables of evaluation results (stdout of ``delib eval``, ``output/eval/report.md``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.evaluate.fields import FIELD_NAMES
from pipeline.evaluate.results import Miss, RenderingResult, Scores, SetScore
from pipeline.evaluate.targets import Check

_MAX_CELL = 90


def percent(value: float) -> str:
    """``0.9512`` → ``"95.1 %"``."""
    return f"{value * 100:.1f} %"


def cell(value: Any) -> str:
    """A value as a table cell: JSON for lists and objects, ``null``, truncated, pipes escaped."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 1] + "…"
    return text.replace("|", "\\|")


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A markdown table; numbers are right-aligned."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _set_row(name: str, score: SetScore) -> list[Any]:
    return [
        name,
        score.tp,
        score.fp,
        score.fn,
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
    ]


def headline(scores: Scores) -> str:
    """One line: overall accuracy, hallucinations, proxies and parties F1, acts."""
    acts = scores.acts
    return (
        f"**Overall field accuracy {percent(scores.overall.accuracy)}** "
        f"({scores.overall.correct}/{scores.overall.total}) · hallucinations {scores.hallucinations} · "
        f"proxies F1 {scores.proxies.f1:.3f} · parties F1 {scores.parties.f1:.3f} · "
        f"acts: {acts.gold} gold, {acts.predicted} predicted, {acts.matched} matched, "
        f"{acts.missed} missed, {acts.extra} extra"
    )


def field_table(scores: Scores) -> str:
    """Per-field accuracy with the kinds of errors."""
    header = ["field", "accuracy", "correct/total", "hallucinated", "omitted", "wrong", "act missed"]
    rows = []
    for name in FIELD_NAMES:
        score = scores.fields[name]
        rows.append(
            [
                name,
                percent(score.accuracy),
                f"{score.correct}/{score.total}",
                score.hallucinated,
                score.omitted,
                score.wrong,
                score.act_missed,
            ]
        )
    return table(header, rows)


def set_table(scores: Scores) -> str:
    """Proxies and convention parties: precision, recall, F1 (parties also per slot)."""
    rows = [
        _set_row("proxies (giver, holder)", scores.proxies),
        _set_row("parties (all slots)", scores.parties),
    ]
    rows += [_set_row(f"parties: {slot}", score) for slot, score in scores.party_slots.items()]
    return table(["set", "TP", "FP", "FN", "precision", "recall", "F1"], rows)


def document_table(scores: Scores) -> str:
    """Per-document accuracy and act counts."""
    rows = [
        [d.doc, d.gold_acts, d.predicted_acts, d.matched, percent(d.accuracy), d.hallucinations]
        for d in scores.documents
    ]
    return table(["doc", "gold acts", "predicted", "matched", "accuracy", "hallucinations"], rows)


def miss_rows(misses: Sequence[Miss]) -> list[list[Any]]:
    """One row per wrong field; a missed or extra act is one row, naming its object."""
    rows: list[list[Any]] = []
    seen_acts: set[tuple[str, str, int | None]] = set()
    for miss in misses:
        gold, pred = miss.gold, miss.predicted
        field = miss.field
        if miss.reason in ("act missed", "extra act"):
            key = (miss.doc, miss.reason, miss.act_index if miss.reason == "act missed" else miss.pred_index)
            if key in seen_acts:
                continue
            seen_acts.add(key)
            field = "(whole act)"
            gold, pred = _object_of(misses, key)
        rows.append([miss.doc, _index(miss.act_index), _index(miss.pred_index), field, miss.reason, gold, pred])
    return rows


def _object_of(misses: Sequence[Miss], key: tuple[str, str, int | None]) -> tuple[Any, Any]:
    doc, reason, index = key
    for miss in misses:
        own_index = miss.act_index if reason == "act missed" else miss.pred_index
        if (miss.doc, miss.reason, own_index, miss.field) == (doc, reason, index, "object"):
            return miss.gold, miss.predicted
    return None, None


def _index(value: int | None) -> str:
    return "—" if value is None else str(value)


def miss_table(scores: Scores) -> str:
    """Every miss: doc, gold act index, predicted act index, field, reason, gold and predicted values."""
    header = ["doc", "act", "pred", "field", "reason", "gold", "predicted"]
    return table(header, miss_rows(scores.misses))


def render(scores: Scores, *, title: str = "Evaluation", misses: bool = False) -> str:
    """The full markdown report of one evaluation."""
    parts = [
        f"## {title}",
        headline(scores),
        "### Per field",
        field_table(scores),
        "### Proxies and convention parties",
        set_table(scores),
        "### Per document",
        document_table(scores),
    ]
    if scores.unscored_docs:
        parts.append(f"Not scored (no gold): {', '.join(scores.unscored_docs)}")
    if misses:
        parts += ["### Misses", miss_table(scores) if scores.misses else "None."]
    return "\n\n".join(parts) + "\n"


def summary_table(results: Sequence[RenderingResult]) -> str:
    """Rendering × headline numbers (``make eval``)."""
    header = [
        "rendering",
        "files",
        "accuracy",
        "proxies F1",
        "parties F1",
        "hallucinations",
        "acts matched",
        "extra acts",
        "run (s)",
    ]
    rows = []
    for result in results:
        scores, acts = result.scores, result.scores.acts
        rows.append(
            [
                result.name,
                result.files,
                percent(scores.overall.accuracy),
                f"{scores.proxies.f1:.3f}",
                f"{scores.parties.f1:.3f}",
                scores.hallucinations,
                f"{acts.matched}/{acts.gold}",
                acts.extra,
                _run_cell(result),
            ]
        )
    return table(header, rows)


def _run_cell(result: RenderingResult) -> str:
    if result.exit_status is None:
        return "not run"
    return f"{result.seconds:g}" + (f" (exit {result.exit_status})" if result.exit_status else "")


def target_table(checks: Sequence[Check]) -> str:
    """Each target, its measured value and PASS/FAIL/SKIP."""
    rows = [[c.target.describe(), "—" if c.value is None else f"{c.value:.4f}", c.verdict] for c in checks]
    return table(["target", "measured", "verdict"], rows)


def field_matrix(results: Sequence[RenderingResult]) -> str:
    """Field × rendering accuracy."""
    rows = [[name, *(percent(r.scores.fields[name].accuracy) for r in results)] for name in FIELD_NAMES]
    rows.append(["**overall**", *(percent(r.scores.overall.accuracy) for r in results)])
    return table(["field", *(r.name for r in results)], rows)

"""Read gold files and a run's acts.jsonl into acts grouped by document."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, UsageError
from pipeline.evaluate.fields import FIELDS, flatten

log = logging.getLogger(__name__)

Acts = dict[str, list["EvalAct"]]


@dataclass(frozen=True)
class EvalAct:
    """One act to score: its flat field values and, for gold acts, every accepted value per field."""

    doc: str
    act_index: int
    values: dict[str, Any]
    accepted: dict[str, list[Any]] = field(default_factory=dict)

    def accepted_values(self, name: str) -> list[Any]:
        """The primary value then its alternatives (just the value for a prediction)."""
        return self.accepted.get(name, [self.values[name]])


def gold_act(record: dict[str, Any]) -> EvalAct:
    """A gold record with its ``alternatives`` merged into ``accepted``."""
    values = flatten(record)
    alternatives = record.get("alternatives") or {}
    accepted: dict[str, list[Any]] = {}
    for spec in FIELDS:
        extra = [value for key in spec.alternative_keys for value in alternatives.get(key, [])]
        accepted[spec.name] = [values[spec.name], *extra]
    return EvalAct(record["doc"], int(record["act_index"]), values, accepted)


def predicted_act(record: dict[str, Any], position: int) -> EvalAct:
    """A predicted record; ``position`` stands in for a missing ``act_index``."""
    return EvalAct(record["doc"], int(record.get("act_index", position)), flatten(record))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, each with a ``doc``; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise UsageError(f"{path}: no such file", remedy="check the --gold/--pred paths") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not valid JSON: {error}") from error
        if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
            raise InputError(f"{path}:{number}: expected a JSON object with a 'doc' key")
        yield record


def load_gold(paths: Sequence[Path]) -> Acts:
    """Gold acts of one or more files, by document, in ``act_index`` order."""
    acts: Acts = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for path in paths:
        for record in read_jsonl(path):
            try:
                act = gold_act(record)
            except (KeyError, TypeError, ValueError) as error:
                raise InputError(f"{path}: gold act of {record['doc']} lacks a valid act_index: {error}") from error
            key = (act.doc, act.act_index)
            if key in seen:
                raise InputError(f"{path}: gold act {act.doc}#{act.act_index} appears twice")
            seen.add(key)
            acts[act.doc].append(act)
    return _sorted(acts)


def prediction_path(path: Path) -> Path:
    """``DIR`` means ``DIR/acts.jsonl``."""
    return path / "acts.jsonl" if path.is_dir() else path


def load_predictions(path: Path) -> Acts:
    """Predicted acts of one acts.jsonl, by document, in ``act_index`` order."""
    acts: Acts = defaultdict(list)
    for record in read_jsonl(prediction_path(path)):
        try:
            act = predicted_act(record, len(acts[record["doc"]]))
        except (TypeError, ValueError) as error:
            raise InputError(f"{path}: act of {record['doc']} has an invalid act_index: {error}") from error
        acts[act.doc].append(act)
    log.info("%s: %d predicted act(s) in %d document(s)", path, sum(map(len, acts.values())), len(acts))
    return _sorted(acts)


def restrict(acts: Acts, docs: Iterable[str]) -> Acts:
    """Only the given documents (a gold subset, e.g. the seeds rendered as heavy scans)."""
    wanted = set(docs)
    return {doc: items for doc, items in acts.items() if doc in wanted}


def _sorted(acts: Acts) -> Acts:
    return {doc: sorted(items, key=lambda act: act.act_index) for doc, items in sorted(acts.items())}

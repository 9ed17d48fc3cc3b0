"""acts.jsonl and files.jsonl: the primary outputs, one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pipeline.records import ActRecord, DocumentResult
from pipeline.write.atomic import write_text


def act_json(act: ActRecord, result: DocumentResult) -> dict[str, Any]:
    """One line of acts.jsonl: exactly the DOMAIN §3 keys, then evidence, findings, source."""
    data = act.fields_json()
    data["evidence"] = {key: value.model_dump(mode="json") for key, value in act.evidence.items()}
    data["findings"] = [finding.model_dump(mode="json") for finding in act.findings]
    data["source"] = {"path": result.file.path, "sha256": result.file.sha256, "pages": result.file.pages}
    return data


def file_json(result: DocumentResult) -> dict[str, Any]:
    """One line of files.jsonl: the :class:`~pipeline.records.FileRow`, nothing more."""
    return result.file.model_dump(mode="json")


def jsonl_text(objects: Iterable[dict[str, Any]]) -> str:
    """JSON Lines, UTF-8 kept readable, one object per line, deterministic."""
    return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objects)


def write_acts_jsonl(path: Path, results: Sequence[DocumentResult]) -> int:
    """Write acts.jsonl atomically; return the number of acts."""
    lines = [act_json(act, result) for result in results for act in result.acts]
    write_text(path, jsonl_text(lines))
    return len(lines)


def write_files_jsonl(path: Path, results: Sequence[DocumentResult]) -> int:
    """Write files.jsonl atomically; return the number of files."""
    write_text(path, jsonl_text(file_json(result) for result in results))
    return len(results)

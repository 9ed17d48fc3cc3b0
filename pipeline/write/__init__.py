"""Write stage: the results of a run → the output folder. PROVISIONAL: JSON Lines only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.records import ActRecord, DocumentResult


def act_json(act: ActRecord, result: DocumentResult) -> dict[str, Any]:
    """One line of acts.jsonl: the DOMAIN §3 keys, then evidence, findings, source."""
    data = act.fields_json()
    data["evidence"] = {k: v.model_dump(mode="json") for k, v in act.evidence.items()}
    data["findings"] = [f.model_dump(mode="json") for f in act.findings]
    data["source"] = {"path": result.file.path, "sha256": result.file.sha256, "pages": result.file.pages}
    return data


def write_outputs(out_dir: Path, results: Sequence[DocumentResult]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "acts.jsonl").open("w", encoding="utf-8") as handle:
        for result in results:
            for act in result.acts:
                handle.write(json.dumps(act_json(act, result), ensure_ascii=False) + "\n")
    with (out_dir / "files.jsonl").open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result.file.model_dump(mode="json"), ensure_ascii=False) + "\n")

"""Flat rows of every table, built from the results of a run (pure functions).

One function per table; each returns plain dicts whose keys are the columns of
:mod:`pipeline.write.dictionary`, in order. The Parquet/CSV, DuckDB writers and
the JSON Lines fallback of :func:`pipeline.load.load` all use them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from pipeline.records import ActRecord, DocumentResult
from pipeline.write.dictionary import ACTS, FILES

Row = dict[str, Any]

#: ``DDD-`` at the start of an ACTES identifier: three digits, or 02A / 02B (Corsica).
_DEPARTMENT = re.compile(r"^(?P<ddd>\d{3}|02[AB])-")


def act_key(act: ActRecord, result: DocumentResult) -> str:
    """``<sha256[:16]>:<act_index>``: unique across the archive, stable across runs."""
    digest = result.file.sha256 or f"doc-{act.doc}"
    return f"{digest[:16]}:{act.act_index}"


def department_of(act_id: str | None) -> str | None:
    """The 3-character department of an ACTES identifier, or None."""
    match = _DEPARTMENT.match(act_id or "")
    return match["ddd"] if match else None


def iter_acts(results: Sequence[DocumentResult]) -> Iterator[tuple[str, ActRecord, DocumentResult]]:
    """Every act of the run with its key and its result, in the results' order."""
    for result in results:
        for act in result.acts:
            yield act_key(act, result), act, result


def act_row(act: ActRecord, result: DocumentResult) -> Row:
    """One row of the ``acts`` table."""
    severities = Counter(finding.severity for finding in act.findings)
    context = act.context
    values: Row = {
        "act_key": act_key(act, result),
        "path": result.file.path,
        "sha256": result.file.sha256,
        "vote_unanimous": act.vote.unanimous,
        "vote_for": act.vote.for_,
        "vote_against": act.vote.against,
        "vote_abstention": act.vote.abstention,
        "vote_outcome": act.vote.outcome,
        "department": department_of(act.prefecture_act_id),
        "publication_date": context.publication_date or context.display_date,
        "substitutes_count": context.substitutes_count,
        "population": context.population,
        "urgency": context.urgency,
        "second_convocation": context.second_convocation,
        "test_stamp": context.test_stamp,
        "template": context.template,
        "findings_error": severities["error"],
        "findings_warning": severities["warning"],
        "findings_info": severities["info"],
    }
    return {name: values[name] if name in values else getattr(act, name) for name in ACTS.names()}


def export_row(act: ActRecord, result: DocumentResult) -> Row:
    """One row of acts.csv / acts.parquet: the ``acts`` row plus proxies and parties as lists."""
    row = act_row(act, result)
    row["proxies"] = [proxy.model_dump() for proxy in act.proxies]
    row["convention_parties"] = [party.model_dump() for party in act.convention_parties]
    return row


def acts_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``acts`` table."""
    return [act_row(act, result) for _, act, result in iter_acts(results)]


def export_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of acts.csv / acts.parquet."""
    return [export_row(act, result) for _, act, result in iter_acts(results)]


def proxies_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``proxies`` table."""
    return [
        {"act_key": key, "position": i, "giver": p.giver, "holder": p.holder}
        for key, act, _ in iter_acts(results)
        for i, p in enumerate(act.proxies)
    ]


def members_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``members`` table (attendance lists, where extracted)."""
    return [
        {"act_key": key, "position": i, "name": m.name, "status": m.status, "replaces": m.replaces}
        for key, act, _ in iter_acts(results)
        for i, m in enumerate(act.context.members)
    ]


def parties_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``parties`` table."""
    return [
        {"act_key": key, "position": i, "name": p.name, "representative": p.representative, "role": p.role}
        for key, act, _ in iter_acts(results)
        for i, p in enumerate(act.convention_parties)
    ]


def findings_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``findings`` table."""
    return [
        {
            "act_key": key,
            "position": i,
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "fields": list(f.fields),
        }
        for key, act, _ in iter_acts(results)
        for i, f in enumerate(act.findings)
    ]


def files_rows(results: Sequence[DocumentResult]) -> list[Row]:
    """Rows of the ``files`` table: the FileRow of every result."""
    rows = [result.file.model_dump() for result in results]
    return [{name: row[name] for name in FILES.names()} for row in rows]


def json_text(value: Any) -> str:
    """Compact, deterministic JSON (UTF-8 kept readable) for CSV cells."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


#: Row builders by table name, in the order of :data:`pipeline.write.dictionary.TABLES`.
TABLE_ROWS = {
    "acts": acts_rows,
    "proxies": proxies_rows,
    "members": members_rows,
    "parties": parties_rows,
    "findings": findings_rows,
    "files": files_rows,
}

"""scdl.csv: the SCDL « Délibérations » 2.1.5 open-data export, one row per deliberation.

Mapping (models/scdl/README.md): COLL_NOM = collectivity name; COLL_SIRET from
the SIRET map (input path or SIREN → SIRET), else empty; DELIB_ID = the
deliberation number, else the act key ``<sha256[:16]>:<act_index>`` (stable:
the same file gives the same id); DELIB_DATE = session date, else the date of
the ACTES identifier (the decision date); DELIB_OBJET = object; PREF_ID =
"PREF" + the department of the ACTES identifier; PREF_DATE = prefecture
reception date; VOTE_EFFECTIF = members in office; VOTE_REEL = members voting;
VOTE_POUR / CONTRE / ABSTENTION = the vote counts. DELIB_MATIERE_CODE / NOM,
BUDGET_ANNEE / NOM and DELIB_URL stay empty.

The validator's cross-column checks are respected by leaving values empty
rather than writing inconsistent ones: the three vote counts when all four are
filled and do not add up to VOTE_REEL; PREF_DATE when it precedes DELIB_DATE;
PREF_ID and PREF_DATE for a test stamp ("Envoi simulé"). Acts that cannot
fill a required column (COLL_NOM, DELIB_DATE, DELIB_OBJET) and unfilled
templates are left out and listed in the run summary.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.config import MODELS_DIR
from pipeline.errors import ConfigError, UsageError
from pipeline.records import ActRecord, DocumentResult
from pipeline.write.atomic import write_text
from pipeline.write.rows import department_of, iter_acts

log = logging.getLogger(__name__)

SCHEMA_PATH = MODELS_DIR / "scdl" / "deliberations-2.1.5.schema.json"
#: Required columns that the record cannot state: allowed to stay empty.
UNKNOWABLE = ("COLL_SIRET", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM")
_ACTES_DATE = re.compile(r"^(?:\d{3}|02[AB])-\d{9}-(?P<date>\d{8})-")
_SIRET = re.compile(r"^\d{14}$")
_SIREN = re.compile(r"^\d{9}$")


@functools.cache
def schema() -> dict[str, Any]:
    """The SCDL 2.1.5 Table Schema (models/scdl/)."""
    try:
        return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the SCDL schema {SCHEMA_PATH}: {error}") from error


def columns() -> list[str]:
    """The 17 SCDL columns, in the schema's order."""
    return [field["name"] for field in schema()["fields"]]


def required_columns() -> list[str]:
    """The columns the schema marks required."""
    return [f["name"] for f in schema()["fields"] if f.get("constraints", {}).get("required")]


def actes_date(act_id: str | None) -> dt.date | None:
    """The decision date inside an ACTES identifier, if it is a real date."""
    match = _ACTES_DATE.match(act_id or "")
    if not match:
        return None
    try:
        return dt.datetime.strptime(match["date"], "%Y%m%d").date()
    except ValueError:
        return None


def vote_counts(act: ActRecord) -> tuple[int | None, int | None, int | None]:
    """POUR, CONTRE, ABSTENTION; all three None when all four columns are filled and disagree."""
    counts = (act.vote.for_, act.vote.against, act.vote.abstention)
    filled = [c for c in counts if c is not None]
    if act.members_voting is not None and len(filled) == 3 and sum(filled) != act.members_voting:
        return None, None, None
    return counts


def scdl_row(act: ActRecord, key: str, *, siret: str | None) -> dict[str, Any]:
    """The SCDL row of one deliberation (None for an empty cell)."""
    delib_date = act.session_date or actes_date(act.prefecture_act_id)
    department = None if act.context.test_stamp else department_of(act.prefecture_act_id)
    pref_date = None if act.context.test_stamp else act.prefecture_received_date
    if pref_date is not None and delib_date is not None and pref_date < delib_date:
        pref_date = None
    pour, contre, abstention = vote_counts(act)
    return {
        "COLL_NOM": act.collectivity_name,
        "COLL_SIRET": siret,
        "DELIB_ID": act.deliberation_number or key,
        "DELIB_DATE": delib_date,
        "DELIB_MATIERE_CODE": None,
        "DELIB_MATIERE_NOM": None,
        "DELIB_OBJET": act.object,
        "BUDGET_ANNEE": None,
        "BUDGET_NOM": None,
        "PREF_ID": f"PREF{department}" if department else None,
        "PREF_DATE": pref_date,
        "VOTE_EFFECTIF": act.members_in_office,
        "VOTE_REEL": act.members_voting,
        "VOTE_POUR": pour,
        "VOTE_CONTRE": contre,
        "VOTE_ABSTENTION": abstention,
        "DELIB_URL": None,
    }


def exclusion_reason(act: ActRecord, row: Mapping[str, Any]) -> str | None:
    """Why a deliberation cannot be exported, or None."""
    if act.context.template:
        return "unfilled template"
    missing = [c for c in required_columns() if c not in UNKNOWABLE and row.get(c) in (None, "")]
    return f"missing {', '.join(missing)}" if missing else None


def lookup_siret(siret_map: Mapping[str, str] | None, act: ActRecord, result: DocumentResult) -> str | None:
    """The SIRET for an act: by input path first, then by SIREN."""
    if not siret_map:
        return None
    return siret_map.get(result.file.path) or (siret_map.get(act.siren) if act.siren else None)


def build_rows(
    results: Sequence[DocumentResult], siret_map: Mapping[str, str] | None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """SCDL rows of every deliberation, and the acts left out with the reason."""
    rows, excluded = [], []
    for key, act, result in iter_acts(results):
        if act.document_kind != "deliberation":
            continue
        row = scdl_row(act, key, siret=lookup_siret(siret_map, act, result))
        reason = exclusion_reason(act, row)
        if reason:
            log.debug("%s act %d: not exported to SCDL (%s)", act.doc, act.act_index, reason)
            excluded.append({"act_key": key, "reason": reason})
        else:
            rows.append(row)
    if excluded:
        log.warning("SCDL: %d deliberation(s) left out (listed in summary.json, scdl_excluded)", len(excluded))
    return rows, excluded


def csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """The SCDL CSV (RFC 4180, CRLF line ends): header of the 17 columns, empty cells for nulls."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns())
    for row in rows:
        writer.writerow(["" if row[c] is None else str(row[c]) for c in columns()])
    return buffer.getvalue()


def write_scdl(
    path: Path, results: Sequence[DocumentResult], siret_map: Mapping[str, str] | None = None
) -> tuple[int, list[dict[str, str]]]:
    """Write scdl.csv atomically; return the rows written and the acts left out."""
    rows, excluded = build_rows(results, siret_map)
    write_text(path, csv_text(rows))
    return len(rows), excluded


def load_siret_map(path: Path) -> dict[str, str]:
    """Read a SIRET map: a CSV with columns ``key,siret``; key = a SIREN or an input file path
    (relative paths are taken from the current folder, as ``delib run`` takes its inputs).

    Example file::

        key,siret
        215902842,21590284200017
        archive/haveluy/2025-02-10.pdf,21590292500016
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the SIRET map {path}: {error}") from error
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"key", "siret"} <= set(reader.fieldnames):
        raise UsageError(f"{path}: the SIRET map needs a header line 'key,siret'")
    mapping: dict[str, str] = {}
    for line, record in enumerate(reader, start=2):
        key, siret = (record.get("key") or "").strip(), (record.get("siret") or "").strip()
        _check_siret_entry(path, line, key, siret)
        mapping[key if re.fullmatch(r"\d{9}", key) else os.path.abspath(key)] = siret
    return mapping


def _check_siret_entry(path: Path, line: int, key: str, siret: str) -> None:
    if not key or not _SIRET.match(siret):
        raise UsageError(f"{path} line {line}: expected a key and a 14-digit SIRET, got {key!r}, {siret!r}")
    if _SIREN.match(key) and not siret.startswith(key):
        raise UsageError(f"{path} line {line}: SIRET {siret} does not start with SIREN {key}")

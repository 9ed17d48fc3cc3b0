"""Notebook API: the output tables as pandas DataFrames.

    >>> from pipeline import load
    >>> tables = load("output")
    >>> tables["acts"].groupby("collectivity_name").size()

Reads ``deliberations.duckdb`` (read-only) when it exists, else rebuilds the
same tables from ``acts.jsonl`` and ``files.jsonl`` (the ``members`` table is
then empty and the context columns of ``acts`` null: acts.jsonl keeps only the
DOMAIN §3 keys). Column types are
those of the data dictionary: nullable integers (``Int32``), booleans
(``boolean``), strings (``string``), dates as ``datetime.date`` objects.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import UsageError
from pipeline.records import RECORD_KEYS, ActRecord, DocumentResult, FileRow

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# pandas, pyarrow, DuckDB and the writers are imported when a table is loaded, not with the package:
# ``import pipeline`` runs in every worker process of a run, which never loads tables.

log = logging.getLogger(__name__)


@functools.cache
def _pandas_types() -> dict[pa.DataType, Any]:
    import pandas as pd
    import pyarrow as pa

    return {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
        pa.float64(): pd.Float64Dtype(),
    }


def load(output_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables acts, proxies, members, parties, findings and files of an output folder.

    Example:
        load("output")["findings"].query("severity == 'error'")
    """
    from pipeline.write.database import DATABASE_NAME

    folder = Path(output_dir)
    database = folder / DATABASE_NAME
    tables = _from_database(database) if database.is_file() else _from_jsonl(folder)
    return {name: to_frame(table) for name, table in tables.items()}


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as a DataFrame with nullable pandas types."""
    return table.to_pandas(types_mapper=_pandas_types().get)


def _from_database(path: Path) -> dict[str, pa.Table]:
    import duckdb

    from pipeline.write.dictionary import TABLES

    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise UsageError(f"cannot open {path}: {error}") from error
    try:
        return {
            table.name: connection.sql(f"SELECT * FROM {table.name}").to_arrow_table().cast(table.arrow_schema())
            for table in TABLES
        }
    except duckdb.Error as error:
        raise UsageError(f"{path} is not a delib database: {error}") from error
    finally:
        connection.close()


def _from_jsonl(folder: Path) -> dict[str, pa.Table]:
    import pyarrow as pa

    from pipeline.write.dictionary import CONTEXT_COLUMNS, TABLES
    from pipeline.write.rows import TABLE_ROWS

    results = results_from_jsonl(folder)
    log.info("%s: no database, tables rebuilt from JSON Lines", folder)
    rows = {table.name: TABLE_ROWS[table.name](results) for table in TABLES}
    rows["acts"] = [row | dict.fromkeys(CONTEXT_COLUMNS) for row in rows["acts"]]
    return {table.name: pa.Table.from_pylist(rows[table.name], schema=table.arrow_schema()) for table in TABLES}


def results_from_jsonl(folder: Path) -> list[DocumentResult]:
    """Rebuild the results of a run from files.jsonl and acts.jsonl (attendance lists excepted)."""
    files = [FileRow.model_validate(line) for line in _read_jsonl(folder / "files.jsonl")]
    acts_by_sha: dict[tuple[str, str | None], list[ActRecord]] = {}
    for line in _read_jsonl(folder / "acts.jsonl"):
        record = {key: line[key] for key in RECORD_KEYS} | {
            "evidence": line.get("evidence", {}),
            "findings": line.get("findings", []),
        }
        source = line.get("source", {})
        acts_by_sha.setdefault((source.get("path"), source.get("sha256")), []).append(ActRecord.model_validate(record))
    return [DocumentResult(file=row, acts=acts_by_sha.get((row.path, row.sha256), [])) for row in files]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"no delib output in {path.parent}: {error}", remedy="run `delib run` first") from error
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise UsageError(f"{path} is not JSON Lines: {error}") from error

"""acts.parquet and acts.csv: one row per act, scalar columns (pandas / pyarrow)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import DocumentResult
from pipeline.write.atomic import atomic_path, write_text
from pipeline.write.dictionary import ACTS
from pipeline.write.rows import Row, export_rows, json_text

_PROXY = pa.struct([("giver", pa.string()), ("holder", pa.string())])
_PARTY = pa.struct([("name", pa.string()), ("representative", pa.string()), ("role", pa.string())])

#: Arrow schema of acts.parquet: the ``acts`` table, then proxies and parties as lists of structs.
EXPORT_SCHEMA = ACTS.arrow_schema().append(pa.field("proxies", pa.list_(_PROXY)))
EXPORT_SCHEMA = EXPORT_SCHEMA.append(pa.field("convention_parties", pa.list_(_PARTY)))

_PANDAS_TYPES = {"INTEGER": "Int64", "BOOLEAN": "boolean", "VARCHAR": "string", "DATE": "object"}


def export_table(rows: Sequence[Row]) -> pa.Table:
    """The acts as an Arrow table with explicit types (an all-null column keeps its type)."""
    return pa.Table.from_pylist(list(rows), schema=EXPORT_SCHEMA)


def csv_frame(rows: Sequence[Row]) -> pd.DataFrame:
    """The acts as a DataFrame for CSV: nullable integer/boolean columns, lists as JSON text."""
    columns = [*ACTS.names(), "proxies", "convention_parties"]
    flat = [
        {
            **row,
            "proxies": json_text(row["proxies"]),
            "convention_parties": json_text(row["convention_parties"]),
        }
        for row in rows
    ]
    frame = pd.DataFrame.from_records(flat, columns=columns)
    dtypes = {c.name: _PANDAS_TYPES[c.type] for c in ACTS.columns}
    return frame.astype({**dtypes, "proxies": "string", "convention_parties": "string"})


def csv_text(rows: Sequence[Row]) -> str:
    """acts.csv (RFC 4180): comma-separated, CRLF line ends, so that a lone CR inside a value is
    quoted too; empty cells for nulls, ISO dates."""
    return str(csv_frame(rows).to_csv(index=False, lineterminator="\r\n"))


def write_acts_tables(out_dir: Path, results: Sequence[DocumentResult]) -> None:
    """Write acts.parquet and acts.csv atomically."""
    rows = export_rows(results)
    table = export_table(rows)
    with atomic_path(out_dir / "acts.parquet") as temporary:
        pq.write_table(table, temporary)
    write_text(out_dir / "acts.csv", csv_text(rows))

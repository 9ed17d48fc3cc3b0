"""``delib query``: run SQL on the output database, read-only.

The connection is opened read-only with file access disabled, so a query can
neither change the database nor read or write other files; such statements are
refused with a clear message.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import io
import json
import sys
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.errors import UsageError

DEFAULT_DB = Path("output/deliberations.duckdb")
FORMATS = ("table", "csv", "json")
_READ_ONLY_HINTS = ("read-only mode", "file system operations are disabled", "configuration has been locked")


class QueryResult:
    """Column names and rows of a query."""

    def __init__(self, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.columns = columns
        self.rows = rows


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``delib query``."""
    parser.add_argument("sql", help="the SQL query (DuckDB dialect); tables: acts, proxies, members, ...")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database (default: {DEFAULT_DB})")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def run_query(db: Path, sql: str) -> QueryResult:
    """Run ``sql`` on a read-only connection to ``db``.

    Example:
        run_query(Path("output/deliberations.duckdb"), "SELECT count(*) FROM acts")
    """
    if not db.is_file():
        raise UsageError(f"no database at {db}", remedy="run `delib run INPUT --out DIR` first, or pass --db")
    try:
        connection = duckdb.connect(
            str(db), read_only=True, config={"enable_external_access": False, "lock_configuration": True}
        )
    except duckdb.Error as error:
        raise UsageError(f"cannot open {db}: {error}") from error
    try:
        return _execute(connection, sql)
    finally:
        connection.close()


def _execute(connection: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    try:
        cursor = connection.execute(sql)
        rows = cursor.fetchall() if cursor.description else []
    except duckdb.Error as error:
        raise UsageError(_explain(error)) from error
    columns = [column[0] for column in cursor.description or []]
    return QueryResult(columns, rows)


def _explain(error: duckdb.Error) -> str:
    text = str(error)
    if any(hint in text for hint in _READ_ONLY_HINTS):
        return (
            "delib query is read-only: it cannot change the database, read or write other files, "
            f"or change settings ({text.splitlines()[0]})"
        )
    return f"query failed: {text}"


def _cell(value: Any) -> Any:
    """A JSON/CSV-friendly cell: ISO dates, numbers as numbers, lists kept."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_cell(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _cell(v) for k, v in value.items()}
    return value


def to_csv(result: QueryResult) -> str:
    """The result as RFC 4180 CSV with a header line; lists as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        cells = [_cell(v) for v in row]
        writer.writerow([json.dumps(c, ensure_ascii=False) if isinstance(c, list | dict) else c for c in cells])
    return buffer.getvalue()


def to_json(result: QueryResult) -> str:
    """The result as a JSON array of objects (ISO dates)."""
    records = [dict(zip(result.columns, (_cell(v) for v in row), strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_table(result: QueryResult) -> Table:
    """A rich table; cells are plain text (a "[b]" in a name is not markup)."""
    table = Table(show_lines=False, header_style="bold")
    for column in result.columns:
        table.add_column(Text(column), overflow="fold")
    for row in result.rows:
        table.add_row(*(Text("" if v is None else str(_cell(v))) for v in row))
    table.caption = f"{len(result.rows)} row(s)"
    return table


def main(args: argparse.Namespace) -> int:
    """Run a read-only SQL query on the output database and print the result.

    Example:
        delib query "SELECT department, count(*) FROM acts GROUP BY ALL" --format csv
    """
    result = run_query(args.db, args.sql)
    if args.format == "table":
        Console().print(to_table(result))
    else:
        sys.stdout.write(render(result, args.format))
    return 0


def render(result: QueryResult, fmt: str, *, width: int = 160) -> str:
    """The result as text in ``fmt`` (table rendered without a terminal)."""
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(to_table(result))
    return buffer.getvalue()

"""deliberations.duckdb: rebuilt from scratch on every run into a temporary file, then renamed.

A killed run therefore leaves either the previous database or the new one,
never half of one. The schema and its comments come from
:mod:`pipeline.write.dictionary`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.errors import OutputError
from pipeline.records import DocumentResult
from pipeline.write.atomic import atomic_path
from pipeline.write.dictionary import TABLES, comment_statements, create_statements
from pipeline.write.rows import TABLE_ROWS

log = logging.getLogger(__name__)

DATABASE_NAME = "deliberations.duckdb"


def arrow_tables(results: Sequence[DocumentResult]) -> dict[str, pa.Table]:
    """Every table of the database as a typed Arrow table."""
    return {
        table.name: pa.Table.from_pylist(TABLE_ROWS[table.name](results), schema=table.arrow_schema())
        for table in TABLES
    }


def write_database(path: Path, results: Sequence[DocumentResult]) -> None:
    """Build the whole database in a temporary file and move it over ``path``."""
    tables = arrow_tables(results)
    with atomic_path(path) as temporary:
        _build(temporary, tables)
    log.info("%s: %d act(s) written", path, tables["acts"].num_rows)


def _build(path: Path, tables: dict[str, pa.Table]) -> None:
    try:
        connection = duckdb.connect(str(path))
    except duckdb.Error as error:
        raise OutputError(_reason(path, error)) from error
    try:
        _fill(connection, tables)
    except duckdb.Error as error:
        raise OutputError(_reason(path, error)) from error
    finally:
        connection.close()


def _reason(path: Path, error: duckdb.Error) -> str:
    text = str(error)
    if "No space left" in text:
        text = "the disk is full"
    elif "Permission denied" in text or "Read-only file system" in text:
        text = "the folder is not writable"
    return f"cannot write {path.parent / DATABASE_NAME}: {text}"


def _fill(connection: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    connection.execute("BEGIN TRANSACTION")
    for statement in create_statements():
        connection.execute(statement)
    for name, table in tables.items():
        connection.register(f"_{name}_rows", table)
        connection.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _{name}_rows")
        connection.unregister(f"_{name}_rows")
    for statement in comment_statements():
        connection.execute(statement)
    connection.execute("COMMIT")
    connection.execute("CHECKPOINT")

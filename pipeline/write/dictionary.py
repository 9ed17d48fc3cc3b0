"""The data dictionary: every table, view and column of the outputs, in one place.

The DuckDB schema (``CREATE TABLE``, ``COMMENT ON``), the Arrow schemas of the
Parquet file and of :func:`pipeline.load.load`, and the README tables are all
generated from :data:`TABLES` and :data:`VIEWS`, so the docs cannot drift from
the schema. Regenerate the README block with ``python -m pipeline.write``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class Column:
    """One column: name, DuckDB type, description (its comment and README line)."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Table:
    """One table: name, description, columns."""

    name: str
    description: str
    columns: tuple[Column, ...]

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema of the table (the same types as in DuckDB)."""
        return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    def names(self) -> list[str]:
        """Column names, in order."""
        return [column.name for column in self.columns]


@dataclass(frozen=True)
class View(Table):
    """One view: a table description plus the SQL that defines it."""

    sql: str = ""


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


ACT_KEY = _c("act_key", "VARCHAR", "Key of the act, unique across the archive: `<sha256[:16]>:<act_index>`")

ACTS = Table(
    "acts",
    "One row per act (DOMAIN §3 fields, vote flattened, counts of findings).",
    (
        ACT_KEY,
        _c("doc", "VARCHAR", "Input file name without extension (join key of the gold files)"),
        _c("act_index", "INTEGER", "0-based order of the act inside its file"),
        _c("path", "VARCHAR", "Path of the input file"),
        _c("sha256", "VARCHAR", "SHA-256 of the input file"),
        _c("document_kind", "VARCHAR", "deliberation, convention or other"),
        _c("collectivity_name", "VARCHAR", "Name of the collectivity as written (Hasnon, Communauté de …)"),
        _c("collectivity_kind", "VARCHAR", "commune, epci, departement, region, syndicat or other"),
        _c("body", "VARCHAR", "Deliberating body (conseil municipal, conseil communautaire…)"),
        _c("deliberation_number", "VARCHAR", "The body's own number of the deliberation"),
        _c("object", "VARCHAR", "Object (title) of the act"),
        _c("session_date", "DATE", "Date of the session"),
        _c("convocation_date", "DATE", "Date the members were convened"),
        _c("members_in_office", "INTEGER", "Members in office (en exercice)"),
        _c("members_present", "INTEGER", "Members present (EPCI substitutes included)"),
        _c("members_voting", "INTEGER", "Members voting (present + proxies)"),
        _c("proxies_count", "INTEGER", "Number of proxies (pouvoirs) as stated or listed"),
        _c("president", "VARCHAR", "President of the session"),
        _c("secretary", "VARCHAR", "Secretary of the session"),
        _c("vote_unanimous", "BOOLEAN", "Adopted unanimously (abstentions allowed)"),
        _c("vote_for", "INTEGER", "Votes for"),
        _c("vote_against", "INTEGER", "Votes against"),
        _c("vote_abstention", "INTEGER", "Abstentions"),
        _c("vote_outcome", "VARCHAR", "adopted or rejected"),
        _c("prefecture_act_id", "VARCHAR", "ACTES identifier DDD-SIREN-YYYYMMDD-NUMBER-NN"),
        _c("department", "VARCHAR", "Department of the ACTES identifier (059, 02A, 974), derived"),
        _c(
            "siren",
            "VARCHAR",
            "SIREN of the collectivity (9 digits): from the ACTES ID, else written in the letterhead "
            '("N° SIREN : …", the first 9 digits of a "SIRET") when its Luhn key holds',
        ),
        _c("prefecture_sent_date", "DATE", "Date sent to the prefecture"),
        _c("prefecture_received_date", "DATE", "Date received by the prefecture"),
        _c("publication_date", "DATE", "Date of publication or display (affichage)"),
        _c("substitutes_count", "INTEGER", "EPCI substitutes (suppléants) present"),
        _c("population", "INTEGER", "Population of the commune when stated"),
        _c("urgency", "BOOLEAN", "The session was convened in urgency"),
        _c("second_convocation", "BOOLEAN", "Second convocation (no quorum required)"),
        _c("test_stamp", "BOOLEAN", "The stamp is a test (Envoi simulé), not a transmission"),
        _c("template", "BOOLEAN", "Unfilled template (placeholders such as XXXXXX)"),
        _c("findings_error", "INTEGER", "Number of error findings on the act"),
        _c("findings_warning", "INTEGER", "Number of warning findings on the act"),
        _c("findings_info", "INTEGER", "Number of info findings on the act"),
    ),
)

PROXIES = Table(
    "proxies",
    "One row per proxy (pouvoir) of an act: the giver is represented by the holder.",
    (
        ACT_KEY,
        _c("position", "INTEGER", "0-based order in the act's list"),
        _c("giver", "VARCHAR", "Member who gave the proxy (absent)"),
        _c("holder", "VARCHAR", "Member who holds it (present)"),
    ),
)

MEMBERS = Table(
    "members",
    "One row per member named in the attendance lists, where lists were extracted.",
    (
        ACT_KEY,
        _c("position", "INTEGER", "0-based order in the act's list"),
        _c("name", "VARCHAR", "Member's name as written, civility removed"),
        _c("status", "VARCHAR", "present, absent, excused or substitute"),
        _c("replaces", "VARCHAR", "For a substitute: the member replaced"),
    ),
)

PARTIES = Table(
    "parties",
    "One row per party of a convention.",
    (
        ACT_KEY,
        _c("position", "INTEGER", "0-based order in the act's list"),
        _c("name", "VARCHAR", "Name of the party"),
        _c("representative", "VARCHAR", "Person representing it"),
        _c("role", "VARCHAR", "Role of the representative (Maire, Président…)"),
    ),
)

FINDINGS = Table(
    "findings",
    "One row per finding of the checks (DOMAIN §5).",
    (
        ACT_KEY,
        _c("position", "INTEGER", "0-based order in the act's findings"),
        _c("code", "VARCHAR", "Check code (QUORUM, PROXY_MAX, VOTE_SUM…)"),
        _c("severity", "VARCHAR", "error, warning or info"),
        _c("message", "VARCHAR", "What is wrong, with the values and the article"),
        _c("fields", "VARCHAR[]", "Fields of the act the finding is about"),
    ),
)

FILES = Table(
    "files",
    "One row per input file (files.jsonl).",
    (
        _c("path", "VARCHAR", "Path of the input file"),
        _c("sha256", "VARCHAR", "SHA-256 of the file (null if unreadable)"),
        _c("status", "VARCHAR", "ok, error or skipped"),
        _c("error", "VARCHAR", "What is wrong and what to do"),
        _c("error_code", "VARCHAR", "Short error code (corrupt, encrypted, timeout…)"),
        _c("media_type", "VARCHAR", "Media type of the file"),
        _c("pages", "INTEGER", "Pages read"),
        _c("ocr_pages", "INTEGER", "Pages read by OCR"),
        _c("acts", "INTEGER", "Acts found"),
        _c("seconds", "DOUBLE", "Processing time of the file"),
        _c("duplicate_of", "VARCHAR", "Path of the identical file processed instead"),
        _c("cached", "BOOLEAN", "Result reused from an earlier run"),
    ),
)

TABLES: tuple[Table, ...] = (ACTS, PROXIES, MEMBERS, PARTIES, FINDINGS, FILES)

#: Columns of ``acts`` that come from the act's context (attendance, stamp), not from a
#: DOMAIN §3 key: acts.jsonl does not carry them, so a reload from JSON Lines leaves them null.
CONTEXT_COLUMNS: tuple[str, ...] = (
    "publication_date",
    "substitutes_count",
    "population",
    "urgency",
    "second_convocation",
    "test_stamp",
    "template",
)

#: Columns of acts.csv / acts.parquet beyond those of the ``acts`` table.
EXPORT_EXTRA: tuple[Column, ...] = (
    _c("proxies", "VARCHAR", "The proxies as a JSON list of {giver, holder}"),
    _c("convention_parties", "VARCHAR", "The parties as a JSON list of {name, representative, role}"),
)

VIEWS: tuple[View, ...] = (
    View(
        "acts_with_errors",
        "Acts with at least one error finding, and the codes of those findings.",
        (
            ACT_KEY,
            _c("doc", "VARCHAR", "Input file name without extension"),
            _c("act_index", "INTEGER", "0-based order of the act inside its file"),
            _c("collectivity_name", "VARCHAR", "Name of the collectivity"),
            _c("session_date", "DATE", "Date of the session"),
            _c("object", "VARCHAR", "Object of the act"),
            _c("errors", "BIGINT", "Number of error findings"),
            _c("codes", "VARCHAR", "Codes of the error findings, comma-separated"),
        ),
        """
        SELECT a.act_key, a.doc, a.act_index, a.collectivity_name, a.session_date, a.object,
               e.errors, e.codes
        FROM acts a
        JOIN (SELECT act_key, count(*) AS errors, string_agg(DISTINCT code, ', ' ORDER BY code) AS codes
              FROM findings WHERE severity = 'error' GROUP BY act_key) e USING (act_key)
        ORDER BY a.doc, a.act_index
        """,
    ),
    View(
        "quorum_by_collectivity",
        "Per collectivity: acts, acts failing the quorum, mean presence ratio.",
        (
            _c("collectivity_name", "VARCHAR", "Name of the collectivity (null when unknown)"),
            _c("acts", "BIGINT", "Number of acts"),
            _c("acts_failing_quorum", "BIGINT", "Acts with an error finding QUORUM or QUORUM_COVID"),
            _c("mean_presence_ratio", "DOUBLE", "Mean of members_present / members_in_office"),
        ),
        """
        SELECT a.collectivity_name, count(*) AS acts,
               count(q.act_key) AS acts_failing_quorum,
               avg(a.members_present / nullif(a.members_in_office, 0)) AS mean_presence_ratio
        FROM acts a
        LEFT JOIN (SELECT DISTINCT act_key FROM findings
                   WHERE severity = 'error' AND code IN ('QUORUM', 'QUORUM_COVID')) q USING (act_key)
        GROUP BY a.collectivity_name
        ORDER BY a.collectivity_name NULLS LAST
        """,
    ),
    View(
        "proxy_holders_per_session",
        "Per session (collectivity, body, date) and holder: the distinct givers whose proxy they hold.",
        (
            _c("collectivity_name", "VARCHAR", "Name of the collectivity"),
            _c("body", "VARCHAR", "Deliberating body"),
            _c("session_date", "DATE", "Date of the session"),
            _c("holder", "VARCHAR", "Member holding proxies"),
            _c("proxies_held", "BIGINT", "Distinct givers (more than one is PROXY_MAX outside COVID windows)"),
            _c("givers", "VARCHAR", "The givers, comma-separated"),
        ),
        """
        SELECT a.collectivity_name, a.body, a.session_date, p.holder,
               count(DISTINCT p.giver) AS proxies_held,
               string_agg(DISTINCT p.giver, ', ' ORDER BY p.giver) AS givers
        FROM proxies p JOIN acts a USING (act_key)
        GROUP BY a.collectivity_name, a.body, a.session_date, p.holder
        ORDER BY a.collectivity_name, a.session_date, proxies_held DESC, p.holder
        """,
    ),
    View(
        "findings_by_code",
        "Findings counted by code and severity.",
        (
            _c("code", "VARCHAR", "Check code"),
            _c("severity", "VARCHAR", "error, warning or info"),
            _c("findings", "BIGINT", "Number of findings"),
            _c("acts", "BIGINT", "Number of distinct acts concerned"),
        ),
        """
        SELECT code, severity, count(*) AS findings, count(DISTINCT act_key) AS acts
        FROM findings GROUP BY code, severity ORDER BY code, severity
        """,
    ),
)


def create_statements() -> list[str]:
    """``CREATE TABLE`` / ``CREATE VIEW`` statements of the whole database."""
    statements = []
    for table in TABLES:
        columns = ", ".join(f"{c.name} {c.type}" for c in table.columns)
        statements.append(f"CREATE TABLE {table.name} ({columns})")
    statements.extend(f"CREATE VIEW {view.name} AS {view.sql.strip()}" for view in VIEWS)
    return statements


def comment_statements() -> list[str]:
    """``COMMENT ON`` statements for every table, view and column."""
    statements = []
    for relation in (*TABLES, *VIEWS):
        kind = "VIEW" if isinstance(relation, View) else "TABLE"
        statements.append(f"COMMENT ON {kind} {relation.name} IS {_quote(relation.description)}")
        statements.extend(
            f"COMMENT ON COLUMN {relation.name}.{c.name} IS {_quote(c.description)}" for c in relation.columns
        )
    return statements


def markdown() -> str:
    """The README documentation of every table and view (generated; do not edit by hand)."""
    parts = []
    for relation in (*TABLES, *VIEWS):
        kind = "view" if isinstance(relation, View) else "table"
        parts.append(f"#### `{relation.name}` ({kind})\n\n{relation.description}\n")
        parts.append("| column | type | description |\n|---|---|---|")
        parts.extend(f"| `{c.name}` | {c.type} | {c.description} |" for c in relation.columns)
        if relation is ACTS:
            parts.append("\n`acts.csv` and `acts.parquet` have the same columns, plus:\n")
            parts.append("| column | type | description |\n|---|---|---|")
            parts.extend(f"| `{c.name}` | JSON / list | {c.description} |" for c in EXPORT_EXTRA)
        parts.append("")
    return "\n".join(parts)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"

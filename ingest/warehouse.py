"""Writes raw tables and every audit.* table (quarantine, the load logs, dbt's runs) into the DuckDB warehouse.
No Dagster here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from data_contracts import Contract
from data_contracts.row_rules import ScreenedFeed
from ingest.landing import LandedFile

RAW_SCHEMA = "raw"  # one table per feed, as its contract typed and gated it: dbt's sources
_AUDIT_DDL = f"""
create schema if not exists {RAW_SCHEMA};
create schema if not exists audit;
create table if not exists audit.quarantine (
    feed varchar, source_file_sha256 varchar, source_line bigint,
    column_name varchar, raw_value varchar, reason varchar, raw_record varchar, quarantined_at timestamptz
);
create table if not exists audit.feed_loads (
    feed varchar, source_file_sha256 varchar, source varchar, landed_path varchar,
    rows_read bigint, rows_loaded bigint, rows_quarantined bigint,
    contract_passed boolean, contract_failures varchar[], loaded_at timestamptz
);
create table if not exists audit.dbt_runs (
    run_id varchar, finished_at timestamptz, failed varchar[], not_rebuilt varchar[]
);
alter table audit.quarantine add column if not exists raw_record varchar;  -- warehouses built before it
alter table audit.feed_loads add column if not exists retrieved_at timestamptz;  -- when the file was fetched
-- feeds loaded by month (ingest/hourly/): a quarantined row's month, and each month's loads
alter table audit.quarantine add column if not exists partition_key varchar;
create table if not exists audit.partition_loads (
    feed varchar, partition_key varchar, digest varchar, rows_read bigint, rows_loaded bigint,
    rows_quarantined bigint, contract_passed boolean, contract_failures varchar[], loaded_at timestamptz
);
"""
_FEED_LOAD_COLUMNS = (
    "feed, source_file_sha256, source, landed_path, rows_read, rows_loaded, rows_quarantined, contract_passed, "
    "contract_failures, loaded_at, retrieved_at"
)
_QUARANTINE_COLUMNS = "feed, source_file_sha256, source_line, column_name, raw_value, reason, raw_record, partition_key"


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path))


def ensure_audit(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_AUDIT_DDL)


def record_load(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    screened: ScreenedFeed,
    landed: LandedFile,
    failures: tuple[str, ...],
) -> None:
    """Publishes the screened rows only when the contract passed; quarantine and the load log always.

    One transaction: readers see the old table or the new one, never a half-written one.
    """
    con.execute(_AUDIT_DDL)
    con.execute("begin transaction")
    con.register("screened_rows", screened.rows.to_arrow())
    con.register("quarantined_rows", _audit_quarantine(screened.quarantine).to_arrow())
    if not failures:
        con.execute(f"create or replace table {RAW_SCHEMA}.{contract.feed} as select * from screened_rows")
    con.execute(
        "delete from audit.quarantine where feed = ? and source_file_sha256 = ?", [contract.feed, landed.sha256]
    )
    _insert_quarantine(con, "quarantined_rows")
    record_feed_load(
        con, contract.feed, landed, failures, screened.rows_read, screened.rows_loaded, screened.rows_quarantined
    )
    con.execute("commit")
    con.unregister("screened_rows")
    con.unregister("quarantined_rows")


def record_failed_load(con: duckdb.DuckDBPyConnection, feed: str, landed: LandedFile | None, error: str) -> None:
    """A file no row could be read from, or no file at all (the fetch failed: `landed` None): the attempt goes in
    the load log with its error; no table changes."""
    con.execute(_AUDIT_DDL)
    record_feed_load(con, feed, landed, [error])


def record_feed_load(
    con: duckdb.DuckDBPyConnection,
    feed: str,
    landed: LandedFile | None,
    failures: Sequence[str],
    rows_read: int | None = None,
    rows_loaded: int | None = None,
    rows_quarantined: int | None = None,
) -> None:
    """One audit.feed_loads row per load, whole file or run of months, failed or not: what dimensions.feed_state
    reads. The contract passed when nothing failed; a failed load has no counts."""
    con.execute(
        f"insert into audit.feed_loads ({_FEED_LOAD_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)",
        [
            feed,
            *((landed.sha256, landed.source, landed.path) if landed else (None, None, None)),
            rows_read,
            rows_loaded,
            rows_quarantined,
            not failures,
            list(failures),
            landed.fetched_at if landed else None,
        ],
    )


def _audit_quarantine(quarantine: pl.DataFrame, partition_column: str | None = None) -> pl.DataFrame:
    """Screened quarantine rows as audit.quarantine holds them, less their time; `partition_column` holds each
    row's month where the feed loads by month."""
    key = pl.col(partition_column) if partition_column else pl.lit(None, pl.String)
    return quarantine.with_columns(key.alias("partition_key")).select(_QUARANTINE_COLUMNS.split(", "))


def _insert_quarantine(con: duckdb.DuckDBPyConnection, table: str) -> None:
    con.execute(
        f"insert into audit.quarantine ({_QUARANTINE_COLUMNS}, quarantined_at) "
        f"select {_QUARANTINE_COLUMNS}, now() from {table}"
    )


# ---- feeds loaded by month (ingest/hourly/) -------------------------------------------------------------------


@dataclass(frozen=True)
class MonthLoad:
    """One month's load of a feed of many files: a row of audit.partition_loads."""

    month: str  # YYYY-MM-01
    digest: str | None  # None: the month has no rows
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    failures: tuple[str, ...]


def create_raw_table(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in contract.raw_table_schema)
    con.execute(f"create table if not exists {RAW_SCHEMA}.{contract.feed} ({columns})")


def last_good_digests(con: duckdb.DuckDBPyConnection, feed: str) -> dict[str, str]:
    """Each month's digest at its last load that passed its contract."""
    rows = con.execute(
        "select partition_key, arg_max(digest, loaded_at) from audit.partition_loads "
        "where feed = ? and contract_passed group by partition_key",
        [feed],
    ).fetchall()
    return {month: digest for month, digest in rows if digest is not None}  # None: loaded empty


def stage_batch(con: duckdb.DuckDBPyConnection, feed: str) -> None:
    """Temporary tables holding a batch's chunks until the batch is judged: DuckDB spills them to disk, so
    Python holds one chunk at a time."""
    con.execute(f"create or replace temp table batch_rows as from {RAW_SCHEMA}.{feed} limit 0")
    con.execute(
        f"create or replace temp table batch_quarantine as select {_QUARANTINE_COLUMNS} from audit.quarantine limit 0"
    )


def stage_chunk(con: duckdb.DuckDBPyConnection, screened: ScreenedFeed, partition_column: str) -> None:
    """A chunk's rows and quarantine into the batch's temporary tables (stage_batch)."""
    for table, frame in (
        ("batch_rows", screened.rows),
        ("batch_quarantine", _audit_quarantine(screened.quarantine, partition_column)),
    ):
        con.register("chunk", frame.to_arrow())
        con.execute(f"insert into {table} by name select * from chunk")
        con.unregister("chunk")


def staged_source_lines(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The source_line of every row the batch staged: what the row floor counts."""
    return con.execute("select source_line from batch_rows").pl()


def write_months(
    con: duckdb.DuckDBPyConnection, feed: str, months: list[str], passed: bool, loads: list[MonthLoad]
) -> None:
    """The staged batch replaces its months' rows (if it passed) and quarantine, and each month's load is logged.
    One transaction: readers of the raw table see each month's old rows or its new ones."""
    con.execute("begin transaction")
    if passed:
        con.execute(f"delete from {RAW_SCHEMA}.{feed} where month_start in (select unnest(?::date[]))", [months])
        con.execute(f"insert into {RAW_SCHEMA}.{feed} by name select * from batch_rows")
    con.execute("delete from audit.quarantine where feed = ? and partition_key in (select unnest(?))", [feed, months])
    _insert_quarantine(con, "batch_quarantine")
    con.executemany(
        "insert into audit.partition_loads values (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [
            [feed, m.month, m.digest, m.rows_read, m.rows_loaded, m.rows_quarantined, not m.failures, list(m.failures)]
            for m in loads
        ],
    )
    con.execute("commit")


def record_hourly_months(warehouse_path: Path, first: str, last: str) -> None:
    """audit.hourly_dbt_months: the months (YYYY-MM-01) the hourly dbt models rebuild next (macro hourly_months)."""
    with connect(warehouse_path) as con:
        con.execute("create schema if not exists audit")
        con.execute(
            "create or replace table audit.hourly_dbt_months as select ?::date as first_month, ?::date as last_month",
            [first, last],
        )


def record_dbt_run(warehouse_path: Path, run_id: str, failed: list[str], not_rebuilt: list[str]) -> None:
    """audit.dbt_runs: what dbt failed and did not rebuild in a run, which the publish reads to fail it."""
    with connect(warehouse_path) as con:
        con.execute(_AUDIT_DDL)
        con.execute("insert into audit.dbt_runs values (?, now(), ?, ?)", [run_id, failed, not_rebuilt])

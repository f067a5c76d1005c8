"""Writes raw tables, quarantine and the load log into the DuckDB warehouse. No Dagster here."""

from __future__ import annotations

from pathlib import Path

import duckdb

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
-- feeds loaded by month (ingest/hourly_load.py): a quarantined row's month, and each month's loads
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
    con.register("quarantined_rows", screened.quarantine.to_arrow())
    if not failures:
        con.execute(f"create or replace table {RAW_SCHEMA}.{contract.feed} as select * from screened_rows")
    con.execute(
        "delete from audit.quarantine where feed = ? and source_file_sha256 = ?", [contract.feed, landed.sha256]
    )
    con.execute(
        "insert into audit.quarantine (feed, source_file_sha256, source_line, column_name, raw_value, reason,"
        " raw_record, quarantined_at) select feed, source_file_sha256, source_line, column_name, raw_value, reason,"
        " raw_record, now() from quarantined_rows"
    )
    con.execute(
        f"insert into audit.feed_loads ({_FEED_LOAD_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)",
        [
            contract.feed,
            landed.sha256,
            landed.source,
            landed.path,
            screened.rows_read,
            screened.rows_loaded,
            screened.rows_quarantined,
            not failures,
            list(failures),
            landed.fetched_at,
        ],
    )
    con.execute("commit")
    con.unregister("screened_rows")
    con.unregister("quarantined_rows")


def record_failed_load(con: duckdb.DuckDBPyConnection, feed: str, landed: LandedFile | None, error: str) -> None:
    """A file no row could be read from, or no file at all (the fetch failed: `landed` None): the attempt goes in
    the load log with its error; no table changes."""
    con.execute(_AUDIT_DDL)
    con.execute(
        f"insert into audit.feed_loads ({_FEED_LOAD_COLUMNS}) values (?, ?, ?, ?, null, null, null, false, ?, now(), ?)",
        [
            feed,
            *((landed.sha256, landed.source, landed.path) if landed else (None, None, None)),
            [error],
            landed.fetched_at if landed else None,
        ],
    )


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

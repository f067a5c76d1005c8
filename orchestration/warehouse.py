"""Writes staged feeds, quarantine and the load log into the DuckDB warehouse. No Dagster here."""

from __future__ import annotations

from pathlib import Path

import duckdb

from data_contracts import Contract
from orchestration.landing import LandedFile
from transforms.staging import StagedFeed

_AUDIT_DDL = """
create schema if not exists staged;
create schema if not exists audit;
create table if not exists audit.quarantine (
    feed varchar, source_file_sha256 varchar, source_line bigint,
    column_name varchar, raw_value varchar, reason varchar, quarantined_at timestamptz
);
create table if not exists audit.feed_loads (
    feed varchar, source_file_sha256 varchar, source varchar, landed_path varchar,
    rows_read bigint, rows_loaded bigint, rows_quarantined bigint,
    contract_passed boolean, contract_failures varchar[], loaded_at timestamptz
);
"""


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path))


def record_load(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    staged: StagedFeed,
    landed: LandedFile,
    failures: tuple[str, ...],
) -> None:
    """Publishes the staged rows only when the contract passed; quarantine and the load log always.

    One transaction: readers see the old table or the new one, never a half-written one.
    """
    con.execute(_AUDIT_DDL)
    con.execute("begin transaction")
    con.register("staged_rows", staged.rows.to_arrow())
    con.register("quarantined_rows", staged.quarantine.to_arrow())
    if not failures:
        con.execute(f"create or replace table staged.{contract.table} as select * from staged_rows")
    con.execute(
        "delete from audit.quarantine where feed = ? and source_file_sha256 = ?", [contract.feed, landed.sha256]
    )
    con.execute("insert into audit.quarantine select *, now() from quarantined_rows")
    con.execute(
        "insert into audit.feed_loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [
            contract.feed, landed.sha256, landed.source, landed.path, staged.rows_read,
            staged.rows_loaded, staged.rows_quarantined, not failures, list(failures),
        ],
    )
    con.execute("commit")
    con.unregister("staged_rows")
    con.unregister("quarantined_rows")

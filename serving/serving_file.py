"""Publishes the serving file analysts read: marts and dimensions copied out of the warehouse. No Dagster here.

DuckDB allows one writer or many readers, never both, so analysts never open the build warehouse. They
open a separate file that is rebuilt beside itself and swapped in with one rename: a reader that opens
the path gets the previous complete file or the new complete file, never a half-written one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from serving.mart_state import DbtOutcome

MARTS_SCHEMA = "marts"
# serving name -> warehouse relation; dimensions are what analysts join the marts to
DIMENSIONS = {"country_codes": "staging.stg_datahub__country_codes"}
# Each feed's state from the load log, so an analyst sees what is stale: ok (its latest file loaded), stale
# (its latest file failed or could not be fetched; the table keeps the last good one), failed (no file ever
# loaded). The counts are the last good load's: what the marts are built from.
FEED_STATE_SQL = """
select
    feed,
    arg_max(source_file_sha256, loaded_at) filter (where contract_passed) as last_good_sha256,
    arg_max(retrieved_at, loaded_at) filter (where contract_passed) as last_good_retrieved_at,
    max(loaded_at) filter (where contract_passed) as last_good_loaded_at,
    arg_max(rows_read, loaded_at) filter (where contract_passed) as rows_read,
    arg_max(rows_loaded, loaded_at) filter (where contract_passed) as rows_loaded,
    arg_max(rows_quarantined, loaded_at) filter (where contract_passed) as rows_quarantined,
    max(loaded_at) as last_attempt_at,
    case
        when arg_max(contract_passed, loaded_at) then 'ok'
        when bool_or(contract_passed) then 'stale'
        else 'failed'
    end as state,
    case when not arg_max(contract_passed, loaded_at) then array_to_string(arg_max(contract_failures, loaded_at), '; ') end
        as error
from {warehouse}.audit.feed_loads
group by feed
order by feed
"""

# Each feed's latest load attempt, for the report's data health page: rows read, loaded and quarantined
# (null for a file that never reached the contract), whether it passed, and why not
FEED_LOADS_SQL = """
select
    feed,
    arg_max(source_file_sha256, loaded_at) as source_file_sha256,
    max(loaded_at) as loaded_at,
    arg_max(rows_read, loaded_at) as rows_read,
    arg_max(rows_loaded, loaded_at) as rows_loaded,
    arg_max(rows_quarantined, loaded_at) as rows_quarantined,
    arg_max(contract_passed, loaded_at) as contract_passed,
    array_to_string(arg_max(contract_failures, loaded_at), '; ') as contract_failures
from {warehouse}.audit.feed_loads
group by feed
order by feed
"""


class NothingToPublish(RuntimeError):
    """The warehouse has no mart yet (a first build whose feeds all failed): the previous serving file stays."""


@dataclass(frozen=True)
class PublishedFile:
    path: Path
    row_counts: dict[str, int]  # "schema.table" -> rows
    size_bytes: int
    published_at: datetime
    finished: object = None  # what `finish` returned (the release)


READ_ONLY_MODE = 0o444


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def publish_serving_file(
    warehouse_path: Path, serving_path: Path, finish: Callable[[duckdb.DuckDBPyConnection], object] | None = None
) -> PublishedFile:
    """Copies every table of schema `marts`, the DIMENSIONS and the feeds' state into a new file, lets `finish`
    add to it (the release: orchestration/publish.py), then renames it onto serving_path."""
    serving_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_copies(serving_path)
    # Same folder as the target: os.replace is an atomic rename only within one file system.
    temp_path = serving_path.with_name(f".{serving_path.name}.{uuid.uuid4().hex}.tmp")
    try:
        con = duckdb.connect(str(temp_path))
        try:
            _write_copy(con, warehouse_path)
            finished = finish(con) if finish else None
            row_counts = _row_counts(con)
            # everything into the file itself: no WAL may be left for a reader to need
            con.execute("checkpoint")
        finally:
            con.close()
        size_bytes = temp_path.stat().st_size
        # A stale WAL beside the target would be replayed onto the new file by the next reader.
        Path(f"{serving_path}.wal").unlink(missing_ok=True)
        # analysts read it; only the next publish replaces it (a rename, which the folder's permissions allow)
        temp_path.chmod(READ_ONLY_MODE)
        os.replace(temp_path, serving_path)
    finally:
        for leftover in (temp_path, Path(f"{temp_path}.wal")):
            leftover.unlink(missing_ok=True)
    return PublishedFile(serving_path, row_counts, size_bytes, datetime.now(UTC), finished)


def _remove_dead_copies(serving_path: Path) -> None:
    """Copies a killed publish left half-written. Publishes hold the writer pool, so none is being written now."""
    for dead in serving_path.parent.glob(f".{serving_path.name}.*.tmp*"):
        dead.unlink(missing_ok=True)


def _write_copy(con: duckdb.DuckDBPyConnection, warehouse_path: Path) -> None:
    # READ_ONLY: never take the warehouse's write lock; detached below so dbt can open it next run.
    # Attached under its own name (the file's stem): dbt's views name their catalog, as in "warehouse".raw.x
    wh = _quote(warehouse_path.stem)
    con.execute(f"attach {_sql_string(str(warehouse_path))} as {wh} (read_only)")
    marts = [
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = ? and table_schema = ? order by table_name",
            [warehouse_path.stem, MARTS_SCHEMA],
        ).fetchall()
    ]
    if not marts:
        raise NothingToPublish(
            f"no tables in schema {MARTS_SCHEMA} of {warehouse_path}: nothing to publish (no mart has built yet)"
        )
    copies = {f"{MARTS_SCHEMA}.{name}": f"{wh}.{MARTS_SCHEMA}.{_quote(name)}" for name in marts}
    copies |= {f"dimensions.{name}": f"{wh}.{source}" for name, source in DIMENSIONS.items()}
    con.execute(f"create schema {MARTS_SCHEMA}")
    con.execute("create schema dimensions")
    for target, source in copies.items():
        schema, table = target.split(".")
        # tables, not views: the serving file must not depend on the warehouse
        con.execute(f"create table {_quote(schema)}.{_quote(table)} as select * from {source}")
    con.execute(f"create table dimensions.feed_state as {FEED_STATE_SQL.format(warehouse=wh)}")
    # each feed's latest load attempt, for the report's data health page
    con.execute(f"create table dimensions.feed_loads as {FEED_LOADS_SQL.format(warehouse=wh)}")
    con.execute(f"detach {wh}")


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables order by table_schema, table_name"
    ).fetchall()
    return {f"{s}.{t}": con.execute(f"select count(*) from {_quote(s)}.{_quote(t)}").fetchone()[0] for s, t in tables}


def feeds_not_ok(serving_path: Path) -> list[tuple[str, str, str | None]]:
    """(feed, state, error) for every feed whose latest file did not load, as the published file says."""
    with duckdb.connect(str(serving_path), read_only=True) as con:
        return con.execute(
            "select feed, state, error from dimensions.feed_state where state <> 'ok' order by feed"
        ).fetchall()


def dbt_outcome(warehouse_path: Path, run_id: str) -> DbtOutcome:
    """What dbt failed and did not rebuild in a run, from audit.dbt_runs (empty when dbt did not run)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'audit' and table_name = 'dbt_runs'"
        ).fetchone()[0]
        rows = (
            con.execute("select failed, not_rebuilt from audit.dbt_runs where run_id = ?", [run_id]).fetchall()
            if exists
            else []
        )
    return DbtOutcome(tuple(n for r in rows for n in r[0] or []), tuple(n for r in rows for n in r[1] or []))


def dbt_problems(outcome: DbtOutcome) -> list[str]:
    """What dbt failed in a run, in words: the failing nodes and the models not rebuilt."""
    problems = []
    if outcome.failed:
        problems.append(f"dbt failed {', '.join(outcome.failed)}")
    if outcome.not_rebuilt:
        problems.append(
            f"{len(outcome.not_rebuilt)} model(s) not rebuilt, kept at their last version: {', '.join(outcome.not_rebuilt)}"
        )
    return problems

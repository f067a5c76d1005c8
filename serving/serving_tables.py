"""The tables a publish adds to the serving file beside the marts: each mart's state and the change report."""

from __future__ import annotations

import duckdb
import polars as pl

from serving.mart_state import mart_states
from serving.releases import Release


def _create_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("frame", frame.to_arrow())
    con.execute(f"create table {name} as select * from frame")
    con.unregister("frame")


def write_release_tables(con: duckdb.DuckDBPyConnection, release: Release) -> None:
    """The change report inside the serving file: release.summary, release.mart_changes, release.alerts."""
    con.execute("create schema release")
    summary = pl.DataFrame(
        [
            {
                "release_id": release.release_id,
                "since_release_id": release.since,
                "alert_count": len(release.alerts),
                "release_path": str(release.path),
            }
        ],
        schema={
            "release_id": pl.String,
            "since_release_id": pl.String,
            "alert_count": pl.Int64,
            "release_path": pl.String,
        },
    )
    changes = pl.DataFrame(
        [
            {
                "mart": m,
                **{k: c.get(k, 0) for k in ("rows_added", "rows_removed", "rows_changed")},
                "changed_columns": c.get("changed_columns", []),
            }
            for m, c in sorted(release.changes.items())
        ],
        schema={
            "mart": pl.String,
            "rows_added": pl.Int64,
            "rows_removed": pl.Int64,
            "rows_changed": pl.Int64,
            "changed_columns": pl.List(pl.String),
        },
    )
    alerts = pl.DataFrame(
        {"alert_number": range(1, len(release.alerts) + 1), "alert": release.alerts},
        schema={"alert_number": pl.Int64, "alert": pl.String},
    )
    for name, frame in (("summary", summary), ("mart_changes", changes), ("alerts", alerts)):
        _create_table(con, f"release.{name}", frame)


def write_mart_state_table(con: duckdb.DuckDBPyConnection, manifest: dict, outcome) -> None:
    feed_states = dict(con.execute("select feed, state from dimensions.feed_state").fetchall())
    frame = pl.DataFrame(
        mart_states(manifest, feed_states, outcome),
        schema={
            "mart": pl.String,
            "state": pl.String,
            "input_feeds": pl.List(pl.String),
            "stale_feeds": pl.List(pl.String),
            "failed_nodes": pl.List(pl.String),
            "note": pl.String,
        },
    )
    _create_table(con, "dimensions.mart_state", frame)

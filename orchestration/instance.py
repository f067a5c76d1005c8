"""The Dagster instance config the project writes to $DAGSTER_HOME/dagster.yaml (`make run`, `make ui`).

One pool, `duckdb_writer`, holds every step that writes the warehouse (raw feed tables and dbt): DuckDB allows
a single writer per file. Dagster's `concurrency.pools.default_limit` gives every pool without its own limit
(set in the UI or with `dagster instance concurrency set`) that many slots: 1, so writers queue.
No dagster import here: the Makefile runs `python -m orchestration.instance <dir>` before `dagster dev`.
"""

from __future__ import annotations

import sys
from pathlib import Path

INSTANCE_YAML = """\
# Written by Capacity Atlas (orchestration/instance.py). Edit freely: a non-empty file is left alone.
concurrency:
  pools:
    default_limit: 1  # duckdb_writer: one warehouse writer at a time, dbt included
"""


def sqlite_without_fsync() -> None:
    """Dagster's SQLite run and event storage stops waiting on the disk at every commit (PRAGMA
    synchronous=OFF): a build records about 1,000 events in about 3,000 commits, which cost 2-3 s on a
    quiet disk and 10-20 s on a busy one (measured). Only the run history is at risk, and only from an OS
    crash or power loss; the warehouse is DuckDB's and keeps its own durability. Called by `make run`."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _no_fsync(dbapi_connection, _record) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            dbapi_connection.execute("PRAGMA synchronous=OFF")


def write_instance_config(dagster_home: Path) -> Path:
    """Creates dagster.yaml with the pool limit, unless the file already has content of its own."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    path = dagster_home / "dagster.yaml"
    if not path.exists() or not path.read_text().strip():
        path.write_text(INSTANCE_YAML)
    return path


if __name__ == "__main__":
    print(write_instance_config(Path(sys.argv[1])))

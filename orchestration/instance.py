"""The Dagster instance config the project writes to $DAGSTER_HOME/dagster.yaml (`make run`, `make ui`).

One pool, `duckdb_writer`, holds every step that writes the warehouse (raw feed tables and dbt): DuckDB allows
a single writer per file. Dagster's `concurrency.pools.default_limit` gives every pool without its own limit
(set in the UI or with `dagster instance concurrency set`) that many slots: 1, so writers queue.
No dagster import here: the Makefile runs `python -m orchestration.instance <dir>` before `dagster dev`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.processes import process_alive

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


RUN_PID_TAG, RUN_HOST_TAG = "atlas/pid", "atlas/host"  # set on every run `make run` starts


def run_tags() -> dict[str, str]:
    """Who runs the build, so a later build can tell a run that died from one still going."""
    import os
    import socket

    return {RUN_PID_TAG: str(os.getpid()), RUN_HOST_TAG: socket.gethostname()}


def release_dead_runs(instance) -> list[str]:
    """Runs `make run` started on this machine whose process is gone (killed with SIGKILL, a crash) keep their
    `duckdb_writer` slot in the instance storage, and every later build would wait for it forever: free it
    and mark the run failed, saying why. Returns the runs released."""
    import socket

    from dagster import DagsterRunStatus, RunsFilter

    live = [DagsterRunStatus.STARTING, DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]
    released = []
    for run in instance.get_runs(filters=RunsFilter(statuses=live, tags={RUN_HOST_TAG: socket.gethostname()})):
        pid = int(run.tags.get(RUN_PID_TAG, "0"))
        if pid and not process_alive(pid):
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            instance.report_run_failed(
                run, f"its process {pid} ended before the run did (killed?): the run's pool slots were freed"
            )
            released.append(run.run_id)
    return released


def slot_holders(instance) -> list[str]:
    """The live runs holding the `duckdb_writer` slot, in words: what a new build will wait for."""
    from orchestration.keys import DUCKDB_WRITER_POOL

    holders = []
    for run_id in sorted(instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).active_run_ids):
        run = instance.get_run_by_id(run_id)
        pid = run.tags.get(RUN_PID_TAG, "?") if run else "?"
        holders.append(f"run {run_id} (pid {pid}, {run.status.value.lower() if run else 'unknown'})")
    return holders


def write_instance_config(dagster_home: Path) -> Path:
    """Creates dagster.yaml with the pool limit, unless the file already has content of its own."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    path = dagster_home / "dagster.yaml"
    if not path.exists() or not path.read_text().strip():
        path.write_text(INSTANCE_YAML)
    return path


if __name__ == "__main__":
    print(write_instance_config(Path(sys.argv[1])))

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


def write_instance_config(dagster_home: Path) -> Path:
    """Creates dagster.yaml with the pool limit, unless the file already has content of its own."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    path = dagster_home / "dagster.yaml"
    if not path.exists() or not path.read_text().strip():
        path.write_text(INSTANCE_YAML)
    return path


if __name__ == "__main__":
    print(write_instance_config(Path(sys.argv[1])))

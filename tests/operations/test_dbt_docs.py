"""`make docs`: dbt's documentation site generates from a built warehouse, its catalog holding every mart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from data_contracts.paths import DBT_PROJECT_DIR
from tests.helpers.dbt_parse import parse_environment


def test_dbt_docs_generate_writes_a_catalog_of_the_marts(built, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built.warehouse, warehouse)  # dbt opens it read-write: never the shared build's own file
    target = tmp_path / "docs"  # never dbt_project/target, whose manifest the builds read
    dbt = Path(sys.executable).parent / "dbt"
    result = subprocess.run(
        [
            str(dbt),
            "docs",
            "generate",
            "--quiet",
            "--profiles-dir",
            ".",
            "--project-dir",
            ".",
            "--target-path",
            str(target),
            "--vars",
            json.dumps({"atlas_warehouse": str(warehouse)}),
        ],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, **parse_environment({"atlas_warehouse": str(warehouse)}, tmp_path / "dbt")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    marts = {m for (m,) in built.query("select table_name from information_schema.tables where table_schema = 'marts'")}
    documented = {
        node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "marts"
    }
    assert marts and marts <= documented
    assert (target / "index.html").is_file()

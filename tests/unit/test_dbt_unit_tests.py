"""dbt's unit tests (the rules an analyst would question: reconciliation, phase split, slippage, haircut ...)
in the fast tier: every model built empty over raw tables laid out by the contracts, then `dbt test` on the
unit tests alone. Real dbt on real DuckDB; no feed data is needed, so no warehouse is built."""

from __future__ import annotations

import json

import duckdb

from data_contracts.contract import all_feed_names, load_contract
from orchestration.dbt_assets import dbt_project, dbt_resource


def _empty_raw_tables(warehouse) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw")
        for feed in all_feed_names():
            columns = load_contract(feed).raw_table_schema
            con.execute(f"create table raw.{feed} ({', '.join(f'{n} {t}' for n, t in columns)})")


def test_every_dbt_unit_test_passes(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _empty_raw_tables(warehouse)
    project = dbt_project()
    dbt = dbt_resource(project)
    dbt_vars = json.dumps({"atlas_warehouse": str(warehouse)})
    target = tmp_path / "target"
    # one dbt call: the models and seeds built empty, each model's unit tests before it
    args = ["build", "--empty", "--vars", dbt_vars]
    for resource_type in ("model", "seed", "unit_test"):
        args += ["--resource-type", resource_type]
    dbt.cli(args, target_path=target, raise_on_error=False).wait()
    results = json.loads((target / "run_results.json").read_text())["results"]
    unit_tests = [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert [r["unique_id"] for r in results if r["status"] not in ("pass", "success")] == []
    assert len(unit_tests) >= 16  # every unit test in the project's .yml files ran

"""dbt's unit tests (the rules an analyst would question: reconciliation, phase split, slippage, haircut ...)
in the fast tier: every model built empty over raw tables laid out by the contracts, then `dbt test` on the
unit tests alone. Real dbt on real DuckDB; no feed data is needed, so no warehouse is built."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from data_contracts.contract import all_feed_names, load_contract
from orchestration.dbt_assets import dbt_project, dbt_resource
from tests.helpers.dbt_parse import reusing_the_session_parse


def _empty_raw_tables(warehouse) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw")
        for feed in all_feed_names():
            columns = load_contract(feed).raw_table_schema
            con.execute(f"create table raw.{feed} ({', '.join(f'{n} {t}' for n, t in columns)})")


@pytest.fixture(scope="module")
def unit_tests_run(tmp_path_factory) -> Path:
    """One dbt call: the models, seeds and snapshot built empty, each model's unit tests before it. Its target."""
    tmp_path = tmp_path_factory.mktemp("dbt_unit_tests")
    warehouse = tmp_path / "warehouse.duckdb"
    _empty_raw_tables(warehouse)
    project = dbt_project()
    dbt_vars = {"atlas_warehouse": str(warehouse)}
    target = tmp_path / "target"
    args = ["build", "--empty", "--vars", json.dumps(dbt_vars)]
    for resource_type in ("model", "seed", "unit_test"):
        args += ["--resource-type", resource_type]
    with reusing_the_session_parse(dbt_vars, tmp_path / "parse"):
        dbt_resource(project).cli(args, target_path=target, raise_on_error=False).wait()
    return target


def test_every_dbt_unit_test_passes(unit_tests_run):
    results = json.loads((unit_tests_run / "run_results.json").read_text())["results"]
    unit_tests = [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert [r["unique_id"] for r in results if r["status"] not in ("pass", "success")] == []
    assert len(unit_tests) >= 16  # every unit test in the project's .yml files ran


def test_dbt_reused_the_sessions_parse_of_the_project(unit_tests_run):
    """The suite's own speed: each test's dbt call skips parsing the project (tests/helpers/dbt_parse.py). If this
    fails, dbt changed how it checks a saved parse: every dbt call of the suite parses in full again (13 s each)."""
    events = [json.loads(line) for line in (unit_tests_run / "dbt.log").read_text(encoding="utf-8").splitlines()]
    assert "PartialParsingSkipParsing" in {e["info"]["name"] for e in events}

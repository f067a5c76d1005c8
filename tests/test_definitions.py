"""The code location loads the way `make ui` loads it, with every asset and check in place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from orchestration.definitions import defs
from orchestration.settings import REPO_ROOT


def test_definitions_load_with_every_layer():
    definitions = defs()
    dg.Definitions.validate_loadable(definitions)
    keys = {key.to_user_string() for key in definitions.resolve_all_asset_keys()}
    for feed, table in [
        ("ember_country_overview_yearly", "ember__country_overview_yearly"),
        ("ai_dc_projects", "atlas__ai_dc_projects"),
        ("dc_cost_per_watt", "atlas__dc_cost_per_watt"),
        ("fx_rates_annual", "datahub__fx_rates_annual"),
        ("fx_rates_monthly", "datahub__fx_rates_monthly"),
        ("cpi_inflation", "worldbank__cpi_inflation"),
        ("population", "worldbank__population"),
        ("iea_dc_electricity", "iea__dc_electricity"),
        ("epoch_data_centers", "epoch__data_centers"),
        ("epoch_data_center_timelines", "epoch__data_center_timelines"),
        ("epoch_gpu_clusters", "epoch__gpu_clusters"),
    ]:
        assert {f"landing/{feed}", f"staged/{table}", f"staging/stg_{table}"} <= keys
    assert {"marts/mart_country_capacity", "intermediate/int_usd_deflator_chained"} <= keys
    check_keys = {(k.asset_key.to_user_string(), k.name) for k in definitions.resolve_asset_graph().asset_check_keys}
    assert ("staged/ember__country_overview_yearly", "contract") in check_keys
    assert ("marts/mart_country_capacity", "assert_capacity_statuses_add_up") in check_keys


def test_dagster_cli_loads_the_code_location_without_errors(tmp_path):
    """What `dagster dev` does first; a failure here is an empty graph in the UI."""
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-m", "orchestration.definitions"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation successful" in result.stdout + result.stderr

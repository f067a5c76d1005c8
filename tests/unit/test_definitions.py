"""The code location loads with every asset and check in place (in this process; in the CLI's own, as `make ui`
loads it: tests/operations/test_code_location.py)."""

from __future__ import annotations

import dagster as dg

from data_contracts.feeds import all_feeds
from orchestration.definitions import defs


def test_definitions_load_with_every_layer():
    definitions = defs()
    dg.Definitions.validate_loadable(definitions)
    keys = {key.to_user_string() for key in definitions.resolve_all_asset_keys()}
    # each feed is one spelling in every layer; a staging model exists only where it derives something
    plain = {
        "atlas__country_names",
        "ember__country_overview_yearly",
        "worldbank__cpi_inflation",
        "worldbank__population",
        "iea__dc_electricity",
    }
    for feed in all_feeds():
        assert {f"landing/{feed.name}", f"raw/{feed.name}"} <= keys
        assert (f"staging/stg_{feed.name}" in keys) == (feed.name not in plain), feed.name
    assert {"marts/mart_country_capacity", "intermediate/int_usd_deflator_chained"} <= keys
    check_keys = {(k.asset_key.to_user_string(), k.name) for k in definitions.resolve_asset_graph().asset_check_keys}
    assert ("raw/ember__country_overview_yearly", "contract") in check_keys
    assert ("marts/mart_country_capacity", "assert_capacity_statuses_add_up") in check_keys


def test_downloads_retry_in_one_layer_only():
    # http_fetch retries what may heal; a step retry on top multiplied the waits of an offline machine
    landing_steps = [a for a in defs().assets if any(key.path[0] == "landing" for key in a.keys)]
    assert len(landing_steps) == len(all_feeds())
    assert {step.op.retry_policy for step in landing_steps} == {None}


def test_a_refresh_of_one_feed_runs_what_reads_it_and_the_publish():
    """`python -m orchestration.run --feeds ember__country_overview_yearly`: Ember's table and its readers."""
    from orchestration.run import feeds_and_downstream

    assert [key.to_user_string() for key in feeds_and_downstream(defs(), ["ember__country_overview_yearly"])] == [
        "intermediate/int_country_electricity_latest_selected",
        "landing/ember__country_overview_yearly",
        "marts/mart_country_energy",
        "marts/mart_country_scorecard",
        "marts/mart_dc_electricity_vs_iea",
        "raw/ember__country_overview_yearly",
        "serving/atlas_duckdb",
        "serving/build_status",
        "serving/report",
    ]


def test_an_unknown_feed_is_refused_naming_it_and_the_feeds_there_are(capsys):
    import pytest

    from orchestration.run import _arguments

    for argv in (["--feeds", "ember__country_overview"], ["--feeds", "ember__price_monthly", "--hourly"]):
        with pytest.raises(SystemExit) as stopped:
            _arguments(argv)
        assert stopped.value.code == 2
    first, second = capsys.readouterr().err.split("usage:")[1:]
    assert "no feed 'ember__country_overview' (no data_contracts/ember__country_overview.yml)" in first
    assert "'ember__country_overview_yearly'" in first
    assert "--feeds and --hourly: choose one" in second

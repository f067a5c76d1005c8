"""Operations: groups, owners, kinds, the writer pool, schedules, the mirror sensor, freshness. Real Dagster."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from data_contracts.feeds import all_feeds
from data_contracts.paths import REFERENCE_DATA, REPO_ROOT
from orchestration.automation import MIRROR_SENSOR, family_job_name
from orchestration.cadence import FAMILY_CADENCE
from orchestration.definitions import build_definitions
from orchestration.instance import write_instance_config
from orchestration.keys import DUCKDB_WRITER_POOL, OWNER
from orchestration.resources import AtlasResource

MIRRORED = {  # feed -> file in the mirror; dc_cost_index is curated, so not these
    "ember__price_monthly": "ember/api_price_monthly.csv",
    "worldbank__population": "population/population.csv",
}


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return build_definitions()


@pytest.fixture(scope="module")
def graph(definitions):
    return definitions.resolve_asset_graph()


def _keys(graph, prefix: str) -> set[str]:
    return {k.to_user_string() for k in graph.get_all_asset_keys() if k.path[0] == prefix}


def _is_dbt(graph, key: dg.AssetKey) -> bool:
    return "dbt" in graph.get(key).kinds


def test_every_asset_has_an_owner_a_description_kinds_and_a_group(graph):
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        name = key.to_user_string()
        assert node.owners == [OWNER], name
        assert node.description and node.description.strip(), name
        assert node.kinds, name
        assert node.group_name and node.group_name != "default", name
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"energy_landing", "energy_raw", "cost_landing", "reference_raw", "construction_raw"} <= groups
    assert {"staging", "intermediate", "marts", "seeds"} <= groups
    raw = graph.get(dg.AssetKey(["raw", "ember__price_monthly"]))
    assert raw.group_name == "energy_raw"
    assert {"polars", "duckdb", "great_expectations"} <= raw.kinds
    assert {"dbt", "duckdb"} <= graph.get(dg.AssetKey(["marts", "mart_country_energy"])).kinds


def test_every_duckdb_writer_is_in_the_one_pool(graph):
    writers = [k for k in graph.get_all_asset_keys() if k.path[0] == "raw" or _is_dbt(graph, k)]
    assert len(writers) > 40
    for key in writers:
        assert graph.get(key).pools == {DUCKDB_WRITER_POOL}, key.to_user_string()
    for key in graph.get_all_asset_keys():
        if key.path[0] == "landing":  # landing writes files, not the warehouse: no slot needed
            assert not graph.get(key).pools


def test_the_instance_config_limits_the_pool_to_one_writer(tmp_path):
    path = write_instance_config(tmp_path)
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    try:
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
    finally:
        instance.dispose()
    path.write_text("# mine\n")  # a file of the user's own is left alone
    write_instance_config(tmp_path)
    assert path.read_text() == "# mine\n"


def test_the_makefile_writes_the_same_instance_config():
    makefile = (REPO_ROOT / "Makefile").read_text()
    ui_target = makefile.split("\nui:", 1)[1].split("\n\n", 1)[0]
    assert "python -m orchestration.instance $(DAGSTER_HOME)" in ui_target


@pytest.mark.parametrize(
    ("family", "schedule", "cron"),
    [
        ("energy", "energy_daily", "0 5 * * *"),
        ("construction", "construction_weekly", "0 5 * * 1"),
        ("cost", "cost_monthly", "0 5 1 * *"),
        ("reference", "reference_monthly", "0 4 1 * *"),
    ],
)
def test_a_schedule_per_family(definitions, family, schedule, cron):
    definition = definitions.resolve_schedule_def(schedule)
    assert definition.cron_schedule == cron
    assert definition.execution_timezone == "UTC"
    assert definition.job_name == family_job_name(family)
    selected = {
        k.to_user_string() for k in definitions.resolve_job_def(definition.job_name).asset_layer.selected_asset_keys
    }
    for feed in all_feeds():
        # the family's own feed assets, no other family's
        assert (f"landing/{feed.name}" in selected) == (feed.family == family), feed.name
    assert {k for k in selected if k.startswith("raw/")} and all(
        k.split("/")[0] in {"landing", "raw", "staging", "snapshots", "intermediate", "marts", "serving"}
        for k in selected
    )


def test_the_energy_job_reaches_its_marts_and_only_them(definitions):
    selected = {
        k.to_user_string() for k in definitions.resolve_job_def("energy_refresh").asset_layer.selected_asset_keys
    }
    assert {"landing/ember__price_monthly", "raw/ember__price_monthly", "marts/mart_country_energy"} <= selected
    assert "landing/atlas__dc_project_reports" not in selected
    assert "marts/mart_market_cost" not in selected  # not downstream of any energy feed
    construction = {
        k.to_user_string() for k in definitions.resolve_job_def("construction_refresh").asset_layer.selected_asset_keys
    }
    assert {
        "landing/atlas__dc_project_reports",
        "intermediate/int_project_reports_sequenced",
        "marts/mart_project_pipeline",
    } <= construction


def test_every_raw_feed_table_has_a_freshness_policy_matching_its_cadence(graph):
    for feed in all_feeds():
        raw = [
            k
            for k in graph.get_all_asset_keys()
            if k.path[0] == "raw" and f"landing/{feed.name}" in {p.to_user_string() for p in graph.get(k).parent_keys}
        ]
        assert len(raw) == 1, feed.name
        policy = graph.get(raw[0]).freshness_policy
        assert isinstance(policy, dg.FreshnessPolicy), feed.name
        assert policy.fail_window.to_timedelta() == FAMILY_CADENCE[feed.family].fail_window
        assert policy.warn_window.to_timedelta() == FAMILY_CADENCE[feed.family].warn_window


# --- the mirror sensor, on a real directory --------------------------------------------------------


def _evaluate(mirror: Path | None, cursor: str | None):
    atlas = AtlasResource(mirror=str(mirror) if mirror else None)
    definitions = build_definitions(atlas)
    sensor = definitions.resolve_sensor_def(MIRROR_SENSOR)
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(
            cursor=cursor, instance=instance, definitions=definitions, resources={"atlas": atlas}
        )
        return sensor.evaluate_tick(context)


def _feed_assets(request: dg.RunRequest) -> set[str]:
    return {k.to_user_string() for k in request.asset_selection if k.path[0] in {"landing", "raw"}}


def test_the_sensor_runs_the_feeds_whose_mirror_file_changed(tmp_path):
    mirror = tmp_path / "mirror"
    for relative in MIRRORED.values():
        (mirror / relative).parent.mkdir(parents=True)
        shutil.copy(REFERENCE_DATA / relative, mirror / relative)

    first = _evaluate(mirror, None)
    assert len(first.run_requests) == 1
    assert _feed_assets(first.run_requests[0]) == {
        "landing/ember__price_monthly",
        "raw/ember__price_monthly",
        "landing/worldbank__population",
        "raw/worldbank__population",
    }
    downstream = {k.to_user_string() for k in first.run_requests[0].asset_selection}
    assert {"marts/mart_country_energy", "marts/mart_country_scorecard"} <= downstream
    assert set(json.loads(first.cursor)) == set(MIRRORED)

    second = _evaluate(mirror, first.cursor)
    assert second.run_requests == [] and second.skip_message

    # touched but unchanged: no run
    os.utime(mirror / MIRRORED["worldbank__population"], ns=(1, 1))
    assert _evaluate(mirror, second.cursor).run_requests == []

    target = mirror / MIRRORED["ember__price_monthly"]
    target.write_bytes(target.read_bytes() + b"\n")
    third = _evaluate(mirror, second.cursor)
    assert len(third.run_requests) == 1
    assert _feed_assets(third.run_requests[0]) == {"landing/ember__price_monthly", "raw/ember__price_monthly"}
    assert third.run_requests[0].tags["atlas/changed_feeds"] == "ember__price_monthly"
    assert (
        json.loads(third.cursor)["ember__price_monthly"]["sha256"]
        != json.loads(second.cursor)["ember__price_monthly"]["sha256"]
    )


def test_the_sensor_skips_without_a_mirror(monkeypatch):
    monkeypatch.delenv("ATLAS_MIRROR", raising=False)
    result = _evaluate(None, None)
    assert result.run_requests == [] and "ATLAS_MIRROR" in result.skip_message

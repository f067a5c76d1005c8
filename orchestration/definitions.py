"""Assembles the Capacity Atlas code location. Lazy: nothing is built until Dagster (or a test) asks."""

from __future__ import annotations

import dagster as dg

from data_contracts.feeds import all_feeds
from orchestration.automation import family_schedules, mirror_sensor
from orchestration.dbt_assets import build_dbt_assets, build_hourly_dbt_assets, dbt_project, dbt_resource
from orchestration.feed_assets import build_feed_assets
from orchestration.keys import REPORT_KEY, group_name
from orchestration.publish import build_publish_asset, build_status_asset
from orchestration.report_site import build_report_asset
from orchestration.resources import AtlasResource

FULL_BUILD_JOB = "atlas_full_build"
HOURLY_LOAD_JOB = "hourly_load"  # the hourly feeds to their staging models, no mart: `make run` --hourly, benchmarks


def build_definitions(atlas: AtlasResource | None = None) -> dg.Definitions:
    """`atlas` pins ATLAS_HOME / ATLAS_MIRROR (tests); by default they are read when a run starts."""
    project = dbt_project()
    feed_assets = [asset for feed in all_feeds() for asset in build_feed_assets(feed)]
    dbt_models, hourly_models = build_dbt_assets(project), build_hourly_dbt_assets(project)
    hourly_load = dg.AssetSelection.groups(
        group_name("hourly", "landing"), group_name("hourly", "raw")
    ) | dg.AssetSelection.assets(hourly_models)
    return dg.Definitions(
        assets=[
            *feed_assets,
            hourly_models,
            dbt_models,
            build_publish_asset(dbt_models),
            build_report_asset(),
            build_status_asset(after=[REPORT_KEY]),  # the verdict once the report shows what is stale
        ],
        jobs=[
            dg.define_asset_job(FULL_BUILD_JOB, selection=dg.AssetSelection.all()),
            dg.define_asset_job(HOURLY_LOAD_JOB, selection=hourly_load),
        ],
        schedules=family_schedules(),  # each brings its family's job: orchestration/automation.py
        sensors=[mirror_sensor(FULL_BUILD_JOB)],
        resources={"atlas": atlas or AtlasResource(), "dbt": dbt_resource(project)},
        # Steps share one DuckDB file that allows a single writer: a process per step buys nothing.
        executor=dg.in_process_executor,
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions()

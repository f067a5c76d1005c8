"""The serving file as an asset, republished after every dbt run with what built and each mart's state; each
publish is a release with its change report. A last asset, serving/build_status, fails the run if a feed or a
dbt test failed, after everything that could be published was. Logic in serving/serving_file.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import dagster as dg
import duckdb

from orchestration.dbt_assets import dbt_project
from orchestration.keys import (
    BUILD_STATUS_KEY,
    COUNTRY_DIMENSION_KEY,
    DUCKDB_WRITER_POOL,
    OWNER,
    SERVING_GROUP,
    SERVING_KEY,
)
from orchestration.resources import AtlasResource
from serving.release_files import CHANGES_MD
from serving.releases import Release, describe_changes, input_files, write_release
from serving.serving_file import NothingToPublish, dbt_outcome, dbt_problems, feeds_not_ok, publish_serving_file
from serving.serving_tables import write_mart_state_table, write_release_tables


def build_publish_asset(dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """Depends on every mart of `dbt_models`. A feed that did not load or a dbt test that failed (its downstream
    models keep their last version) does not stop the publish: the marts say so (dimensions.mart_state)."""
    marts = sorted((key for key in dbt_models.keys if key.path[0] == "marts"), key=lambda key: key.path)

    @dg.asset(
        key=SERVING_KEY,
        deps=[*marts, COUNTRY_DIMENSION_KEY],
        group_name=SERVING_GROUP,
        kinds={"duckdb"},
        owners=[OWNER],
        pool=DUCKDB_WRITER_POOL,  # it attaches the warehouse: never beside a writer
        description=(
            "$ATLAS_HOME/serving/atlas.duckdb: the marts (schema marts), the country dimension, each feed's and "
            "mart's state (dimensions.feed_state, dimensions.mart_state) and the change report (schema release), "
            "for analysts to open read-only while the warehouse builds. Written beside the old file and swapped in "
            "with one atomic rename. Each publish is also a release: $ATLAS_HOME/releases/<id>/ with the marts as "
            "Parquet and CSV, datapackage.json, state.json and the change report (changes.json, changes.md)."
        ),
    )
    def serving_atlas_duckdb(context, atlas: AtlasResource) -> dg.MaterializeResult:
        settings = atlas.settings()
        manifest = json.loads(
            dbt_project().manifest_path.read_text(encoding="utf-8")
        )  # read once: docs, grains, lineage
        outcome = dbt_outcome(settings.warehouse_path, context.run.run_id)
        inputs, built_at = input_files(settings.warehouse_path), datetime.now(UTC)

        def finish(con: duckdb.DuckDBPyConnection) -> Release:
            write_mart_state_table(con, manifest, outcome)
            release = write_release(con, settings.releases_dir, manifest, inputs, built_at, keep=settings.keep_releases)
            write_release_tables(con, release)
            return release

        try:
            published = publish_serving_file(settings.warehouse_path, settings.serving_path, finish)
        except NothingToPublish as err:
            raise dg.Failure(description=str(err), allow_retries=False) from None
        release: Release = published.finished
        context.log.info(f"release {release.release_id}: {describe_changes(release.changes)}")
        return dg.MaterializeResult(
            metadata={
                "release_id": release.release_id,
                "release_path": dg.MetadataValue.path(str(release.path)),
                "changes_since_previous_release": dg.MetadataValue.json(release.changes),
                "change_report": dg.MetadataValue.md((release.path / CHANGES_MD).read_text(encoding="utf-8")),
                "alert_count": len(release.alerts),
                "path": dg.MetadataValue.path(str(published.path)),
                "tables": dg.MetadataValue.json(published.row_counts),
                "table_count": len(published.row_counts),
                "total_rows": sum(published.row_counts.values()),
                "size_bytes": published.size_bytes,
                "published_at": dg.MetadataValue.timestamp(published.published_at),
            }
        )

    return serving_atlas_duckdb


def build_status_asset(after: list[dg.AssetKey]) -> dg.AssetsDefinition:
    """The run's verdict, once everything that could be published was: it fails, naming each feed that did not
    load and each dbt failure, so a schedule or cron job alerts; green when every feed and model is fresh."""

    @dg.asset(
        key=BUILD_STATUS_KEY,
        deps=[SERVING_KEY, *after],
        group_name=SERVING_GROUP,
        kinds={"python"},
        owners=[OWNER],
        description=(
            "Fails the run when a feed's latest file did not load (dimensions.feed_state) or a dbt test or model "
            "failed in it (audit.dbt_runs), after the serving file and the release were published for the rest."
        ),
    )
    def build_status(context, atlas: AtlasResource) -> dg.MaterializeResult:
        settings = atlas.settings()
        problems = [f"{feed} is {state}: {error}" for feed, state, error in feeds_not_ok(settings.serving_path)]
        problems += dbt_problems(dbt_outcome(settings.warehouse_path, context.run.run_id))
        if problems:
            raise dg.Failure(
                description="published the rest, but: " + "; ".join(problems),
                metadata={"problems": dg.MetadataValue.json(problems)},
                allow_retries=False,
            )
        return dg.MaterializeResult(metadata={"problems": dg.MetadataValue.json([])})

    return build_status

"""The serving file as an asset, republished after every dbt run with what built and each mart's state; each
publish is a release with its change report. A last asset, serving/build_status, fails the run if a feed or a
dbt test failed, after everything that could be published was. Logic in orchestration/serving.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import dagster as dg
import duckdb
import polars as pl

from orchestration.cadence import DUCKDB_WRITER_POOL, OWNER
from orchestration.dbt_assets import dbt_project
from orchestration.mart_state import mart_states
from orchestration.releases import Release, describe_changes, input_files, write_release
from orchestration.resources import AtlasResource
from orchestration.serving import NothingToPublish, dbt_outcome, dbt_problems, feeds_not_ok, publish_serving_file

SERVING_KEY = dg.AssetKey(["serving", "atlas_duckdb"])
BUILD_STATUS_KEY = dg.AssetKey(["serving", "build_status"])
COUNTRY_DIMENSION_KEY = dg.AssetKey(["staging", "stg_datahub__country_codes"])


def _create_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("frame", frame.to_arrow())
    con.execute(f"create table {name} as select * from frame")
    con.unregister("frame")


def _release_tables(con: duckdb.DuckDBPyConnection, release: Release) -> None:
    """The change report inside the serving file: release.summary, release.mart_changes, release.alerts."""
    con.execute("create schema release")
    summary = pl.DataFrame([{"release_id": release.release_id, "since_release_id": release.since,
                             "alert_count": len(release.alerts), "release_path": str(release.path)}],
                           schema={"release_id": pl.String, "since_release_id": pl.String,
                                   "alert_count": pl.Int64, "release_path": pl.String})
    changes = pl.DataFrame(
        [{"mart": m, **{k: c.get(k, 0) for k in ("rows_added", "rows_removed", "rows_changed")},
          "changed_columns": c.get("changed_columns", [])} for m, c in sorted(release.changes.items())],
        schema={"mart": pl.String, "rows_added": pl.Int64, "rows_removed": pl.Int64, "rows_changed": pl.Int64,
                "changed_columns": pl.List(pl.String)},
    )
    alerts = pl.DataFrame({"alert_number": range(1, len(release.alerts) + 1), "alert": release.alerts},
                          schema={"alert_number": pl.Int64, "alert": pl.String})
    for name, frame in (("summary", summary), ("mart_changes", changes), ("alerts", alerts)):
        _create_table(con, f"release.{name}", frame)


def _mart_state_table(con: duckdb.DuckDBPyConnection, manifest: dict, outcome) -> None:
    feed_states = dict(con.execute("select feed, state from dimensions.feed_state").fetchall())
    frame = pl.DataFrame(mart_states(manifest, feed_states, outcome), schema={
        "mart": pl.String, "state": pl.String, "input_feeds": pl.List(pl.String), "stale_feeds": pl.List(pl.String),
        "failed_nodes": pl.List(pl.String), "note": pl.String,
    })
    _create_table(con, "dimensions.mart_state", frame)


def build_publish_asset(dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """Depends on every mart of `dbt_models`. A feed that did not load or a dbt test that failed (its downstream
    models keep their last version) does not stop the publish: the marts say so (dimensions.mart_state)."""
    marts = sorted((key for key in dbt_models.keys if key.path[0] == "marts"), key=lambda key: key.path)

    @dg.asset(
        key=SERVING_KEY,
        deps=[*marts, COUNTRY_DIMENSION_KEY],
        group_name="serving",
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
        manifest = json.loads(dbt_project().manifest_path.read_text(encoding="utf-8"))  # read once: docs, grains, lineage
        outcome = dbt_outcome(settings.warehouse_path, context.run.run_id)
        inputs, built_at = input_files(settings.warehouse_path), datetime.now(UTC)

        def finish(con: duckdb.DuckDBPyConnection) -> Release:
            _mart_state_table(con, manifest, outcome)
            release = write_release(con, settings.releases_dir, manifest, inputs, built_at, keep=settings.keep_releases)
            _release_tables(con, release)
            return release

        try:
            published = publish_serving_file(settings.warehouse_path, settings.serving_path, finish)
        except NothingToPublish as err:
            raise dg.Failure(description=str(err), allow_retries=False) from None
        release: Release = published.finished
        context.log.info(f"release {release.release_id}: {describe_changes(release.changes)}")
        return dg.MaterializeResult(metadata={
            "release_id": release.release_id,
            "release_path": dg.MetadataValue.path(str(release.path)),
            "changes_since_previous_release": dg.MetadataValue.json(release.changes),
            "change_report": dg.MetadataValue.md((release.path / "changes.md").read_text(encoding="utf-8")),
            "alert_count": len(release.alerts),
            "path": dg.MetadataValue.path(str(published.path)),
            "tables": dg.MetadataValue.json(published.row_counts),
            "table_count": len(published.row_counts),
            "total_rows": sum(published.row_counts.values()),
            "size_bytes": published.size_bytes,
            "published_at": dg.MetadataValue.timestamp(published.published_at),
        })

    return serving_atlas_duckdb


def build_status_asset(after: list[dg.AssetKey]) -> dg.AssetsDefinition:
    """The run's verdict, once everything that could be published was: it fails, naming each feed that did not
    load and each dbt failure, so a schedule or cron job alerts; green when every feed and model is fresh."""

    @dg.asset(
        key=BUILD_STATUS_KEY,
        deps=[SERVING_KEY, *after],
        group_name="serving",
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
                metadata={"problems": dg.MetadataValue.json(problems)}, allow_retries=False,
            )
        return dg.MaterializeResult(metadata={"problems": dg.MetadataValue.json([])})

    return build_status

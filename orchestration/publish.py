"""The serving file as an asset: republished after every dbt run, with what built; it fails the run afterwards if a
feed or a dbt test failed. Logic in orchestration/serving.py."""

from __future__ import annotations

import dagster as dg

from orchestration.cadence import DUCKDB_WRITER_POOL, OWNER
from orchestration.dbt_assets import dbt_project
from orchestration.releases import describe_changes, input_files, write_release
from orchestration.resources import AtlasResource
from orchestration.serving import dbt_problems, feeds_not_ok, publish_serving_file

SERVING_KEY = dg.AssetKey(["serving", "atlas_duckdb"])
COUNTRY_DIMENSION_KEY = dg.AssetKey(["staging", "stg_datahub__country_codes"])


def build_publish_asset(dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """Depends on every mart of `dbt_models`. A feed that did not load (stale in dimensions.feed_state) or a dbt
    test that failed (its downstream models keep their last version) does not stop the publish: it fails the
    step after it, naming what failed."""
    marts = sorted((key for key in dbt_models.keys if key.path[0] == "marts"), key=lambda key: key.path)

    @dg.asset(
        key=SERVING_KEY,
        deps=[*marts, COUNTRY_DIMENSION_KEY],
        group_name="serving",
        kinds={"duckdb"},
        owners=[OWNER],
        pool=DUCKDB_WRITER_POOL,  # it attaches the warehouse: never beside a writer
        description=(
            "$ATLAS_HOME/serving/atlas.duckdb: the marts (schema marts) and the country dimension "
            "(dimensions.country_codes) as tables, for analysts to open read-only while the warehouse builds. "
            "Written beside the old file and swapped in with one atomic rename. Each publish is also a release: "
            "$ATLAS_HOME/releases/<id>/ with the marts as Parquet and CSV, datapackage.json, and the change report "
            "(changes.json, changes.md: rows added, removed and changed per mart, and alerts)."
        ),
    )
    def serving_atlas_duckdb(context, atlas: AtlasResource) -> dg.MaterializeResult:
        settings = atlas.settings()
        published = publish_serving_file(settings.warehouse_path, settings.serving_path)
        release = write_release(
            settings.serving_path, settings.releases_dir, dbt_project().manifest_path,
            input_files(settings.warehouse_path), published.published_at, keep=settings.keep_releases,
        )
        context.log.info(f"release {release.release_id}: {describe_changes(release.changes)}")
        metadata = {
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
        }
        problems = [f"{feed} is {state}: {error}" for feed, state, error in feeds_not_ok(settings.serving_path)]
        problems += dbt_problems(settings.warehouse_path, context.run.run_id)
        if problems:
            # published for everything else; the run still fails, so a schedule or cron job alerts
            raise dg.Failure(
                description=f"published release {release.release_id}, but: " + "; ".join(problems),
                metadata=metadata, allow_retries=False,
            )
        return dg.MaterializeResult(metadata=metadata)

    return serving_atlas_duckdb

"""The serving file as an asset: republished after the marts pass their dbt tests. Logic in orchestration/serving.py."""

from __future__ import annotations

import dagster as dg

from orchestration.cadence import DUCKDB_WRITER_POOL, OWNER
from orchestration.resources import AtlasResource
from orchestration.serving import publish_serving_file

SERVING_KEY = dg.AssetKey(["serving", "atlas_duckdb"])
COUNTRY_DIMENSION_KEY = dg.AssetKey(["staging", "stg_datahub__country_codes"])


def build_publish_asset(dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """Depends on every mart of `dbt_models`: a failed dbt test fails the dbt step, so nothing is published."""
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
            "Written beside the old file and swapped in with one atomic rename."
        ),
    )
    def serving_atlas_duckdb(atlas: AtlasResource) -> dg.MaterializeResult:
        settings = atlas.settings()
        published = publish_serving_file(settings.warehouse_path, settings.serving_path)
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(published.path)),
                "tables": dg.MetadataValue.json(published.row_counts),
                "table_count": len(published.row_counts),
                "total_rows": sum(published.row_counts.values()),
                "size_bytes": published.size_bytes,
                "published_at": dg.MetadataValue.timestamp(published.published_at),
            }
        )

    return serving_atlas_duckdb

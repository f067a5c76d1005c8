"""Every asset key, check name, group, owner and pool of the project, in one module that imports no other of its own.

Feed assets: landing/<feed> and raw/<feed> (the key dagster-dbt gives source('raw', '<feed>')), in the groups
<family>_landing and <family>_raw; dbt's models are keyed [schema, model] by dagster-dbt, grouped by layer.
"""

from __future__ import annotations

import dagster as dg

OWNER = "team:data-engineering"
DUCKDB_WRITER_POOL = "duckdb_writer"  # one writer at a time: the warehouse is a single DuckDB file
LAYERS = ("landing", "raw")  # the feed assets' layers (dbt's are its own groups)

CONTRACT_CHECK = "contract"  # raw/<feed>: the file read and the contract's Great Expectations gate passed
FETCH_CHECK = "fetched"  # landing/<feed>: the file was fetched or read from the mirror

SERVING_GROUP = "serving"  # the serving file, the report and the build's verdict
SERVING_KEY = dg.AssetKey(["serving", "atlas_duckdb"])
REPORT_KEY = dg.AssetKey(["serving", "report"])
BUILD_STATUS_KEY = dg.AssetKey(["serving", "build_status"])
COUNTRY_DIMENSION_KEY = dg.AssetKey(["staging", "stg_datahub__country_codes"])
HOURLY_DBT_TAG = "hourly"  # the incremental dbt models loaded by month: their own, partitioned, dbt asset


def landing_key(feed_name: str) -> dg.AssetKey:
    return dg.AssetKey(["landing", feed_name])


def raw_key(feed_name: str) -> dg.AssetKey:
    """The raw table's asset: the same key dagster-dbt gives source('raw', feed_name)."""
    return dg.AssetKey(["raw", feed_name])


def group_name(family: str, layer: str) -> str:
    """Python feed assets: `<family>_<layer>`, e.g. energy_landing, energy_raw."""
    return f"{family}_{layer}"

"""Two assets per feed: landing (fetch and keep the file) and raw (transform + contract gate + DuckDB)."""

import dagster as dg
import polars as pl

from data_contracts import load_contract
from data_contracts.feeds import Feed
from ingest.hourly import load_months
from ingest.landing import FeedFetchError, land, record_attempt
from ingest.raw_load import load_latest_file
from ingest.reading import FeedFileError
from orchestration.cadence import FAMILY_CADENCE, HOURLY_BACKFILL, HOURLY_MONTHS
from orchestration.keys import CONTRACT_CHECK, DUCKDB_WRITER_POOL, FETCH_CHECK, OWNER, group_name, landing_key, raw_key
from orchestration.resources import AtlasResource


def _origin(feed: Feed) -> str:
    if feed.curated_path is not None:
        return f"the curated file curated/{feed.curated_path.name}"
    return f"{feed.url or 'no live URL'} (or $ATLAS_MIRROR/{feed.mirror_path})"


def _not_fetched(context, feed: Feed, atlas: AtlasResource, err: FeedFetchError) -> dg.MaterializeResult:
    """A failed fetch freezes only this feed: the check is red, the raw load marks the feed stale and keeps its
    table, and every other feed and model still builds. The download already retried what may heal (http_fetch)."""
    record_attempt(feed, atlas.settings(), error=str(err))
    context.log.error(str(err))
    return dg.MaterializeResult(
        metadata={"fetch_failed": str(err)},
        check_results=[
            dg.AssetCheckResult(
                check_name=FETCH_CHECK,
                passed=False,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={"error": str(err)},
            )
        ],
    )


def build_landing_asset(feed: Feed) -> dg.AssetsDefinition:
    key = landing_key(feed.name)

    @dg.asset(
        key=key,
        group_name=group_name(feed.family, "landing"),
        kinds={"python", "csv"},
        owners=[OWNER],
        description=f"The {feed.name} file ({feed.family} feed) as fetched from {_origin(feed)}, kept in the landing area under its sha256.",
        check_specs=[
            dg.AssetCheckSpec(
                FETCH_CHECK,
                asset=key,
                description="The file was fetched (or read from the mirror). Failing it keeps the last landed file and "
                "marks the feed stale in dimensions.feed_state; the run then fails at serving/build_status.",
            )
        ],
    )
    def _landing(context, atlas: AtlasResource) -> dg.MaterializeResult:
        try:
            landed = land(feed, atlas.settings())
        except FeedFetchError as err:
            return _not_fetched(context, feed, atlas, err)
        return dg.MaterializeResult(
            metadata={
                "unchanged_since_last_fetch": landed.unchanged,
                "source": landed.source,
                "sha256": landed.sha256,
                "size_bytes": landed.size_bytes,
                "path": dg.MetadataValue.path(landed.path),
                "fetched_at": landed.fetched_at,
            },
            data_version=dg.DataVersion(landed.sha256),
            check_results=[
                dg.AssetCheckResult(check_name=FETCH_CHECK, passed=True, metadata={"source": landed.source})
            ],
        )

    return _landing


def _preview(frame: pl.DataFrame, rows: int = 5) -> str:
    with pl.Config(tbl_hide_dataframe_shape=True, tbl_width_chars=160, fmt_str_lengths=30):
        return f"```\n{frame.head(rows)}\n```" if frame.height else "(no rows)"


def _stale(context, feed: Feed, failures: list[str], metadata: dict) -> dg.MaterializeResult:
    """A broken file or contract: the table keeps its last good data, the check fails (red in the UI), and the
    models downstream still run on what is staged."""
    context.log.error(f"feed '{feed.name}' failed; raw.{feed.name} keeps its last good data:\n" + "\n".join(failures))
    check = dg.AssetCheckResult(
        check_name=CONTRACT_CHECK,
        passed=False,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={**metadata, "failures": "\n".join(failures)},
    )
    return dg.MaterializeResult(
        metadata={"feed_state": "stale: the table keeps its last good data", "error": "\n".join(failures)},
        check_results=[check],
    )


def build_raw_asset(feed: Feed) -> dg.AssetsDefinition:
    contract = load_contract(feed.name)
    key = raw_key(feed.name)
    check = dg.AssetCheckSpec(
        CONTRACT_CHECK,
        asset=key,
        description=(
            f"Great Expectations suite built from data_contracts/{feed.name}.yml (and the file must be readable). "
            f"Failing it keeps raw.{feed.name} as it was, marks the feed stale in the serving file's "
            "dimensions.feed_state and fails the run at serving/build_status; every other feed and model still builds."
        ),
    )

    @dg.asset(
        key=key,
        deps=[landing_key(feed.name), *(raw_key(table) for table in feed.reference_tables)],
        group_name=group_name(feed.family, "raw"),
        kinds={"polars", "duckdb", "great_expectations"},
        owners=[OWNER],
        description=contract.description,
        pool=DUCKDB_WRITER_POOL,  # writes the warehouse file: one writer at a time, dbt included
        freshness_policy=FAMILY_CADENCE[feed.family].freshness_policy(),
        check_specs=[check],
        # a feed of many files loads by month: a partition range is one run (ingest/hourly/)
        partitions_def=HOURLY_MONTHS if feed.partitioned else None,
        backfill_policy=HOURLY_BACKFILL if feed.partitioned else None,
    )
    def _raw(context: dg.AssetExecutionContext, atlas: AtlasResource):
        if feed.partitioned:
            yield from _load_months(context, feed, atlas)
            return
        try:
            outcome = load_latest_file(feed, atlas.settings(), atlas.warehouse)
        except (FeedFileError, FeedFetchError) as err:
            yield _stale(context, feed, [str(err)], {})
            return
        verdict = outcome.verdict
        metadata = {**outcome.counts, "expectations_evaluated": verdict.evaluated}
        if not verdict.passed:
            yield _stale(context, feed, list(verdict.failures), metadata)
            return
        yield dg.MaterializeResult(
            metadata={
                **outcome.counts,
                "feed_state": "ok",
                "dagster/row_count": outcome.screened.rows_loaded,
                "quarantine_preview": dg.MetadataValue.md(_preview(outcome.screened.quarantine)),
                "preview": dg.MetadataValue.md(_preview(outcome.screened.rows)),
            },
            check_results=[
                dg.AssetCheckResult(check_name=CONTRACT_CHECK, passed=True, metadata={**metadata, "failures": "none"})
            ],
        )

    return _raw


def _load_months(context: dg.AssetExecutionContext, feed: Feed, atlas: AtlasResource):
    try:
        outcome = load_months(feed, atlas.settings(), atlas.warehouse, list(context.partition_keys))
    except (FeedFileError, FeedFetchError) as err:
        yield _stale(context, feed, [str(err)], {})
        return
    metadata = {**outcome.counts, "months_loaded_list": ", ".join(m.month[:7] for m in outcome.loaded) or "none"}
    if outcome.failures:  # those months keep their rows; the others loaded
        yield _stale(context, feed, outcome.failures, metadata)
        return
    yield dg.MaterializeResult(
        metadata={**metadata, "feed_state": "ok"},
        check_results=[
            dg.AssetCheckResult(check_name=CONTRACT_CHECK, passed=True, metadata={**metadata, "failures": "none"})
        ],
    )


def build_feed_assets(feed: Feed) -> list[dg.AssetsDefinition]:
    return [build_landing_asset(feed), build_raw_asset(feed)]

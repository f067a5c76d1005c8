"""Load one feed's latest landed file into the raw layer: screen (read, prepare, apply the contract:
ingest/screening.py), gate, write (ingest/warehouse.py). No Dagster here, so the raw asset stays a thin wrapper
and the same step runs from a script or a test.

The framework calls the feed's transform (transforms/<feed>.py) with data and gets data back: prepare()
receives the file as text columns plus the reference tables it names, rules() the feed's own row rules.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from data_contracts import load_contract
from data_contracts.feeds import Feed
from data_contracts.gx_suite import ContractVerdict, validate
from data_contracts.row_rules import ScreenedFeed
from ingest.landing import FeedFetchError, LandedFile, failed_fetch, latest_landed
from ingest.reading import FeedFileError
from ingest.screening import screen
from ingest.settings import AtlasSettings
from ingest.warehouse import RAW_SCHEMA, record_failed_load, record_load


@dataclass(frozen=True)
class LoadOutcome:
    landed: LandedFile
    screened: ScreenedFeed
    verdict: ContractVerdict

    @property
    def counts(self) -> dict[str, object]:
        return {
            "rows_read": self.screened.rows_read,
            "rows_loaded": self.screened.rows_loaded,
            "rows_quarantined": self.screened.rows_quarantined,
            "source_file_sha256": self.landed.sha256,
        }


def _reference_tables(con: duckdb.DuckDBPyConnection, feed: Feed, landed: LandedFile) -> dict[str, pl.DataFrame]:
    """The raw tables the feed checks its rows against; one that never loaded leaves nothing to check against."""
    loaded = {
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [RAW_SCHEMA]
        ).fetchall()
    }
    missing = [t for t in feed.reference_tables if t not in loaded]
    if missing:
        raise FeedFileError(feed.name, landed.source, f"cannot be checked: raw.{', raw.'.join(missing)} never loaded")
    return {t: con.sql(f"select * from {RAW_SCHEMA}.{t}").pl() for t in feed.reference_tables}


def load_latest_file(
    feed: Feed,
    settings: AtlasSettings,
    warehouse: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
) -> LoadOutcome:
    """A failed fetch raises FeedFetchError and file-level problems FeedFileError (after logging the attempt); a
    broken contract publishes nothing (record_load). Either way the raw table keeps its last good data."""
    try:
        fetch_error = failed_fetch(feed, settings)
        if fetch_error is not None:
            raise FeedFetchError(fetch_error)
        landed = latest_landed(feed, settings)
    except FeedFetchError as err:
        with warehouse() as con:
            record_failed_load(con, feed.name, None, str(err))  # stale (or failed, if it never loaded)
        raise
    data = Path(landed.path).read_bytes()
    contract = load_contract(feed.name)
    with warehouse() as con:
        try:
            tables = _reference_tables(con, feed, landed)
            screened = screen(
                feed, data, file=landed.source, sha256=landed.sha256, retrieved_on=landed.retrieval_day, tables=tables
            )
        except FeedFileError as err:
            record_failed_load(con, feed.name, landed, str(err))  # the attempt is on record; the table stays
            raise
        verdict = validate(screened.rows, contract, screened.rows_read)
        record_load(con, contract, screened, landed, verdict.failures)
    return LoadOutcome(landed, screened, verdict)

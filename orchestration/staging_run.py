"""Stage one feed's latest landed file: read, stage, gate with its contract, write. No Dagster here,
so the staged asset stays a thin wrapper and the same step runs from a script or a test."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data_contracts import Contract
from data_contracts.gx_suite import ContractVerdict, validate
from orchestration.feeds import Feed
from orchestration.landing import LandedFile, latest_landed
from orchestration.settings import AtlasSettings
from orchestration.warehouse import record_load
from transforms.csv_reading import read_csv
from transforms.staging import StagedFeed


@dataclass(frozen=True)
class StagingOutcome:
    landed: LandedFile
    staged: StagedFeed
    verdict: ContractVerdict

    @property
    def counts(self) -> dict[str, object]:
        return {
            "rows_read": self.staged.rows_read,
            "rows_loaded": self.staged.rows_loaded,
            "rows_quarantined": self.staged.rows_quarantined,
            "source_file_sha256": self.landed.sha256,
        }


def stage_latest_file(
    feed: Feed,
    contract: Contract,
    settings: AtlasSettings,
    warehouse: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
) -> StagingOutcome:
    """File-level problems raise FeedFileError; a broken contract publishes nothing (record_load)."""
    landed = latest_landed(feed, settings)
    raw = read_csv(
        Path(landed.path).read_bytes(), feed=feed.name, file=landed.source, required_columns=contract.required_source_columns
    )
    with warehouse() as con:
        refs = {table: con.sql(f"select * from staged.{table}").pl() for table in feed.reference_tables}
        staged = feed.stage(raw, contract, landed.sha256, refs)
        verdict = validate(staged.rows, contract, staged.rows_read)
        record_load(con, contract, staged, landed, verdict.failures)
    return StagingOutcome(landed, staged, verdict)

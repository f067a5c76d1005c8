"""Epoch AI data-centre timelines: one row per site and dated milestone, every export version read by name.

Dec-2025: M/D/YYYY dates, facility `Power (MW)` only, building and site areas. 2026 on: ISO dates, `IT power
(MW)` beside the facility power, annual operating cost, no areas. Columns one version lacks arrive as nulls,
so the power basis is what the file says, never guessed here (the contract states it).
Rows after the export date are Epoch's projections, not errors; only dates past LAST_PLAUSIBLE_DATE are.
"""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.epoch_common import date_too_late_rule, us_date_to_iso, with_optional_columns
from transforms.staging import StagedFeed, stage

ONE_VERSION_ONLY = (
    "IT power (MW)",  # 2026 on
    "Annual operating cost (2025 USD billions)",  # 2026 on
    "Building area (square feet)",  # Dec-2025 only
    "Site area (square feet)",  # Dec-2025 only
)


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    return with_optional_columns(raw, ONE_VERSION_ONLY).with_columns(date_iso=us_date_to_iso(pl.col("Date")))


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    return stage(prepare(raw), contract, file_sha256=file_sha256, rules=[date_too_late_rule("date", "date_iso")])

"""Epoch AI data-centre timelines: one row per site and dated milestone, US dates read, future rows kept.

Rows after the export date are Epoch's projections, not errors; only dates past LAST_PLAUSIBLE_DATE are.
"""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.epoch_common import date_too_late_rule, us_date_to_iso
from transforms.staging import StagedFeed, stage


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    return raw.with_columns(date_iso=us_date_to_iso(pl.col("Date")))


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    return stage(prepare(raw), contract, file_sha256=file_sha256, rules=[date_too_late_rule("date", "date_iso")])

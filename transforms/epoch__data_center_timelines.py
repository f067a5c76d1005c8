"""Epoch AI data-centre timelines: one row per site and dated milestone, every export version read by name.

Dec-2025: M/D/YYYY dates, facility `Power (MW)` only, building and site areas. 2026 on: ISO dates, `IT power
(MW)` beside the facility power, annual operating cost, no areas. Columns one version lacks arrive as nulls,
so the power basis is what the file says, never guessed here (the contract states it).
Rows after the export date are Epoch's projections, not errors; only dates past the contract's maximum are.
"""

from __future__ import annotations

import polars as pl

from transforms.common.epoch import us_date_to_iso


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    return raw.with_columns(date_iso=us_date_to_iso(pl.col("Date")))

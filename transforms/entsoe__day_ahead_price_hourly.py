"""ENTSO-E Transparency Platform day-ahead prices, Germany, hourly (GUI CSV export): local intervals to UTC hours.

The export writes each hour as a local-time interval, "dd.mm.yyyy HH:MM - dd.mm.yyyy HH:MM", with no offset.
The header says CET, but the clock is German civil time (CET/CEST): the spring change leaves a row for a
local hour that never happened (its price blank) and the autumn change writes the repeated local hour twice,
in order, first in CEST (UTC+2) then in CET (UTC+1). So the n-th row of a local hour is its n-th occurrence
in time, and the hour maps to exactly one UTC hour. `n/e` ("not expected") is the platform saying no price
exists (the DE-AT-LU series stops at the 2018-10-01 zone split). Negative prices are real and kept.
Rows belong to the UTC month of their hour (the spring hour that never happened, to its local month).
"""

from __future__ import annotations

import polars as pl

from transforms.common.rules import Rule

MTU, PRICE = "MTU (CET)", "Day-ahead Price [EUR/MWh]"
ZONE = "Europe/Berlin"
PRICE_ZONE = "DE"  # the export is Germany's: DE-AT-LU until 2018-09, DE-LU after
NOT_EXPECTED = "n/e"
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _local_start() -> pl.Expr:
    return pl.col(MTU).str.slice(0, 16).str.strptime(pl.Datetime("us"), "%d.%m.%Y %H:%M", strict=False)


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    """Adds hour_utc (ISO 8601, hour start; null for a local hour that does not exist), the price as text with
    n/e as null, and why a row has no hour or price."""
    local = _local_start()
    occurrence = pl.int_range(pl.len()).over(pl.col(MTU))  # 0 for the first row of a local hour, 1 for the repeat
    utc = local.dt.replace_time_zone(
        ZONE,
        ambiguous=pl.when(occurrence == 0).then(pl.lit("earliest")).otherwise(pl.lit("latest")),
        non_existent="null",
    ).dt.convert_time_zone("UTC")
    return raw.with_columns(
        local_start=local.dt.strftime("%Y-%m-%dT%H:%M"),
        hour_utc=utc.dt.strftime(UTC_FORMAT),
        month_start=pl.coalesce(utc.dt.replace_time_zone(None), local).dt.truncate("1mo").dt.strftime("%Y-%m-%d"),
        price_zone=pl.lit(PRICE_ZONE),
        local_hour_missing=local.is_not_null() & utc.is_null(),
        price_eur_per_mwh=pl.when(pl.col(PRICE).str.strip_chars() != NOT_EXPECTED).then(pl.col(PRICE)),
        price_not_expected=pl.col(PRICE).str.strip_chars() == NOT_EXPECTED,
    )


def rules() -> list[Rule]:
    return [
        Rule(
            "local_start",
            pl.col("local_hour_missing"),
            "a local hour that does not exist (the spring daylight-saving change): no price belongs to it",
        ),
        Rule(
            "price_eur_per_mwh",
            pl.col("price_not_expected").fill_null(False),
            "n/e: ENTSO-E publishes no price for this zone and hour (the DE-AT-LU series ends at the 2018-10-01 zone split)",
        ),
    ]

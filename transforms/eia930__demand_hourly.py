"""EIA-930 hourly demand by balancing authority (the values as the EIA API returns them), one file per BA.

`date_time` is the hour in UTC. A value is integer MW, or `MISSING` / `EMPTY` where the BA published nothing
(they cluster at US daylight-saving changes, which a BA reporting in local time fumbles). Raw values carry
sentinels and unit slips (PJM 2,147,480,000 MW, about int32's maximum, on 2021-10-19), and a BA that stopped
reporting writes zeros or MISSING for years. Every such hour is quarantined with its reason, never dropped or
kept silently: a value more than SENTINEL_MEDIAN_MULTIPLE times the BA's median is implausible (no US BA's
peak reaches twice its median), a zero is a BA reporting nothing, not a load of 0 MW.
Issue 13 groundwork: not yet a feed (no contract or asset); tests/test_hourly_transforms.py.
"""

from __future__ import annotations

import polars as pl

from transforms.rules import Rule

VALUE, TIME = "demand (MW)", "date_time"
NO_VALUE = ("MISSING", "EMPTY")
SENTINEL_MEDIAN_MULTIPLE = 3.0
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def prepare(raw: pl.DataFrame, balancing_authority: str) -> pl.DataFrame:
    """`raw` is one BA's file as text columns; the BA is the file's name (ERCO.csv)."""
    text = pl.col(VALUE).str.strip_chars()
    demand = pl.when(~text.is_in(NO_VALUE)).then(text)
    number = demand.cast(pl.Float64, strict=False)
    hour = pl.col(TIME).str.strip_chars().str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M:%S", strict=False)
    median = number.filter(number > 0).median()
    return raw.with_columns(
        balancing_authority=pl.lit(balancing_authority),
        hour_utc=hour.dt.strftime(UTC_FORMAT),
        demand_mw=demand,
        no_value=text.is_in(NO_VALUE),
        implausible=number > SENTINEL_MEDIAN_MULTIPLE * median,
        median_demand_mw=median,
        zero=number == 0,
    )


def rules() -> list[Rule]:
    return [
        Rule(VALUE, pl.col("no_value").fill_null(False), "no value published: " + pl.col(VALUE).str.strip_chars()),
        Rule(VALUE, pl.col("implausible").fill_null(False),
             pl.format("implausible: more than {}x the balancing authority's median of {} MW (a sentinel or unit slip)",
                       pl.lit(SENTINEL_MEDIAN_MULTIPLE), pl.col("median_demand_mw").round(0))),
        Rule(VALUE, pl.col("zero").fill_null(False), "zero demand: the balancing authority reported nothing, not a load of 0 MW"),
    ]

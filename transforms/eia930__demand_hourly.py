"""EIA-930 hourly demand by balancing authority (the values as the EIA API returns them), one file per BA.

`date_time` is the hour in UTC. A value is integer MW, or `MISSING` / `EMPTY` where the BA published nothing
(they cluster at US daylight-saving changes, which a BA reporting in local time fumbles). Raw values carry
sentinels and unit slips (PJM 2,147,480,000 MW, about int32's maximum, on 2021-10-19), and a BA that stopped
reporting writes zeros or MISSING for years. Every such hour is quarantined with its reason, never dropped or
kept silently: a value more than SENTINEL_MEDIAN_MULTIPLE times the BA's median in that month is implausible
(no US BA's peak reaches twice its median), a zero is a BA reporting nothing, not a load of 0 MW. The median is
the month's, so a month's verdicts do not depend on which other months a run loads.
"""

from __future__ import annotations

import polars as pl

from transforms.common.files import series_of
from transforms.common.rules import Rule

VALUE, TIME = "demand (MW)", "date_time"
NO_VALUE = ("MISSING", "EMPTY")
SENTINEL_MEDIAN_MULTIPLE = 3.0
# A BA's load moves a few percent an hour; one hour at 1.5x both its neighbours is a doubled or slipped
# value (PJM 2020-07-24 16Z: 262,651 MW between 108,528 and 118,858), not demand.
SPIKE_NEIGHBOUR_MULTIPLE = 1.5
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def balancing_authority(source_file: str) -> str:
    """A BA's file (ERCO.csv), or a month of it as a monthly download lands (ERCO__2025-01.csv)."""
    return series_of(source_file)


def prepare(raw: pl.DataFrame, source_file: str) -> pl.DataFrame:
    """`raw` is one BA's file as text columns; the BA is the file's name."""
    text = pl.col(VALUE).str.strip_chars()
    demand = pl.when(~text.is_in(NO_VALUE)).then(text)
    number = demand.cast(pl.Float64, strict=False)
    stamp = pl.col(TIME).str.strip_chars()
    hour = stamp.str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d %H:%M:%S", strict=False)
    parsed = hour.is_not_null()  # then the text is YYYY-MM-DD HH:MM:SS: sliced, not formatted again (3x faster)
    month = pl.when(parsed).then(stamp.str.slice(0, 7) + "-01")
    median = pl.when(number > 0).then(number).median().over(month)
    return raw.with_columns(
        spike=_spike(number, hour),
        balancing_authority=pl.lit(balancing_authority(source_file)),
        hour_utc=pl.when(parsed).then(stamp.str.replace(" ", "T", literal=True) + "Z"),
        month_start=month,
        demand_mw=demand,
        no_value=text.is_in(NO_VALUE),
        implausible=number > SENTINEL_MEDIAN_MULTIPLE * median,
        median_demand_mw=median,
        zero=number == 0,
    )


def _spike(number: pl.Expr, hour: pl.Expr) -> pl.Expr:
    """Above SPIKE_NEIGHBOUR_MULTIPLE x both the hour before and the hour after (each present and positive)."""

    def neighbour(step: int) -> pl.Expr:
        adjacent = (hour.shift(step) - hour).abs() == pl.duration(hours=1)
        return pl.when(adjacent & (number.shift(step) > 0)).then(number.shift(step))

    return (number > SPIKE_NEIGHBOUR_MULTIPLE * neighbour(1)) & (number > SPIKE_NEIGHBOUR_MULTIPLE * neighbour(-1))


def rules() -> list[Rule]:
    return [
        Rule(
            "demand_mw", pl.col("no_value").fill_null(False), "no value published: " + pl.col(VALUE).str.strip_chars()
        ),
        Rule(
            "demand_mw",
            pl.col("implausible").fill_null(False),
            pl.format(
                "implausible: more than {}x the balancing authority's median of {} MW (a sentinel or unit slip)",
                pl.lit(SENTINEL_MEDIAN_MULTIPLE),
                pl.col("median_demand_mw").round(0),
            ),
        ),
        Rule(
            "demand_mw",
            pl.col("spike").fill_null(False) & ~pl.col("implausible").fill_null(False),
            pl.format(
                "implausible: more than {}x both the hour before and the hour after (a doubled or slipped value)",
                pl.lit(SPIKE_NEIGHBOUR_MULTIPLE),
            ),
        ),
        Rule(
            "demand_mw",
            pl.col("zero").fill_null(False),
            "zero demand: the balancing authority reported nothing, not a load of 0 MW",
        ),
    ]

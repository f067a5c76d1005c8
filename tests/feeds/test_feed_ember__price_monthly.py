"""Ember monthly wholesale prices: the real file, its mutations, and the warehouse."""

from __future__ import annotations

import csv
from datetime import date

import polars as pl
import pytest

from data_contracts.paths import REFERENCE_DATA
from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

FEED = "ember__price_monthly"


def test_real_file_stages_whole_with_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (3224, 3224, 0)
    assert screened.rows["country_iso3"].n_unique() == 29
    germany = screened.rows.filter((pl.col("country_iso3") == "DEU") & (pl.col("month_start") == date(2023, 1, 1)))
    assert germany["day_ahead_price_eur_per_mwh"].to_list() == [135.59]


@pytest.mark.parametrize(
    "old, new, column, reason",
    [
        (b",31.68,", b",31.68 EUR,", "day_ahead_price_eur_per_mwh", "not a valid float"),
        (b",31.68,", b",-3168.0,", "day_ahead_price_eur_per_mwh", "below the minimum of -100 EUR/MWh"),
        (b",31.68,", b",31680,", "day_ahead_price_eur_per_mwh", "above the maximum of 2000 EUR/MWh"),
        (b"2015-01-01", b"01/01/2015", "month_start", "not a valid date"),
        (
            b",AUT,",
            b",EUU,",
            "country_iso3",
            "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)",
        ),
        (
            b",AUT,",
            b",XYZ,",
            "country_iso3",
            "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)",
        ),
        (
            b"2015-01-01",
            b"2015-02-01",
            "country_iso3,month_start",
            "duplicate key (country_iso3, month_start): an earlier row has the same key",
        ),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, reason):
    screened = screen_bytes(FEED, replace_line(real_bytes(FEED), 2, old, new))
    problems = screened.quarantine.select("source_line", "column_name", "reason").rows()
    assert (2 if column != "country_iso3,month_start" else 3, column, reason) in problems
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined == 3224
    assert screened.rows_quarantined == 1


@pytest.mark.integration  # reads the shared build
def test_prices_reach_the_warehouse(built):
    assert built.query(
        "select day_ahead_price_eur_per_mwh from staging.stg_ember__price_monthly "
        "where country_iso3 = 'DEU' and month_start = date '2023-01-01'"
    ) == [(135.59,)]


@pytest.mark.integration  # reads the shared build
def test_prices_convert_to_usd_with_the_same_months_rate(built):
    fx_file = REFERENCE_DATA / "exchange_rates" / "monthly.csv"
    with fx_file.open(newline="") as f:
        eur_per_usd = next(
            float(r["Exchange rate"]) for r in csv.DictReader(f) if r["Country"] == "Euro" and r["Date"] == "2023-01-01"
        )
    ((eur, rate, usd),) = built.query(
        "select day_ahead_price_eur_per_mwh, eur_per_usd, day_ahead_price_usd_per_mwh "
        "from intermediate.int_wholesale_price_usd_converted where country_iso3 = 'DEU' and month_start = date '2023-01-01'"
    )
    assert (eur, rate) == (135.59, eur_per_usd)
    assert usd == pytest.approx(135.59 / eur_per_usd)
    assert usd == pytest.approx(146.4, abs=0.5)  # EUR/USD averaged about 0.926 in January 2023

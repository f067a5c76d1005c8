"""fx_rates_annual: the real file keyed by currency, in units per USD; broken copies of it quarantined or refused."""

from __future__ import annotations

import polars as pl
import pytest

from data_contracts import load_contract
from data_contracts.gx_suite import validate
from ingest.reading import FeedFileError
from tests.helpers.feeds import (
    append_copy_of_line,
    counts,
    line_number,
    quarantined,
    real_bytes,
    reordered_with_extra_column,
    replace_line,
    screen_bytes,
    unmapped,
)

FEED = "datahub__fx_rates_annual"
EURO_2024 = b"2024-01-01,Euro,"


def rate(rows: pl.DataFrame, series: str, period: str) -> float:
    (value,) = rows.filter((pl.col("fx_series_code") == series) & (pl.col("period_start").cast(pl.String) == period))[
        "currency_per_usd"
    ]
    return value


def test_real_file_stages_whole_keyed_by_currency():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert counts(screened) == (993, 993, 0)
    rows = screened.rows
    assert rows["fx_series_code"].n_unique() == 21
    assert rate(rows, "EUR", "2024-01-01") == 0.9242  # euros per USD, not USD per euro as the README says
    assert rate(rows, "AUD", "2024-01-01") == 1.5158
    assert rate(rows, "JPY", "2025-01-01") == 149.5686
    euro = rows.filter(pl.col("fx_area_name") == "Euro")
    assert euro.select(pl.col("country_iso3").is_null().all(), pl.col("currency_iso4217").unique()).row(0) == (
        True,
        "EUR",
    )
    assert euro.height == 27  # 1999-2025
    assert rows.filter(pl.col("fx_area_name") == "South Korea")["currency_iso4217"].unique().to_list() == ["KRW"]
    assert not rows["is_legacy_currency"].any()  # annual has no pre-euro national series


def test_contract_passes_and_an_inverted_quote_breaks_the_anchors():
    screened, contract = screen_bytes(FEED, real_bytes(FEED)), load_contract(FEED)
    assert validate(screened.rows, contract, screened.rows_read).passed
    inverted = screened.rows.with_columns(
        pl.when(pl.col("fx_series_code").is_in(["EUR", "AUD"]))
        .then(1 / pl.col("currency_per_usd"))
        .otherwise(pl.col("currency_per_usd"))
        .alias("currency_per_usd")
    )
    verdict = validate(inverted, contract, screened.rows_read)
    assert len(verdict.failures) == 2  # EUR and AUD 2024: every range still passes
    assert all("expect_column_values_to_be_between" in f and "fx_series_code==" in f for f in verdict.failures)


@pytest.mark.parametrize(
    "old, new, column, raw, reason",
    [
        (b"0.9242", b"-0.9242", "currency_per_usd", "-0.9242", "below the minimum of 0.0001 currency units per USD"),
        (b"0.9242", b"0", "currency_per_usd", "0", "below the minimum of 0.0001 currency units per USD"),
        (b"0.9242", b"n/a", "currency_per_usd", "n/a", "not a valid float"),
        (b"0.9242", b"", "currency_per_usd", None, "required value is missing"),
        (b"2024-01-01", b"2024-13-01", "period_start", "2024-13-01", "not a valid date"),
        (b"Euro", b"Narnia", "fx_area_name", "Narnia", unmapped("Narnia")),
        (b"Euro", b"", "fx_area_name", None, "required value is missing"),
        (
            b"Euro",
            b"Antarctica",
            "fx_area_name",
            "Antarctica",
            "country has no ISO 4217 currency in the country dimension",
        ),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, raw, reason):
    data = real_bytes(FEED)
    line = line_number(data, EURO_2024)
    # a reviewer mapped Antarctica: a country the dimension gives no currency
    screened = screen_bytes(FEED, replace_line(data, line, old, new), more_names={"Antarctica": "ATA"})
    assert quarantined(screened) == [(line, column, raw, reason)]
    assert counts(screened) == (993, 992, 1)


def test_a_second_name_for_the_same_currency_is_a_duplicate_key():
    """Keyed by currency: 'Republic of Korea' is KRW again, whatever the country is called."""
    data = real_bytes(FEED)
    copy = append_copy_of_line(data, line_number(data, b"2024-01-01,South Korea,"))
    copy = replace_line(copy, 995, b"South Korea", b"Republic of Korea")
    screened = screen_bytes(FEED, copy, more_names={"Republic of Korea": "KOR"})
    assert quarantined(screened) == [
        (
            995,
            "fx_series_code,period_start",
            "KRW|2024-01-01",
            "duplicate key (fx_series_code, period_start): an earlier row has the same key",
        )
    ]
    assert counts(screened) == (994, 993, 1)


def test_reordered_columns_and_an_extra_column_are_accepted():
    screened = screen_bytes(FEED, reordered_with_extra_column(real_bytes(FEED)))
    assert counts(screened) == (993, 993, 0)
    assert rate(screened.rows, "EUR", "2024-01-01") == 0.9242


def test_a_missing_required_column_fails_the_file():
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, real_bytes(FEED).replace(b"Exchange rate", b"Rate", 1))
    assert str(raised.value) == (
        f"feed '{FEED}', file 'test.csv': missing required columns ['Exchange rate']; found ['Date', 'Country', 'Rate']"
    )


@pytest.mark.integration  # reads the shared build
def test_warehouse_has_the_euro_per_usd(built):
    assert built.query(
        "select currency_per_usd, country_iso3, is_legacy_currency from staging.stg_datahub__fx_rates_annual "
        "where fx_series_code = 'EUR' and period_start = date '2024-01-01'"
    ) == [(0.9242, None, False)]
    assert built.check_passed(["raw", "datahub__fx_rates_annual"], "contract") is True

"""fx_rates_monthly: euro-area countries before the euro are legacy national currencies, never euros."""

from __future__ import annotations

import polars as pl
import pytest

from data_contracts import load_contract
from data_contracts.gx_suite import validate
from ingest.reading import FeedFileError
from tests.helpers.feeds import (
    counts,
    line_number,
    quarantined,
    real_bytes,
    reordered_with_extra_column,
    replace_line,
    screen_bytes,
    unmapped,
)

FEED = "datahub__fx_rates_monthly"
LEGACY = ["AUT", "BEL", "DEU", "ESP", "FIN", "FRA", "GRC", "IRL", "ITA", "NLD", "PRT"]
# Irrevocable conversion rates fixed on 31 December 1998 (Greece: 19 June 2000), national units per euro.
EURO_CONVERSION = {"FRA": 6.55957, "DEU": 1.95583, "ITA": 1936.27, "ESP": 166.386, "NLD": 2.20371}


@pytest.fixture(scope="module")
def rows() -> pl.DataFrame:
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert counts(screened) == (17237, 17237, 0)
    return screened.rows


def rate(rows: pl.DataFrame, series: str, period: str) -> float:
    (value,) = rows.filter((pl.col("fx_series_code") == series) & (pl.col("period_start").cast(pl.String) == period))[
        "currency_per_usd"
    ]
    return value


def test_real_file_has_34_series_in_units_per_usd(rows):
    assert rows["fx_series_code"].n_unique() == 34
    assert rate(rows, "GBP", "2026-06-01") == 0.7497  # pounds per USD, not USD per pound as the README says
    assert rate(rows, "EUR", "2024-01-01") == 0.9175
    assert rate(rows, "JPY", "2026-06-01") == 160.77
    assert rows["period_start"].max().isoformat() == "2026-06-01"


def test_pre_euro_countries_are_legacy_currencies_not_euros(rows):
    legacy = rows.filter(pl.col("is_legacy_currency"))
    assert sorted(legacy["country_iso3"].unique()) == LEGACY
    assert legacy["fx_series_code"].unique().sort().to_list() == [f"{iso3}-legacy" for iso3 in LEGACY]
    assert legacy["currency_iso4217"].null_count() == legacy.height == 3909
    assert legacy["period_start"].max().isoformat() == "2001-12-01"  # euro notes and coins replaced them in 2002
    assert rows.filter(~pl.col("is_legacy_currency") & pl.col("currency_iso4217").is_null()).height == 0


@pytest.mark.parametrize("iso3, per_euro", EURO_CONVERSION.items())
def test_legacy_rates_are_the_euro_rate_times_the_conversion_rate(rows, iso3, per_euro):
    """Dec 2001: francs per USD = euros per USD x francs per euro. Euros labelled as francs would give 1."""
    assert rate(rows, f"{iso3}-legacy", "2001-12-01") / rate(rows, "EUR", "2001-12-01") == pytest.approx(
        per_euro, rel=2e-3
    )


def test_without_the_euro_rows_the_legacy_series_cannot_pass_the_contract():
    """Legacy is recognised from the file's currency area; drop it and the anchors and keys object."""
    data = b"\n".join(line for line in real_bytes(FEED).split(b"\n") if b",Euro," not in line)
    screened = screen_bytes(FEED, data)
    assert screened.rows_quarantined > 0  # France, Germany ... now collide as EUR on the same months
    assert counts(screened)[0] == 17237 - 330
    verdict = validate(screened.rows, load_contract(FEED), screened.rows_read)
    assert any("'fx_series_code': 'FRA-legacy'" in f and "is missing" in f for f in verdict.failures)


@pytest.mark.parametrize(
    "find, old, new, column, raw, reason",
    [
        (
            b"1998-01-01,France,",
            b"6.0832",
            b"-6.0832",
            "currency_per_usd",
            "-6.0832",
            "below the minimum of 0.0001 currency units per USD",
        ),
        (b"1998-01-01,France,", b"France", b"West Germany", "fx_area_name", "West Germany", unmapped("West Germany")),
        (
            b"2026-06-01,United Kingdom,",
            b"0.7497",
            b"about 0.75",
            "currency_per_usd",
            "about 0.75",
            "not a valid float",
        ),
        (b"2026-06-01,United Kingdom,", b"2026-06-01", b"June 2026", "period_start", "June 2026", "not a valid date"),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(find, old, new, column, raw, reason):
    data = real_bytes(FEED)
    line = line_number(data, find)
    screened = screen_bytes(FEED, replace_line(data, line, old, new))
    assert quarantined(screened) == [(line, column, raw, reason)]
    assert counts(screened) == (17237, 17236, 1)


def test_an_unquoted_decimal_comma_quarantines_its_record():
    """'6,0832' adds a field to one line: that record is quarantined whole rather than shift a column."""
    data = real_bytes(FEED)
    line = line_number(data, b"1998-01-01,France,")
    screened = screen_bytes(FEED, replace_line(data, line, b"6.0832", b"6,0832"))
    assert screened.quarantine.select("source_line", "column_name", "reason").rows() == [
        (line, "(record)", "has 4 fields where the header has 3")
    ]
    assert counts(screened) == (17237, 17236, 1)


def test_reordered_columns_and_an_extra_column_are_accepted():
    screened = screen_bytes(FEED, reordered_with_extra_column(real_bytes(FEED)))
    assert counts(screened) == (17237, 17237, 0)
    assert rate(screened.rows, "FRA-legacy", "2001-12-01") == 7.3604


def test_an_error_page_fails_the_file():
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, b"<!DOCTYPE html><html><body>429 Too Many Requests</body></html>")
    assert str(raised.value) == (
        f"feed '{FEED}', file 'test.csv': is an HTML/XML page, not CSV (the server probably sent an error page)"
    )


@pytest.mark.integration  # reads the shared build
def test_warehouse_keeps_francs_apart_from_euros(built):
    assert built.query(
        "select fx_series_code, currency_iso4217, is_legacy_currency, currency_per_usd from staging.stg_datahub__fx_rates_monthly "
        "where period_start = date '2001-12-01' and fx_area_name in ('France', 'Euro') order by fx_series_code"
    ) == [("EUR", "EUR", False, 1.1221), ("FRA-legacy", None, True, 7.3604)]
    assert built.check_passed(["raw", "datahub__fx_rates_monthly"], "contract") is True

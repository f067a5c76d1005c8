"""cpi_inflation: annual % changes (not an index), aggregates kept apart, and the 2025-dollar deflator built from them."""

from __future__ import annotations

import csv

import polars as pl
import pytest

from data_contracts import load_contract
from data_contracts.gx_suite import validate
from data_contracts.paths import REFERENCE_DATA
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
)

FEED = "worldbank__cpi_inflation"
USA_2023 = b"United States,USA,2023,"


def usa_rate(year: int) -> float:
    with (REFERENCE_DATA / "cpi" / "cpi.csv").open(newline="", encoding="utf-8") as f:
        return float(next(r["CPI"] for r in csv.DictReader(f) if r["Country Code"] == "USA" and r["Year"] == str(year)))


def test_real_file_stages_whole_with_aggregates_apart():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert counts(screened) == (11182, 11182, 0)
    rows = screened.rows
    assert dict(rows.group_by("area_type").len().rows()) == {"aggregate": 2278, "country": 8904}
    assert rows.filter(pl.col("area_type") == "aggregate")["area_code"].n_unique() == 48
    assert rows.filter(pl.col("area_type") == "aggregate")["country_iso3"].null_count() == 2278
    usa = dict(rows.filter(pl.col("area_code") == "USA").select("year", "inflation_pct").rows())
    assert (usa[2022], usa[2023], usa[2024]) == (8.00279982052121, 4.11633838374488, 2.94952520485207)
    assert rows.filter(pl.col("area_code") == "XKX")["area_type"].unique().to_list() == [
        "country"
    ]  # Kosovo via the dimension
    assert rows.filter(pl.col("area_code") == "EMU")["area_name"].unique().to_list() == ["Euro area"]


def test_an_index_instead_of_a_percent_change_breaks_the_anchors():
    """FP.CPI.TOTL (2010 = 100) read as if it were FP.CPI.TOTL.ZG passes every range but not the anchors."""
    screened, contract = screen_bytes(FEED, real_bytes(FEED)), load_contract(FEED)
    usa = pl.col("area_code") == "USA"
    as_index = screened.rows.with_columns(
        pl.when(usa).then(100 + pl.col("inflation_pct")).otherwise(pl.col("inflation_pct")).alias("inflation_pct")
    )
    verdict = validate(as_index, contract, screened.rows_read)
    assert len(verdict.failures) == 2
    assert all("area_code=='USA'" in f for f in verdict.failures)


@pytest.mark.parametrize(
    "old, new, column, raw, reason",
    [
        (
            b"4.11633838374488",
            b"-104.1",
            "inflation_pct",
            "-104.1",
            "below the minimum of -100 % change on the previous year",
        ),
        (b"4.11633838374488", b"n/a", "inflation_pct", "n/a", "not a valid float"),
        (b"4.11633838374488", b"", "inflation_pct", None, "required value is missing"),
        (b",2023,", b",2023.5,", "year", "2023.5", "not a valid integer"),
        (
            b",USA,",
            b",XYZ,",
            "area_code",
            "XYZ",
            "code neither in the country dimension nor a World Bank aggregate (transforms/common/worldbank.py)",
        ),
        (b",USA,", b",US,", "area_code", "US", "does not match ^[A-Z0-9]{3}$"),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, raw, reason):
    data = real_bytes(FEED)
    line = line_number(data, USA_2023)
    screened = screen_bytes(FEED, replace_line(data, line, old, new))
    assert (line, column, raw, reason) in quarantined(screened)
    assert {r[0] for r in quarantined(screened)} == {line}
    assert counts(screened) == (11182, 11181, 1)


def test_a_repeated_row_is_a_duplicate_key():
    data = real_bytes(FEED)
    screened = screen_bytes(FEED, append_copy_of_line(data, line_number(data, USA_2023)))
    assert quarantined(screened) == [
        (11184, "area_code,year", "USA|2023", "duplicate key (area_code, year): an earlier row has the same key")
    ]
    assert counts(screened) == (11183, 11182, 1)


def test_reordered_columns_and_an_extra_column_are_accepted():
    screened = screen_bytes(FEED, reordered_with_extra_column(real_bytes(FEED)))
    assert counts(screened) == (11182, 11182, 0)


def test_a_missing_required_column_fails_the_file():
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, real_bytes(FEED).replace(b"Country Code", b"Code", 1))
    assert str(raised.value) == (
        f"feed '{FEED}', file 'test.csv': missing required columns ['Country Code']; found ['Country', 'Code', 'Year', 'CPI']"
    )


def deflator(built) -> dict[int, tuple]:
    rows = built.query(
        "select year, inflation_pct, is_projected_rate, cpi_index_2025_base, to_usd_2025_factor "
        "from intermediate.int_usd_deflator_chained"
    )
    return {year: tuple(rest) for year, *rest in rows}


@pytest.mark.integration  # reads the shared build
def test_deflator_chains_us_inflation_to_2025_dollars(built):
    table = deflator(built)
    r2023, r2024 = usa_rate(2023), usa_rate(2024)
    r2025 = r2024  # assumed: the file ends in 2024; the last published rate is carried forward
    assert min(table) == 1960 and max(table) == 2035 and len(table) == 76
    assert table[2025] == (r2025, True, 1.0, 1.0)
    assert [year for year, row in table.items() if row[1]] == list(range(2025, 2036))
    assert table[2026][3] == pytest.approx(1 / (1 + r2025 / 100))  # a 2026 dollar in 2025 dollars
    assert table[2024][3] == pytest.approx(1 + r2025 / 100)
    assert table[2023][3] == pytest.approx((1 + r2024 / 100) * (1 + r2025 / 100))
    assert table[2022][3] == pytest.approx((1 + r2023 / 100) * (1 + r2024 / 100) * (1 + r2025 / 100))
    assert table[2022][3] == pytest.approx(1.103488, abs=1e-6)
    assert table[2022][2] * table[2022][3] == pytest.approx(1.0)


@pytest.mark.integration  # reads the shared build
def test_warehouse_keeps_aggregates_apart(built):
    assert dict(built.query("select area_type, count(*) from raw.worldbank__cpi_inflation group by 1")) == {
        "aggregate": 2278,
        "country": 8904,
    }
    assert built.check_passed(["raw", "worldbank__cpi_inflation"], "contract") is True

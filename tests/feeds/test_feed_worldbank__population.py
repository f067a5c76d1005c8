"""population: persons per area and year, World Bank aggregates (and the Channel Islands) kept apart from countries."""

from __future__ import annotations

import polars as pl
import pytest

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

FEED = "worldbank__population"
USA_2023 = b"United States,USA,2023,"


def test_real_file_stages_whole_with_aggregates_apart():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert counts(screened) == (17195, 17195, 0)
    rows = screened.rows
    assert dict(rows.group_by("area_type").len().rows()) == {"aggregate": 3185, "country": 14010}
    assert rows["area_code"].n_unique() == 265
    value = rows.filter((pl.col("area_code") == "USA") & (pl.col("year") == 2023))["population_persons"]
    assert value.dtype == pl.Int64 and value.to_list() == [336806231]
    assert rows.filter((pl.col("area_code") == "WLD") & (pl.col("year") == 2024))["population_persons"].to_list() == [
        8141808945
    ]
    channel_islands = rows.filter(pl.col("area_code") == "CHI")
    assert channel_islands.select(pl.col("area_type").unique(), pl.col("country_iso3").null_count()).row(0) == (
        "aggregate",
        65,
    )


@pytest.mark.parametrize(
    "old, new, column, raw, reason",
    [
        (b"336806231", b"336806231.5", "population_persons", "336806231.5", "not a valid integer"),
        (b"336806231", b"336.8 million", "population_persons", "336.8 million", "not a valid integer"),
        (b"336806231", b"-336806231", "population_persons", "-336806231", "below the minimum of 1 persons"),
        (b"336806231", b"", "population_persons", None, "required value is missing"),
        (b",2023,", b",1850,", "year", "1850", "below the minimum of 1960"),
        (
            b",USA,",
            b",XYZ,",
            "area_code",
            "XYZ",
            "code neither in the country dimension nor a World Bank aggregate (transforms/common/worldbank.py)",
        ),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(old, new, column, raw, reason):
    data = real_bytes(FEED)
    line = line_number(data, USA_2023)
    screened = screen_bytes(FEED, replace_line(data, line, old, new))
    assert quarantined(screened) == [(line, column, raw, reason)]
    assert counts(screened) == (17195, 17194, 1)


def test_a_repeated_row_is_a_duplicate_key():
    data = real_bytes(FEED)
    screened = screen_bytes(FEED, append_copy_of_line(data, line_number(data, USA_2023)))
    assert quarantined(screened) == [
        (17197, "area_code,year", "USA|2023", "duplicate key (area_code, year): an earlier row has the same key")
    ]
    assert counts(screened) == (17196, 17195, 1)


def test_pandas_style_floats_are_whole_persons():
    """'336806231.0', as a pandas re-export writes integers, is still 336,806,231 persons."""
    data = real_bytes(FEED)
    screened = screen_bytes(FEED, replace_line(data, line_number(data, USA_2023), b"336806231", b"336806231.0"))
    assert counts(screened) == (17195, 17195, 0)


def test_reordered_columns_and_an_extra_column_are_accepted():
    screened = screen_bytes(FEED, reordered_with_extra_column(real_bytes(FEED)))
    assert counts(screened) == (17195, 17195, 0)


def test_a_missing_required_column_fails_the_file():
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, real_bytes(FEED).replace(b"Value", b"SP.POP.TOTL", 1))
    assert str(raised.value) == (
        f"feed '{FEED}', file 'test.csv': missing required columns ['Value']; "
        "found ['Country Name', 'Country Code', 'Year', 'SP.POP.TOTL']"
    )


@pytest.mark.integration  # reads the shared build
def test_warehouse_has_us_population(built):
    assert built.query(
        "select population_persons, area_type from raw.worldbank__population where country_iso3 = 'USA' and year = 2023"
    ) == [(336806231, "country")]
    assert built.query("select count(*) from raw.worldbank__population where area_type = 'aggregate'") == [(3185,)]

"""iea_dc_electricity: IEA data-centre electricity by region as reported, countries checked against the dimension."""

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

FEED = "iea__dc_electricity"
WORLD_2024 = b"World,,2024,estimate,415,"
CHINA_2030 = b"China,CHN,2030,"


def test_real_file_stages_whole():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert counts(screened) == (13, 13, 0)
    rows = screened.rows
    twh = {(r, y): v for r, y, v in rows.select("region", "year", "dc_electricity_twh").rows()}
    assert (twh[("World", 2024)], twh[("World", 2030)], twh[("World", 2035)]) == (415, 945, 1200)
    assert twh[("United States", 2030)] == 426
    assert sorted(rows["country_iso3"].drop_nulls().unique()) == ["CHN", "USA"]
    assert dict(rows.group_by("scenario").len().rows()) == {"estimate": 6, "IEA base case": 7}
    regions_2024 = rows.filter((pl.col("year") == 2024) & (pl.col("region") != "World"))["dc_electricity_twh"].sum()
    assert regions_2024 == 416  # the regions partition the world to within rounding (SOURCE.md)


@pytest.mark.parametrize(
    "find, old, new, column, raw, reason",
    [
        (WORLD_2024, b",415,", b",-415,", "dc_electricity_twh", "-415", "below the minimum of 0 TWh/yr"),
        (WORLD_2024, b",415,", b",415 TWh,", "dc_electricity_twh", "415 TWh", "not a valid float"),
        (WORLD_2024, b",estimate,", b",forecast,", "scenario", "forecast", "not one of ['estimate', 'IEA base case']"),
        (
            WORLD_2024,
            b"World,,",
            b"World,XYZ,",
            "country_iso3",
            "XYZ",
            "not a country_iso3 in datahub__country_codes (data_contracts/datahub__country_codes.yml)",
        ),
        (
            CHINA_2030,
            b",CHN,",
            b",USA,",
            "country_iso3",
            "USA",
            "region names a country but country_iso3 is not its code",
        ),
        (CHINA_2030, b",CHN,", b",,", "country_iso3", None, "region names a country but country_iso3 is not its code"),
        (
            CHINA_2030,
            b"http://",
            b"www.",
            "source_url",
            "www.46.235.172.94/Archive/arch-46500-46999/GN46940T_words_EN.txt",
            "does not match ^https?://",
        ),
    ],
)
def test_bad_rows_are_quarantined_with_their_reason(find, old, new, column, raw, reason):
    data = real_bytes(FEED)
    line = line_number(data, find)
    screened = screen_bytes(FEED, replace_line(data, line, old, new))
    assert quarantined(screened) == [(line, column, raw, reason)]
    assert counts(screened) == (13, 12, 1)


def test_a_repeated_row_is_a_duplicate_key():
    data = real_bytes(FEED)
    screened = screen_bytes(FEED, append_copy_of_line(data, line_number(data, WORLD_2024)))
    assert quarantined(screened) == [
        (
            15,
            "region,year,scenario",
            "World|2024|estimate",
            "duplicate key (region, year, scenario): an earlier row has the same key",
        )
    ]
    assert counts(screened) == (14, 13, 1)


def test_reordered_columns_and_an_extra_column_are_accepted():
    screened = screen_bytes(FEED, reordered_with_extra_column(real_bytes(FEED)))
    assert counts(screened) == (13, 13, 0)


def test_a_missing_required_column_fails_the_file():
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, real_bytes(FEED).replace(b",twh,", b",gwh,", 1))
    assert "missing required columns ['twh']" in str(raised.value)


@pytest.mark.integration  # reads the shared build
def test_warehouse_has_the_world_2024_estimate(built):
    assert built.query(
        "select dc_electricity_twh, scenario from raw.iea__dc_electricity where region = 'World' and year = 2024"
    ) == [(415.0, "estimate")]
    assert built.check_passed(["raw", "iea__dc_electricity"], "contract") is True

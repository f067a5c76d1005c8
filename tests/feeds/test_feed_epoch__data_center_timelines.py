"""Epoch AI data-centre timelines: the real file with its US dates and scientific notation, and mutations of it."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from data_contracts.paths import REFERENCE_DATA
from ingest.reading import FeedFileError
from tests.helpers import golden
from tests.helpers.feeds import real_bytes, replace_line, screen_bytes

FEED = "epoch__data_center_timelines"
ALIBABA_2018 = 3  # '1/28/2018,Alibaba Zhangbei Zhangjiakou Hebei,...' with performance 8.44323E+18


def milestone(screened, site: str, on: date) -> dict:
    (row,) = screened.rows.filter((pl.col("data_center_name") == site) & (pl.col("date") == on)).to_dicts()
    return row


def test_real_file_stages_whole_with_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (112, 112, 0)
    assert screened.rows["data_center_name"].n_unique() == 16
    alibaba = milestone(screened, "Alibaba Zhangbei Zhangjiakou Hebei", date(2018, 1, 28))  # '1/28/2018'
    assert (alibaba["facility_power_mw"], alibaba["reported_it_power_mw"], alibaba["buildings_operational"]) == (
        76,
        None,
        3,
    )
    assert alibaba["performance_int8_ops"] == 8.44323e18  # '8.44323E+18'
    abilene = milestone(screened, "OpenAI-Oracle Stargate Abilene Texas", date(2025, 9, 26))
    assert (abilene["facility_power_mw"], abilene["building_area_sqft"], abilene["site_area_sqft"]) == (
        295,
        969920,
        38120000,
    )


def test_projections_are_kept():
    rows = screen_bytes(FEED, real_bytes(FEED)).rows
    assert (rows["date"].min(), rows["date"].max()) == (date(2016, 9, 20), date(2029, 1, 1))
    assert rows.filter(pl.col("date") > date(2025, 12, 14)).height > 0  # after the export: Epoch's projections


@pytest.mark.parametrize(
    "mutate, line, column, raw_value, reason",
    [
        (
            lambda d: replace_line(d, ALIBABA_2018, b",76,4266.414458,", b",-76,4266.414458,"),
            ALIBABA_2018,
            "facility_power_mw",
            "-76",
            "below the minimum of 0 MW (facility)",
        ),
        (
            lambda d: replace_line(d, ALIBABA_2018, b",76,4266.414458,", b",76000,4266.414458,"),
            ALIBABA_2018,
            "facility_power_mw",
            "76000",
            "above the maximum of 30000 MW (facility)",
        ),
        (
            lambda d: replace_line(d, ALIBABA_2018, b"1/28/2018,", b"28/1/2018,"),
            ALIBABA_2018,
            "date",
            "28/1/2018",
            "not a valid date",
        ),
        (
            lambda d: replace_line(d, ALIBABA_2018, b"1/28/2018,", b"1/28/2099,"),
            ALIBABA_2018,
            "date",
            "2099-01-28",
            "above the maximum of 2040-12-31",
        ),
        (
            lambda d: replace_line(d, ALIBABA_2018, b",76,4266.414458,", b",76,n/a,"),
            ALIBABA_2018,
            "h100_equivalents",
            "n/a",
            "not a valid float",
        ),
        (
            lambda d: replace_line(d, ALIBABA_2018, b"8.44323E+18", b"8.44323 E18"),
            ALIBABA_2018,
            "performance_int8_ops",
            "8.44323 E18",
            "not a valid float",
        ),
        (
            lambda d: d.rstrip(b"\n") + b"\n" + d.split(b"\n")[ALIBABA_2018 - 1] + b"\n",
            114,
            "data_center_name,date",
            "Alibaba Zhangbei Zhangjiakou Hebei|2018-01-28",
            "duplicate key (data_center_name, date): an earlier row has the same key",
        ),
    ],
    ids=[
        "negative-mw",
        "absurd-mw",
        "day-first-date",
        "date-in-2099",
        "text-h100",
        "broken-sci-notation",
        "duplicate-milestone",
    ],
)
def test_broken_rows_are_quarantined_with_their_reason(mutate, line, column, raw_value, reason):
    screened = screen_bytes(FEED, mutate(real_bytes(FEED)))
    assert screened.quarantine.select("source_line", "column_name", "raw_value", "reason").rows() == [
        (line, column, raw_value, reason)
    ]
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined
    assert screened.rows_quarantined == 1


def test_missing_column_fails_the_file():
    with pytest.raises(FeedFileError, match=r"missing required columns \['Power \(MW\)'\]"):
        screen_bytes(FEED, real_bytes(FEED).replace(b"Power (MW)", b"IT power (MW)", 1))


@pytest.mark.integration  # reads the shared build
def test_warehouse_holds_the_timelines(built):
    assert built.query(
        "select count(*), count(distinct data_center_name), max(date) from staging.stg_epoch__data_center_timelines"
    ) == [(112, 16, date(2029, 1, 1))]
    # facility power published; IT power converted once, with the dbt var
    assert built.query(
        "select facility_power_mw, it_power_mw, it_power_basis, performance_int8_ops from staging.stg_epoch__data_center_timelines "
        "where data_center_name = 'Alibaba Zhangbei Zhangjiakou Hebei' and date = '2018-01-28'"
    ) == [
        (76.0, pytest.approx(76 / golden.dbt_var("epoch_site_facility_to_it")), "converted_from_facility", 8.44323e18)
    ]
    # every timeline site is a data centre, by its handle
    assert built.query(
        "select count(*) from staging.stg_epoch__data_center_timelines t "
        "left join staging.stg_epoch__data_centers d on d.data_center_handle = t.data_center_name "
        "where d.data_center_name is null"
    ) == [(0,)]
    assert built.check_passed(["raw", "epoch__data_center_timelines"], "contract") is True


JULY_2026 = REFERENCE_DATA / "epoch_ai_2026_07" / "data_center_timelines.csv"


def test_the_july_2026_export_stages_by_column_name():
    """ISO dates, Name-keyed sites, IT power beside facility power, no area columns: read whole."""
    screened = screen_bytes(FEED, JULY_2026.read_bytes())
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (419, 418, 1)
    # Epoch's Meta Kuna row puts 70,000 in the million-gallons-a-day column: kept whole, with why
    assert screened.quarantine.select("source_line", "column_name", "raw_value", "reason").rows() == [
        (169, "water_use_mgd", "70000.0", "above the maximum of 1000 million US gallons per day")
    ]
    assert screened.rows["data_center_name"].n_unique() == 75
    uae = milestone(screened, "OpenAI Stargate UAE", date(2028, 1, 1))  # '1 GW of IT power is operational'
    assert (uae["reported_it_power_mw"], uae["facility_power_mw"], uae["building_area_sqft"]) == (1000, 1400, None)
    abilene = milestone(screened, "OpenAI Stargate Abilene", date(2026, 5, 23))
    assert (abilene["reported_it_power_mw"], abilene["facility_power_mw"]) == (421, 590)

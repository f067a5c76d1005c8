"""Epoch AI data centres: the real Dec-2025 file, its live-export header variant, and mutations of both."""

from __future__ import annotations

import io

import polars as pl
import pytest

from ingest.reading import FeedFileError
from tests.helpers import golden
from tests.helpers.feeds import real_bytes, replace_line, screen_bytes, unmapped

FEED = "epoch__data_centers"
COLOSSUS_1 = 13  # line of 'xAI Colossus 1' in data_centers.csv
COLOSSUS_1_TAIL = b",275795.85649317835,498,15.12"  # its H100 equivalents, MW and capital cost
LIVE_HEADER = [
    "Name",
    "Current H100 equivalents",
    "Current power (MW)",
    "Current total capital cost (2025 USD billions)",
    "Owner",
    "Users",
    "Selected Sources",
    "Calculations sheet",
    "Project",
    "Current chip types",
    "All chip types",
    "Investors",
    "Construction companies",
    "Energy companies",
    "Country",
    "Address",
]


def site(screened, name: str) -> dict:
    (row,) = screened.rows.filter(pl.col("data_center_name") == name).to_dicts()
    return row


def live_export(data: bytes) -> bytes:
    """The live export's header made from the real file: Title -> Name, a Country column, no Handle/coordinates."""
    frame = pl.read_csv(io.BytesIO(data), infer_schema=False)
    country = (
        pl.when(pl.col("Address").str.contains(r"China"))
        .then(pl.lit("China"))
        .when(pl.col("Address").str.contains("United Arab Emirates"))
        .then(pl.lit("United Arab Emirates"))
        .otherwise(pl.lit("United States of America"))
    )
    live = frame.rename({"Title": "Name"}).with_columns(
        country.alias("Country"), *[pl.lit(None, pl.String).alias(c) for c in LIVE_HEADER[6:8] + LIVE_HEADER[9:11]]
    )
    return live.select(LIVE_HEADER).write_csv().encode()


def test_real_file_stages_whole_with_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (16, 16, 0)
    colossus = site(screened, "xAI Colossus 1")
    assert (colossus["current_power_mw"], colossus["capital_cost_usd_bn_2025"]) == (498, 15.12)
    assert colossus["data_center_handle"] == "xAI Colossus 1 Memphis Tennessee"  # the timelines' name for it
    assert site(screened, "Meta Prometheus")["current_power_mw"] == 691  # facility power in this export


def test_dms_coordinates_become_decimal_degrees():
    screened = screen_bytes(FEED, real_bytes(FEED))
    madison = site(screened, "Amazon Madison Mega Site")  # 32°35'25"N 90°05'35"W
    assert madison["latitude_deg"] == pytest.approx(32 + 35 / 60 + 25 / 3600)
    assert madison["longitude_deg"] == pytest.approx(-(90 + 5 / 60 + 35 / 3600))
    alibaba = site(screened, "Alibaba Zhangbei")  # 41°11'6.6732"N 114°42'1.6272"E
    assert (alibaba["latitude_deg"], alibaba["longitude_deg"]) == (pytest.approx(41.185187), pytest.approx(114.700452))
    assert site(screened, "Goodnight")["longitude_deg"] == pytest.approx(-101.311944, abs=1e-6)  # ' 101°18'43"W'


def test_confidence_tags_are_split_from_values():
    screened = screen_bytes(FEED, real_bytes(FEED))
    madison = site(screened, "Amazon Madison Mega Site")
    assert (madison["owner"], madison["owner_confidence"]) == ("Amazon", "confident")
    assert (madison["project"], madison["project_confidence"]) == ("Project Rainier", "speculative")
    wisconsin = site(screened, "Microsoft Fairwater Wisconsin")  # 'OpenAI #likely, Microsoft #likely'
    assert (wisconsin["users"], wisconsin["users_confidence"]) == ("OpenAI; Microsoft", "likely; likely")
    uae = site(screened, "OpenAI Stargate UAE")  # investors carry no tags: no confidence column to invent
    assert (uae["investors"], uae["investors_confidence"]) == ("Softbank; Oracle; NVIDIA; Cisco; G42", None)
    assert (uae["owner"], uae["owner_confidence"]) == ("G42", "likely")


def test_countries_come_from_the_address():
    screened = screen_bytes(FEED, real_bytes(FEED))
    assert dict(screened.rows.group_by("country_iso3").len().rows()) == {"USA": 14, "CHN": 1, "ARE": 1}
    assert screened.rows["country_iso3_basis"].unique().to_list() == ["address"]
    assert site(screened, "Amazon Madison Mega Site")["country_iso3"] == "USA"  # '..., Mississippi Madison County'
    assert site(screened, "Alibaba Zhangbei")["country_iso3"] == "CHN"  # '..., Hebei, China, 076471'


def test_live_export_header_is_read_by_column_name():
    screened = screen_bytes(FEED, live_export(real_bytes(FEED)))
    assert (screened.rows_read, screened.rows_loaded, screened.rows_quarantined) == (16, 16, 0)
    colossus = site(screened, "xAI Colossus 1")
    assert (colossus["current_power_mw"], colossus["owner"], colossus["owner_confidence"]) == (498, "xAI", "confident")
    assert (colossus["country_name"], colossus["country_iso3"], colossus["country_iso3_basis"]) == (
        "United States of America",
        "USA",
        "country",
    )
    assert (colossus["data_center_handle"], colossus["latitude_deg"], colossus["longitude_deg"]) == (None, None, None)
    assert site(screened, "Alibaba Zhangbei")["country_iso3"] == "CHN"


def _append_copy(data: bytes, line_no: int) -> bytes:
    return data.rstrip(b"\n") + b"\n" + data.split(b"\n")[line_no - 1] + b"\n"


_GEORGIA = b"1435 Hwy 54 W, Fayetteville, GA 30214"
NO_COUNTRY = "no Country value, and the address does not end in a country name (curated/atlas__country_names.csv) or a US state (transforms/common/addresses.py)"


@pytest.mark.parametrize(
    "mutate, line, column, raw_value, reason",
    [
        (
            lambda d: replace_line(d, COLOSSUS_1, COLOSSUS_1_TAIL, b",275795.85649317835,-498,15.12"),
            COLOSSUS_1,
            "current_power_mw",
            "-498",
            "below the minimum of 0 MW (facility in Dec-2025, IT from 2026)",
        ),
        (
            lambda d: replace_line(d, COLOSSUS_1, COLOSSUS_1_TAIL, b",275795.85649317835,35000,15.12"),
            COLOSSUS_1,
            "current_power_mw",
            "35000",
            "above the maximum of 30000 MW (facility in Dec-2025, IT from 2026)",
        ),
        (
            lambda d: replace_line(d, COLOSSUS_1, COLOSSUS_1_TAIL, b",about 276k,498,15.12"),
            COLOSSUS_1,
            "h100_equivalents",
            "about 276k",
            "not a valid float",
        ),
        (
            lambda d: replace_line(d, COLOSSUS_1, b'"35\xc2\xb003\'35""N"', b'"95\xc2\xb003\'35""N"'),
            COLOSSUS_1,
            "latitude_deg",
            "95.05972222222222",
            "above the maximum of 90 degrees",
        ),  # range checked in degrees
        (
            lambda d: replace_line(d, COLOSSUS_1, b'"35\xc2\xb003\'35""N"', b'"35\xc2\xb003\'35""E"'),
            COLOSSUS_1,
            "latitude_deg",
            "35°03'35\"E",
            "not a valid float",
        ),
        (
            lambda d: replace_line(d, COLOSSUS_1, b"Memphis, TN 38109", b"Memphis, Atlantis"),
            COLOSSUS_1,
            "address",
            "3231 Riverport Rd, Memphis, Atlantis",
            NO_COUNTRY,
        ),
        (
            lambda d: replace_line(
                d, 10, _GEORGIA, b"1435 Hwy 54 W, Fayetteville, Georgia"
            ),  # the state or the country?
            10,
            "address",
            "1435 Hwy 54 W, Fayetteville, Georgia",
            NO_COUNTRY,
        ),
        (
            lambda d: replace_line(d, COLOSSUS_1, b"xAI #confident,xAI", b"xAI #certain,xAI"),
            COLOSSUS_1,
            "owner_confidence",
            "certain",  # the split-off tag is the value judged
            "not a '; '-separated list of ['confident', 'likely', 'speculative', 'untagged']",
        ),
        (
            lambda d: _append_copy(d, COLOSSUS_1),
            18,
            "data_center_name",
            "xAI Colossus 1",
            "duplicate key (data_center_name): an earlier row has the same key",
        ),
        (lambda d: live_export(d).replace(b"China", b"Atlantis"), 15, "country_name", "Atlantis", unmapped("Atlantis")),
    ],
    ids=[
        "negative-mw",
        "absurd-mw",
        "text-h100",
        "latitude-out-of-range",
        "latitude-with-east",
        "no-country-in-address",
        "georgia-is-ambiguous",
        "unknown-tag",
        "duplicate-site",
        "live-unknown-country",
    ],
)
def test_broken_rows_are_quarantined_with_their_reason(mutate, line, column, raw_value, reason):
    screened = screen_bytes(FEED, mutate(real_bytes(FEED)))
    problems = screened.quarantine.select("source_line", "column_name", "raw_value", "reason").rows()
    assert problems == [(line, column, raw_value, reason)]
    assert screened.rows_read == screened.rows_loaded + screened.rows_quarantined
    assert screened.rows_quarantined == 1


def test_live_export_blank_country_falls_back_to_the_address():
    data = live_export(real_bytes(FEED)).replace(b",China,", b",,")
    screened = screen_bytes(FEED, data)
    alibaba = site(screened, "Alibaba Zhangbei")
    assert (alibaba["country_name"], alibaba["country_iso3"], alibaba["country_iso3_basis"]) == (None, "CHN", "address")
    assert screened.rows_quarantined == 0


@pytest.mark.parametrize(
    "mutate, problem",
    [
        (lambda d: d.replace(b"Title,", b"Label,", 1), "missing required columns ['Title or Name']"),
        (
            lambda d: d.replace(b"Current power (MW)", b"Current power (GW)", 1),
            "missing required columns ['Current power (MW)']",
        ),
    ],
)
def test_file_level_problems(mutate, problem):
    with pytest.raises(FeedFileError) as raised:
        screen_bytes(FEED, mutate(real_bytes(FEED)))
    assert problem in str(raised.value)
    assert str(raised.value).startswith(f"feed '{FEED}', file '")


@pytest.mark.integration  # reads the shared build
def test_warehouse_holds_the_sites(built):
    ratio = golden.dbt_var("epoch_site_facility_to_it")
    assert built.query(
        "select reported_power_mw, reported_power_basis, it_power_mw, round(latitude_deg, 4), round(longitude_deg, 4), "
        "country_iso3, is_operational from staging.stg_epoch__data_centers where data_center_name = 'xAI Colossus 1'"
    ) == [(498.0, "facility", pytest.approx(498 / ratio), 35.0597, -90.1564, "USA", True)]
    # the Dec-2025 timelines publish facility power only, so the site's current power is facility power
    assert built.query(
        "select count(*), sum(reported_power_mw), sum(it_power_mw) from staging.stg_epoch__data_centers"
    ) == [(16, 4538.0, pytest.approx(4538 / ratio))]
    assert built.check_passed(["raw", "epoch__data_centers"], "contract") is True

"""Issue 13 groundwork: the hourly feeds' transforms on the real files. Each DST hour and each sentinel is
accounted for, with its reason; nothing is dropped silently and negative prices are kept."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import polars as pl

from data_contracts.paths import REFERENCE_DATA
from ingest.reading import read_csv
from transforms import eia930__demand_hourly as eia
from transforms import energidataservice__spot_price_hourly as dk
from transforms import entsoe__day_ahead_price_hourly as entsoe

HOURLY = REFERENCE_DATA / "hourly"


def _read(path: Path, *columns: str, delimiter: str = ",") -> pl.DataFrame:
    return read_csv(path.read_bytes(), feed="hourly", file=str(path), required_columns=columns, delimiter=delimiter)


def _quarantined(frame: pl.DataFrame, rules) -> pl.DataFrame:
    """(source_line, reason) of every row a rule sends to quarantine."""
    return pl.concat(
        [
            frame.filter(rule.bad.fill_null(False)).select(
                "source_line", (pl.lit(rule.reason) if isinstance(rule.reason, str) else rule.reason).alias("reason")
            )
            for rule in rules
        ]
    )


def _entsoe(year: int) -> pl.DataFrame:
    return entsoe.prepare(_read(HOURLY / "entsoe_tp_export_DE_hourly" / f"entsoe{year}.csv", entsoe.MTU, entsoe.PRICE))


def test_entsoe_local_intervals_become_one_utc_hour_each_across_both_dst_changes():
    prepared = _entsoe(2016)
    hours = prepared.filter(pl.col("hour_utc").is_not_null())
    # 8,785 rows: the leap year's 8,784 hours, the blank spring hour and the repeated autumn one
    assert prepared.height == 8785 and hours.height == 8784 == hours["hour_utc"].n_unique()
    assert (hours["hour_utc"].min(), hours["hour_utc"].max()) == ("2015-12-31T23:00:00Z", "2016-12-31T22:00:00Z")
    ((line, reason),) = _quarantined(prepared, entsoe.rules()).rows()
    assert prepared.filter(pl.col("source_line") == line)["local_start"].to_list() == ["2016-03-27T02:00"]
    assert reason.startswith("a local hour that does not exist (the spring daylight-saving change)")
    # the autumn repeat: first CEST (UTC+2), then CET (UTC+1), each with its own price
    autumn = _entsoe(2019).filter(pl.col("local_start") == "2019-10-27T02:00").select("hour_utc", "price_eur_per_mwh")
    assert autumn.rows() == [("2019-10-27T00:00:00Z", "-29.97"), ("2019-10-27T01:00:00Z", "-9.97")]
    negative = hours.filter(pl.col("price_eur_per_mwh").cast(pl.Float64) < 0)
    assert negative.height == 97 and negative["price_eur_per_mwh"].cast(pl.Float64).min() == -130.09  # kept


def test_entsoe_not_expected_prices_after_the_zone_split_are_quarantined_with_their_reason():
    prepared = _entsoe(2018)
    reasons = _quarantined(prepared, entsoe.rules())["reason"].value_counts().sort("count")
    assert reasons.rows() == [
        ("a local hour that does not exist (the spring daylight-saving change): no price belongs to it", 1),
        (
            "n/e: ENTSO-E publishes no price for this zone and hour (the DE-AT-LU series ends at the 2018-10-01 zone split)",
            2209,
        ),
    ]
    first = prepared.filter("price_not_expected").select("local_start", "hour_utc").row(0)
    assert first == ("2018-10-01T00:00", "2018-09-30T22:00:00Z")


def test_energi_data_service_decimal_commas_semicolons_and_newest_first():
    path = HOURLY / "energidataservice_elspotprices" / "Elspotprices.csv"
    prepared = dk.prepare(_read(path, "HourUTC", "SpotPriceEUR", delimiter=";"))
    assert prepared.height == 50831 == prepared["hour_utc"].n_unique()
    assert prepared.select("hour_utc", "spot_price_eur_per_mwh").row(0) == ("2022-10-19T21:00:00Z", "131.570007")
    eur = prepared["spot_price_eur_per_mwh"].cast(pl.Float64)
    assert (eur < 0).sum() == 308 and eur.min() == -50.040001 and eur.max() == 871.0  # as published (float32 noise)
    # a flat 24/7 load in 2021 pays the mean of the year's hourly prices: by hand from the file
    with path.open(encoding="utf-8") as f:
        by_hand = statistics.fmean(
            float(r["SpotPriceEUR"].replace(",", "."))
            for r in csv.DictReader(f, delimiter=";")
            if r["HourUTC"].startswith("2021")
        )
    flat = prepared.filter(pl.col("hour_utc").str.starts_with("2021"))["spot_price_eur_per_mwh"].cast(pl.Float64)
    assert flat.len() == 8760 and abs(flat.mean() - by_hand) < 1e-9


def _eia(ba: str) -> pl.DataFrame:
    return eia.prepare(_read(HOURLY / "eia930_demand_by_ba" / f"{ba}.csv", eia.TIME, eia.VALUE), f"{ba}.csv")


def test_eia_sentinels_missing_hours_and_zeros_are_quarantined_with_their_reason():
    pjm = _eia("PJM")
    quarantined = _quarantined(pjm, eia.rules()).join(
        pjm.select("source_line", "hour_utc", "demand_mw"), on="source_line"
    )
    sentinels = quarantined.filter(pl.col("reason").str.contains("median")).sort("hour_utc")
    # against the month's median: the three 2021-10-19 sentinels, and 2020-09-03 21Z, a doubled hour (250,825 MW
    # between 126,563 and 126,208) that the 2020-2024 median missed
    assert sentinels.select("hour_utc", "demand_mw").rows() == [
        ("2020-09-03T21:00:00Z", "250825"),
        ("2021-10-19T03:00:00Z", "1527760000"),
        ("2021-10-19T04:00:00Z", "2147480000"),
        ("2021-10-19T05:00:00Z", "431044000"),
    ]
    assert "more than 3.0x the balancing authority's median of" in sentinels["reason"][0]
    # doubled hours the median cannot see: 1.5x both neighbours (PJM 2020-07-24 16Z, 262,651 MW between 108,528 and 118,858)
    spikes = quarantined.filter(pl.col("reason").str.contains("both the hour before")).sort("hour_utc")
    assert spikes.select("hour_utc", "demand_mw").rows() == [
        ("2020-04-10T04:00:00Z", "215682"),
        ("2020-07-13T23:00:00Z", "224345"),
        ("2020-07-24T16:00:00Z", "262651"),
        ("2020-07-27T22:00:00Z", "245799"),
    ]
    assert quarantined.filter(pl.col("reason") == "no value published: EMPTY").height == 115
    # ERCOT's MISSING hour is the 2021 autumn daylight-saving change
    erco = _eia("ERCO")
    assert erco.filter("no_value")["hour_utc"].to_list() == ["2021-11-07T06:00:00Z"]
    assert _eia("SWPP").filter("implausible")["hour_utc"].to_list() == ["2023-06-13T02:00:00Z"]
    reco = _quarantined(_eia("PJM-RECO"), eia.rules())["reason"].value_counts()
    assert dict(reco.rows())["zero demand: the balancing authority reported nothing, not a load of 0 MW"] == 8875
    # every hour of the 2020-2024 file is accounted for: loaded or quarantined once, never dropped
    assert pjm.height == 43848 == pjm["hour_utc"].n_unique()
    assert quarantined["source_line"].n_unique() == quarantined.height

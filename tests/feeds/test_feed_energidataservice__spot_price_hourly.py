"""Energi Data Service DK2 spot prices through the loader: semicolons, decimal commas and newest-first rows
become one row per UTC hour, negative prices kept."""

from __future__ import annotations

import csv

from data_contracts.paths import REFERENCE_DATA
from tests.helpers.hourly import load_hourly, query

FEED = "energidataservice__spot_price_hourly"
FILE = REFERENCE_DATA / "hourly" / "energidataservice_elspotprices" / "Elspotprices.csv"


def _file_rows() -> list[dict]:
    with FILE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_every_hour_loads_once_with_its_price_and_negative_prices_are_kept(tmp_path):
    outcome = load_hourly(tmp_path, FEED)
    rows = _file_rows()
    assert not outcome.failures and outcome.counts["rows_read"] == len(rows) == outcome.counts["rows_loaded"]
    assert query(tmp_path, f"select count(*), count(distinct hour_utc) from raw.{FEED}") == [(len(rows), len(rows))]
    negative = [r for r in rows if float(r["SpotPriceEUR"].replace(",", ".")) < 0]
    assert query(tmp_path, f"select count(*) from raw.{FEED} where spot_price_eur_per_mwh < 0") == [(len(negative),)]
    # the newest row of the file, 978,750000 DKK and 131,570007 EUR for 2022-10-19 21:00 UTC
    assert query(
        tmp_path,
        f"""
        select spot_price_dkk_per_mwh, spot_price_eur_per_mwh, month_start::varchar from raw.{FEED}
        where hour_utc = '2022-10-19 21:00:00+00'""",
    ) == [(978.75, 131.570007, "2022-10-01")]
    # the autumn 2021 change: HourDK repeats 02:00, HourUTC does not; 25 hours in that Danish day
    assert query(
        tmp_path,
        f"""
        select count(*) from raw.{FEED} where hour_utc >= '2021-10-30 22:00:00+00' and hour_utc < '2021-10-31 23:00:00+00'""",
    ) == [(25,)]

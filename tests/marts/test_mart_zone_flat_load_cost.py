"""mart_zone_flat_load_cost against the files by hand: DK2's 2021 load-weighted price, its negative hours, the
bill per 100 MW; Germany's 2018 without the n/e hours; and the energy mart's bill saying which price it used."""

from __future__ import annotations

import csv
from collections import defaultdict
from statistics import mean

import pytest

from data_contracts.paths import REFERENCE_DATA


def _dk2_2021() -> list[tuple[str, float]]:
    path = REFERENCE_DATA / "hourly" / "energidataservice_elspotprices" / "Elspotprices.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            (r["HourUTC"], float(r["SpotPriceEUR"].replace(",", ".")))
            for r in csv.DictReader(handle, delimiter=";")
            if r["HourUTC"].startswith("2021") and r["PriceArea"] == "DK2"
        ]


def _row(built, zone: str, year: int) -> dict:
    columns = [c[0] for c in built.query("describe marts.mart_zone_flat_load_cost")]
    (row,) = built.query("select * from marts.mart_zone_flat_load_cost where price_zone = ? and year = ?", [zone, year])
    return dict(zip(columns, row))


def test_dk2_2021_flat_load_price_negative_hours_and_bill_by_hand(built):
    hours = _dk2_2021()
    prices = [p for _, p in hours]
    by_month = defaultdict(list)
    for hour, price in hours:
        by_month[hour[:7]].append(price)
    dk2 = _row(built, "DK2", 2021)
    assert (dk2["hours_priced"], dk2["is_complete_year"], dk2["months_priced"]) == (8760, True, 12)
    assert dk2["flat_load_price_eur_per_mwh"] == pytest.approx(mean(prices), abs=1e-6)
    assert dk2["monthly_average_price_eur_per_mwh"] == pytest.approx(mean(mean(m) for m in by_month.values()), abs=1e-6)
    negative = [p for p in prices if p < 0]
    assert dk2["negative_price_hours"] == len(negative) == 24
    assert dk2["negative_price_earnings_eur_per_100mw"] == pytest.approx(-100 * sum(negative), abs=0.01)
    assert dk2["yearly_bill_eur_per_100mw"] == pytest.approx(100 * sum(prices), abs=0.01)


def test_germany_2018_is_priced_only_where_entsoe_published_a_price(built):
    de = _row(built, "DE", 2018)
    # 8,760 UTC hours less the 2,209 n/e hours after the 2018-10-01 zone split
    assert (de["hours_priced"], de["is_complete_year"], de["price_source"]) == (8760 - 2209, False, "entsoe")


def test_the_energy_mart_names_the_price_basis_of_each_bill(built):
    basis = dict(
        built.query(
            "select country_iso3, price_basis || ': ' || price_basis_note from marts.mart_country_energy "
            "where scenario = 'base' and not is_projected_demand and country_iso3 in ('DEU', 'DNK', 'FRA')"
        )
    )
    # Ember's monthly prices reach 2023; the latest complete hourly years are older, so the bills stay monthly
    assert basis == {
        "DEU": "monthly_average: Ember's monthly average, 2023 (the latest complete hourly year, DE 2017, is older)",
        "DNK": "monthly_average: Ember's monthly average, 2023 (the latest complete hourly year, DK2 2021, is older)",
        "FRA": "monthly_average: Ember's monthly average, 2023 (no hourly prices)",
    }

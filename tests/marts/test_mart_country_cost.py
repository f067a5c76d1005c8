"""mart_country_cost and mart_market_cost: golden values worked out by hand from the source files."""

from __future__ import annotations

import csv
import math

import pytest

from data_contracts.paths import REFERENCE_DATA, REPO_ROOT

COST_FILE = REPO_ROOT / "curated" / "atlas__dc_cost_per_watt.csv"
CPI_FILE = REFERENCE_DATA / "cpi" / "cpi.csv"


def nominal_usd_per_w(market: str, year: int) -> float:
    with COST_FILE.open(newline="", encoding="utf-8") as f:
        (row,) = [r for r in csv.DictReader(f) if r["market"] == market and r["year"] == str(year)]
    return float(row["usd_per_watt"])


def usa_inflation_pct() -> dict[int, float]:
    with CPI_FILE.open(newline="", encoding="utf-8") as f:
        return {int(r["Year"]): float(r["CPI"]) for r in csv.DictReader(f) if r["Country Code"] == "USA"}


def to_usd_2025(year: int) -> float:
    """Chain (1 + r/100) over the years after `year` up to 2025; 2025 repeats 2024's rate (the file ends in 2024)."""
    rates = usa_inflation_pct()
    assert max(rates) == 2024, "the golden values assume the CPI file ends in 2024"
    rates[2025] = rates[2024]
    return math.prod(1 + rates[y] / 100 for y in range(year + 1, 2026))


def unbuilt_it_mw(built) -> dict[str, float]:
    """The reconciled pipeline per country (tested in test_mart_country_capacity); costs are what is tested here."""
    return dict(built.query("select country_iso3, unbuilt_it_mw from intermediate.int_country_capacity_pivoted"))


def rows(built, table: str, where: str, params: list) -> list[dict]:
    columns = [c[0] for c in built.query(f"describe marts.{table}")]
    return [dict(zip(columns, r)) for r in built.query(f"select * from marts.{table} where {where}", params)]


def country_row(built, iso3: str, year: int | None) -> dict:
    where = "country_iso3 = ? and cost_year is not distinct from ?"
    (row,) = rows(built, "mart_country_cost", where, [iso3, year])
    return row


def test_deflator_factors_match_the_cpi_file(built):
    # 2021: (1 + 8.00%) (1 + 4.12%) (1 + 2.95%) (1 + 2.95% again for 2025)
    assert to_usd_2025(2021) == pytest.approx(1.19180, abs=1e-5)
    for year in (2020, 2021, 2023, 2024, 2025):
        (factor,) = built.query(
            "select distinct to_usd_2025_factor from marts.mart_market_cost where cost_year = ?", [year]
        )
        assert factor[0] == pytest.approx(
            to_usd_2025(year), abs=5e-10
        )  # finished at 9 decimals (finished_figure_units)


def test_silicon_valley_2021_in_2025_usd(built):
    (sv,) = rows(built, "mart_market_cost", "market = 'Silicon Valley' and cost_year = 2021", [])
    assert sv["usd_per_w_nominal"] == nominal_usd_per_w("Silicon Valley", 2021) == 10.3
    expected = 10.3 * to_usd_2025(2021)
    assert sv["usd_per_w_2025"] == pytest.approx(expected)
    assert sv["usd_per_w_2025"] == pytest.approx(12.2755, abs=1e-4)
    assert sv["capex_usd_m_per_mw_2025"] == pytest.approx(expected)
    assert sv["country_iso3"] == "USA" and sv["is_latest_for_market"] is False


def test_usa_2021_two_markets_at_the_same_cost(built):
    usa = country_row(built, "USA", 2021)
    expected = 10.3 * to_usd_2025(2021)  # Silicon Valley 10.3, New Jersey 10.3
    assert (usa["market_count"], usa["markets"]) == (2, "New Jersey; Silicon Valley")
    assert usa["usd_per_w_2025"] == usa["usd_per_w_2025_min"] == usa["usd_per_w_2025_max"]
    assert usa["usd_per_w_2025"] == pytest.approx(expected)
    assert usa["is_latest_for_country"] is False
    assert usa["unbuilt_it_mw"] is None and usa["unbuilt_build_cost_usd_bn_2025"] is None


def test_jpn_2025_is_the_mean_of_tokyo_and_osaka(built):
    jpn = country_row(built, "JPN", 2025)
    tokyo, osaka = nominal_usd_per_w("Tokyo", 2025), nominal_usd_per_w("Osaka", 2025)
    assert (tokyo, osaka) == (15.2, 14.1)
    assert (jpn["market_count"], jpn["markets"]) == (2, "Osaka; Tokyo")
    assert jpn["usd_per_w_2025"] == pytest.approx((tokyo + osaka) / 2) == pytest.approx(14.65)
    assert jpn["capex_usd_m_per_mw_2025"] == pytest.approx(14.65)
    assert (jpn["usd_per_w_2025_min"], jpn["usd_per_w_2025_max"]) == pytest.approx((14.1, 15.2))
    assert jpn["is_latest_for_country"] is True
    assert jpn["has_tracked_pipeline"] is True  # Epoch's Japanese GPU clusters
    assert jpn["unbuilt_build_cost_usd_bn_2025"] == pytest.approx(unbuilt_it_mw(built)["JPN"] * 1e6 * 14.65 / 1e9)


def test_ind_pipeline_priced_at_mumbai(built):
    ind = country_row(built, "IND", 2025)
    mumbai = nominal_usd_per_w("Mumbai", 2025)
    assert ind["markets"] == "Mumbai" and ind["usd_per_w_2025"] == pytest.approx(mumbai) == pytest.approx(6.64)
    mw = unbuilt_it_mw(built)["IND"]  # HyperVault 1000 MW + Epoch's Indian clusters
    assert ind["unbuilt_it_mw"] == pytest.approx(mw)
    # MW x 1e6 W/MW x 6.64 USD/W / 1e9
    assert ind["unbuilt_build_cost_usd_bn_2025"] == pytest.approx(mw * 1e6 * mumbai / 1e9)


def test_usa_pipeline_priced_at_its_latest_cost_year(built):
    # The latest USA year is 2025, where only Silicon Valley is reported (factor 1.0).
    latest = rows(built, "mart_country_cost", "country_iso3 = 'USA' and is_latest_for_country", [])
    assert [r["cost_year"] for r in latest] == [2025]
    usa = latest[0]
    assert usa["markets"] == "Silicon Valley"
    assert usa["usd_per_w_2025"] == pytest.approx(nominal_usd_per_w("Silicon Valley", 2025) * to_usd_2025(2025))
    mw = unbuilt_it_mw(built)["USA"]
    assert usa["unbuilt_it_mw"] == pytest.approx(mw)
    assert usa["unbuilt_build_cost_usd_bn_2025"] == pytest.approx(mw * 1e6 * 13.3 / 1e9)


def test_pipeline_countries_without_a_market_stay_visible_without_a_cost(built):
    missing = rows(built, "mart_country_cost", "not has_cost_index_market", [])
    expected = {
        iso3: mw
        for iso3, mw in unbuilt_it_mw(built).items()
        if iso3 not in {"CHE", "DEU", "GBR", "IDN", "IND", "JPN", "MYS", "SAU", "SGP", "USA"}
    }
    assert {r["country_iso3"]: r["unbuilt_it_mw"] for r in missing} == pytest.approx(expected)
    assert {"ARE", "NOR", "CHN"} <= set(expected)
    for row in missing:
        assert row["cost_year"] is None and row["market_count"] == 0 and row["markets"] is None
        assert row["is_latest_for_country"] is True and row["has_tracked_pipeline"] is True
        assert row["usd_per_w_2025"] is None and row["capex_usd_m_per_mw_2025"] is None
        assert row["unbuilt_build_cost_usd_bn_2025"] is None


def test_one_latest_row_per_country(built):
    latest = built.query("select country_iso3 from marts.mart_country_cost where is_latest_for_country")
    in_index = built.query("select distinct country_iso3 from marts.mart_market_cost")
    without_market = set(unbuilt_it_mw(built)) - {r[0] for r in in_index}
    assert len(latest) == len({r[0] for r in latest}) == len(in_index) + len(without_market)


def test_every_market_row_of_the_file_reaches_the_market_mart(built):
    with COST_FILE.open(newline="", encoding="utf-8") as f:
        source = {(r["market"], int(r["year"]), float(r["usd_per_watt"])) for r in csv.DictReader(f)}
    assert set(built.query("select market, cost_year, usd_per_w_nominal from marts.mart_market_cost")) == source


def test_cost_dbt_checks_pass(built):
    assert built.check_passed(["marts", "mart_country_cost"], "assert_country_cost_rule_holds") is True
    assert (
        built.check_passed(
            ["marts", "mart_country_cost"],
            "relationships_mart_country_cost_country_iso3__country_iso3__ref_stg_datahub__country_codes_",
        )
        is True
    )
    assert built.check_passed(["marts", "mart_market_cost"], "grain_mart_market_cost_market__cost_year") is True
    assert (
        built.check_passed(
            ["intermediate", "int_market_cost_deflated"], "not_null_int_market_cost_deflated_to_usd_2025_factor"
        )
        is True
    )

"""mart_country_energy and the IEA reconciliation: golden values for ARE, NOR and USA from the source files."""

from __future__ import annotations

import csv
import json
import shutil

import duckdb
import pytest

from data_contracts.paths import REFERENCE_DATA
from orchestration.dbt_assets import dbt_project, dbt_resource
from tests.helpers import golden
from tests.helpers.dbt_parse import reusing_the_session_parse


def energy(built, iso3: str, year: int, scenario: str = "base") -> dict:
    columns = [c[0] for c in built.query("describe marts.mart_country_energy")]
    (row,) = built.query(
        "select * from marts.mart_country_energy where country_iso3 = ? and year = ? and scenario = ?",
        [iso3, year, scenario],
    )
    return dict(zip(columns, row))


def are_expected_it_mw(preset: dict, built) -> float:
    """Stargate UAE's 200 MW first phase in full, its other 800 MW and the planned clusters discounted."""
    clusters = golden.cluster_mw_by_status("United Arab Emirates", built.left_out_clusters())
    return 200 + preset["announced_to_built"] * (800 + clusters["announced"]) + clusters["operational"]


def test_are_grid_share_emissions_and_projection(built):
    preset = golden.scenario("base")
    demand_year, demand_twh = golden.ember_latest("ARE", "demand_twh")
    _, intensity = golden.ember_latest("ARE", "emissions_intensity_gco2_per_kwh")
    twh = golden.energy_twh(are_expected_it_mw(preset, built), preset)

    actual = energy(built, "ARE", demand_year)
    assert (demand_year, actual["national_demand_twh"], actual["is_projected_demand"]) == (2023, demand_twh, False)
    assert actual["dc_energy_twh"] == pytest.approx(twh)
    assert actual["dc_share_of_demand_pct"] == pytest.approx(100 * twh / demand_twh)
    # the 800 MW nobody is building yet is discounted: not 5.5 % of demand as when it counted in full
    assert actual["expected_built_it_mw"] == pytest.approx(683.78, abs=0.01)
    assert round(actual["dc_share_of_demand_pct"], 2) == 3.49
    assert actual["dc_emissions_tco2"] == pytest.approx(twh * 1e6 * intensity / 1000)
    assert actual["dc_electricity_bill_usd_bn_nominal"] is None  # Ember has no UAE wholesale prices

    projected = energy(built, "ARE", 2030)
    assert projected["is_projected_demand"]
    growth = 1 + preset["demand_growth_pct_per_year"] / 100
    assert projected["national_demand_twh"] == pytest.approx(demand_twh * growth ** (2030 - 2023))


def test_nor_electricity_bill_at_its_wholesale_price(built):
    preset = golden.scenario("base")
    with (REFERENCE_DATA / "ember" / "api_price_monthly.csv").open(newline="") as f:
        nor_2023 = {
            r["date"]: float(r["day_ahead_price_eur_per_mwh"])
            for r in csv.DictReader(f)
            if r["country_code"] == "NOR" and r["date"].startswith("2023")
        }
    with (REFERENCE_DATA / "exchange_rates" / "monthly.csv").open(newline="") as f:
        eur = {r["Date"]: float(r["Exchange rate"]) for r in csv.DictReader(f) if r["Country"] == "Euro"}
    usd_per_mwh = sum(price / eur[month] for month, price in nor_2023.items()) / 12
    expected_mw = (
        230 * preset["announced_to_built"]
        + golden.cluster_mw_by_status("Norway", built.left_out_clusters())["operational"]
    )
    twh = golden.energy_twh(expected_mw, preset)

    nor = energy(built, "NOR", 2024)
    assert (nor["price_year"], len(nor_2023)) == (2023, 12)  # 2024 prices stop in October
    assert nor["day_ahead_price_usd_per_mwh"] == pytest.approx(usd_per_mwh)
    assert nor["dc_energy_twh"] == pytest.approx(twh)
    assert nor["dc_electricity_bill_usd_bn_nominal"] == pytest.approx(twh * 1e6 * usd_per_mwh / 1e9)


def test_usa_share_and_scenario_switch(built):
    _, demand_twh = golden.ember_latest("USA", "demand_twh")
    base, high = energy(built, "USA", 2024, "base"), energy(built, "USA", 2024, "high")
    assert base["national_demand_twh"] == demand_twh == 4401.07
    assert base["dc_share_of_demand_pct"] == pytest.approx(100 * base["dc_energy_twh"] / demand_twh)
    # switching the scenario moves energy exactly as expected MW x utilisation x PUE
    ratio = (high["expected_built_it_mw"] * 0.9 * 1.56) / (base["expected_built_it_mw"] * 0.8 * 1.2)
    assert high["dc_energy_twh"] / base["dc_energy_twh"] == pytest.approx(ratio)


def test_iea_gap_is_shown_not_forced(built):
    rows = {
        (area, year): (iea, atlas, gap)
        for area, year, iea, atlas, gap in built.query(
            "select area_code, iea_year, iea_dc_electricity_twh, atlas_dc_energy_twh, gap_twh "
            "from marts.mart_dc_electricity_vs_iea where scenario = 'base'"
        )
    }
    assert {k: v[0] for k, v in rows.items()} == {
        ("world", 2024): 415,
        ("world", 2030): 945,
        ("world", 2035): 1200,
        ("USA", 2024): 183,
        ("USA", 2030): 426,
        ("CHN", 2024): 102,
        ("CHN", 2030): 277,
    }
    usa = energy(built, "USA", 2024)
    assert rows[("USA", 2030)][1] == pytest.approx(usa["dc_energy_twh"])  # expected build vs the 2030 projection
    assert rows[("USA", 2030)][2] == pytest.approx(usa["dc_energy_twh"] - 426)


def test_iea_estimate_is_met_by_what_ran_at_the_end_of_its_year(built):
    """Like years: the IEA's 2024 estimate against the capacity online by 31 December 2024, not December 2025's."""
    columns = ["iea_year", "capacity_as_of_year", "atlas_basis", "atlas_it_mw", "atlas_dc_energy_twh"]
    rows = {
        (r[0], r[1]): dict(zip(columns, r[2:]))
        for r in built.query(
            f"select area_code, scenario, {', '.join(columns)} from marts.mart_dc_electricity_vs_iea where iea_year = 2024"
        )
    }
    usa = rows[("USA", "base")]
    assert (usa["iea_year"], usa["capacity_as_of_year"], usa["atlas_basis"]) == (
        2024,
        2024,
        "online by end of IEA year",
    )
    ((online_2024_mw,),) = built.query(
        "select sum(it_mw) from intermediate.int_campus_phases_split "
        "where country_iso3 = 'USA' and status = 'operational' and online_on <= date '2024-12-31'"
    )
    assert usa["atlas_it_mw"] == pytest.approx(online_2024_mw)  # about 2,804 MW on the December-2025 files
    base = golden.scenario("base")
    assert usa["atlas_dc_energy_twh"] == pytest.approx(golden.energy_twh(online_2024_mw, base))  # about 23.6 TWh
    # Stargate Abilene's first building ran from mid-2025: not in 2024's capacity
    assert usa["atlas_dc_energy_twh"] < energy(built, "USA", 2024)["dc_energy_running_twh"]
    assert built.query(
        "select distinct capacity_as_of_year from marts.mart_dc_electricity_vs_iea where iea_scenario <> 'estimate'"
    ) == [(None,)]


def test_switching_a_scenario_var_rebuilds_the_marts_by_the_formula(built, tmp_path):
    """Override the base preset for one dbt build on a copy of the warehouse: energy follows PUE x utilisation."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(built.warehouse, copy)
    base = golden.scenario("base")
    switched = {**base, "pue": 1.5, "utilisation": 0.6}
    presets = {name: golden.scenario(name) for name in ("low", "high")} | {"base": switched}
    dbt_vars = {"atlas_warehouse": str(copy), "scenario_presets": presets}
    project = dbt_project()
    args = ["build", "--select", "int_scenarios_unpacked+"]
    with reusing_the_session_parse(dbt_vars, tmp_path / "dbt"):
        dbt_resource(project).cli([*args, "--vars", json.dumps(dbt_vars)], target_path=tmp_path / "target").wait()
    query = "select dc_energy_twh from marts.mart_country_energy where country_iso3 = 'USA' and year = 2024 and scenario = 'base'"
    with duckdb.connect(str(copy), read_only=True) as con:
        (after,) = con.execute(query).fetchone()
    (before,) = built.query(query)[0]
    assert after == pytest.approx(before * (1.5 * 0.6) / (base["pue"] * base["utilisation"]))


def test_per_capita_energy_uses_the_latest_population(built):
    with (REFERENCE_DATA / "population" / "population.csv").open(newline="") as f:
        nor = max((int(r["Year"]), int(r["Value"])) for r in csv.DictReader(f) if r["Country Code"] == "NOR")
    row = energy(built, "NOR", 2024)
    assert (row["population_year"], row["population_persons"]) == nor
    assert row["dc_energy_kwh_per_capita"] == pytest.approx(row["dc_energy_twh"] * 1e9 / nor[1])

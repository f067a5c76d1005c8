"""The whole graph built from the reference data: values asserted against the source files."""

from __future__ import annotations

import csv
import hashlib

import pytest

from tests.conftest import REFERENCE_DATA

EMBER_FILE = REFERENCE_DATA / "ember" / "api_country_overview_yearly.csv"
PUE, UTILISATION = 1.2, 0.8  # dbt_project.yml defaults


def ember_value(iso3: str, year: int, column: str) -> float:
    with EMBER_FILE.open(newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["country_code"] == iso3 and r["year"] == str(year))
    return float(row[column])


def mart_row(built, iso3: str) -> dict:
    with_names = built.query("select * from marts.mart_country_capacity where country_iso3 = ?", [iso3])
    columns = [c[0] for c in built.query("describe marts.mart_country_capacity")]
    assert len(with_names) == 1
    return dict(zip(columns, with_names[0]))


def test_are_carries_stargate_uae(built):
    are = mart_row(built, "ARE")
    assert are["under_construction_it_mw"] == 1000
    assert are["pipeline_it_mw"] == 1000
    assert are["announced_it_mw"] == are["operational_it_mw"] == are["paused_it_mw"] == 0
    assert are["project_count"] == 1
    assert are["country_name"] == "United Arab Emirates"


def test_are_share_of_demand_follows_the_formula(built):
    are = mart_row(built, "ARE")
    demand_twh = ember_value("ARE", 2023, "demand_twh")  # Ember's latest year for ARE
    assert (are["demand_year"], are["demand_twh"]) == (2023, demand_twh)
    expected_twh = 1000 * 8760 * UTILISATION * PUE / 1e6
    assert are["pipeline_energy_twh"] == pytest.approx(expected_twh)
    assert are["pipeline_share_of_demand_pct"] == pytest.approx(100 * expected_twh / demand_twh)
    assert are["pipeline_share_of_demand_pct"] == pytest.approx(5.0994, abs=1e-3)


def test_usa_capacity_by_status(built):
    usa = mart_row(built, "USA")
    # Abilene 1200 + Colossus 1 300 + Colossus 2 2000 + Fairwater Wisconsin 900
    assert usa["operational_it_mw"] == 4400
    assert usa["under_construction_it_mw"] == 5000  # Meta Hyperion; Lordstown published no MW
    assert usa["announced_it_mw"] == 1000  # Stargate Michigan
    assert usa["project_count"] == 12
    assert usa["projects_without_mw_count"] == 6


def test_usa_demand_2023_equals_the_ember_file(built):
    (demand_twh,) = built.query(
        "select demand_twh from staging.stg_ember__country_overview_yearly where country_iso3 = 'USA' and year = 2023"
    )[0]
    assert demand_twh == ember_value("USA", 2023, "demand_twh") == 4272.81


def test_paused_capacity_is_kept_apart(built):
    (status, mw), = built.query(
        "select status, it_mw from staging.stg_atlas__ai_dc_projects where project_name = 'Stargate UK (Cobalt Park)'"
    )
    assert (status, mw) == ("paused", None)
    gbr = mart_row(built, "GBR")
    assert (gbr["project_count"], gbr["announced_it_mw"], gbr["paused_it_mw"]) == (2, 90, 0)


def test_aggregates_are_kept_apart_from_countries(built):
    counts = dict(built.query("select area_type, count(*) from staged.ember__country_overview_yearly group by 1"))
    assert counts == {"aggregate": 13 * 25, "country": 5372 - 13 * 25}
    assert built.query(
        "select count(*) from staged.ember__country_overview_yearly where area_type = 'country' and country_iso3 is null"
    ) == [(0,)]
    assert built.query("select area_code from staged.ember__country_overview_yearly where area_name = 'World' limit 1") == [("world",)]


def test_partial_dates_keep_their_precision(built):
    rows = dict(
        (name, (str(on), precision))
        for name, on, precision in built.query(
            "select project_name, first_phase_online_on, first_phase_online_on_precision from staging.stg_atlas__ai_dc_projects"
        )
    )
    assert rows["Stargate UK (Cobalt Park)"] == ("2026-01-01", "quarter")
    assert rows["Stargate Abilene"] == ("2025-06-01", "month")
    assert rows["Stargate UAE"] == ("2026-01-01", "year")


def test_every_row_read_is_loaded_and_logged(built):
    loads = built.query(
        "select feed, rows_read, rows_loaded, rows_quarantined, contract_passed from audit.feed_loads order by feed"
    )
    assert [load for load in loads if load[0] in ("ai_dc_projects", "country_codes", "dc_cost_per_watt", "ember_country_overview_yearly")] == [
        ("ai_dc_projects", 21, 21, 0, True),
        ("country_codes", 250, 250, 0, True),  # 249 ISO rows + Kosovo
        ("dc_cost_per_watt", 21, 21, 0, True),
        ("ember_country_overview_yearly", 5372, 5372, 0, True),
    ]
    assert built.query("select count(*) from audit.quarantine where feed in ('ai_dc_projects', 'country_codes', 'dc_cost_per_watt', 'ember_country_overview_yearly')") == [(0,)]


def test_landed_file_is_kept_under_its_hash(built):
    sha = hashlib.sha256(EMBER_FILE.read_bytes()).hexdigest()
    landed = built.home / "landing" / "ember_country_overview_yearly" / f"{sha}.csv"
    assert landed.read_bytes() == EMBER_FILE.read_bytes()
    assert built.query(
        "select distinct source_file_sha256 from staging.stg_ember__country_overview_yearly"
    ) == [(sha,)]


def test_contract_and_dbt_checks_pass(built):
    for table in ("ember__country_overview_yearly", "atlas__ai_dc_projects", "atlas__dc_cost_per_watt"):
        assert built.check_passed(["staged", table], "contract") is True
    assert built.check_passed(["marts", "mart_country_capacity"], "unique_mart_country_capacity_country_iso3") is True
    assert built.check_passed(["marts", "mart_country_capacity"], "assert_capacity_statuses_add_up") is True


def test_materialisation_metadata_carries_lineage(built):
    metadata = built.materialisation_metadata(["staged", "ember__country_overview_yearly"])
    sha = hashlib.sha256(EMBER_FILE.read_bytes()).hexdigest()
    assert {k: metadata[k] for k in ("rows_read", "rows_loaded", "rows_quarantined", "source_file_sha256")} == {
        "rows_read": 5372, "rows_loaded": 5372, "rows_quarantined": 0, "source_file_sha256": sha,
    }
    assert built.materialisation_metadata(["landing", "ember_country_overview_yearly"])["sha256"] == sha

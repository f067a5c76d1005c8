"""The whole graph built from the reference data: values asserted against the source files."""

from __future__ import annotations

import csv
import hashlib
from datetime import date

from data_contracts.paths import REFERENCE_DATA

EMBER_FILE = REFERENCE_DATA / "ember" / "api_country_overview_yearly.csv"


def ember_value(iso3: str, year: int, column: str) -> float:
    with EMBER_FILE.open(newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["country_code"] == iso3 and r["year"] == str(year))
    return float(row[column])


def test_usa_demand_2023_equals_the_ember_file(built):
    (demand_twh,) = built.query(
        "select demand_twh from raw.ember__country_overview_yearly where country_iso3 = 'USA' and year = 2023"
    )[0]
    assert demand_twh == ember_value("USA", 2023, "demand_twh") == 4272.81


def test_aggregates_are_kept_apart_from_countries(built):
    counts = dict(built.query("select area_type, count(*) from raw.ember__country_overview_yearly group by 1"))
    assert counts == {"aggregate": 13 * 25, "country": 5372 - 13 * 25}
    assert built.query(
        "select count(*) from raw.ember__country_overview_yearly where area_type = 'country' and country_iso3 is null"
    ) == [(0,)]
    assert built.query(
        "select area_code from raw.ember__country_overview_yearly where area_name = 'World' limit 1"
    ) == [("world",)]


def test_partial_dates_keep_their_precision(built):
    rows = set(
        built.query(
            "select project_id, online_on, online_on_precision from staging.stg_atlas__dc_project_reports where field = 'online_on'"
        )
    )
    assert {
        ("stargate_australia", date(2027, 7, 1), "half"),  # H2-2027
        ("stargate_milam", date(2026, 10, 15), "day"),
        ("stargate_uk", date(2026, 1, 1), "quarter"),  # Q1-2026
        ("stargate_uae", date(2026, 1, 1), "year"),
    } <= rows


def test_every_row_read_is_loaded_and_logged(built):
    loads = built.query(
        "select feed, rows_read, rows_loaded, rows_quarantined, contract_passed from audit.feed_loads order by feed"
    )
    assert [
        load
        for load in loads
        if load[0]
        in (
            "atlas__dc_projects",
            "atlas__dc_project_phases",
            "datahub__country_codes",
            "atlas__dc_cost_per_watt",
            "ember__country_overview_yearly",
        )
    ] == [
        ("atlas__dc_cost_per_watt", 21, 21, 0, True),
        ("atlas__dc_project_phases", 46, 46, 0, True),
        ("atlas__dc_projects", 26, 26, 0, True),
        ("datahub__country_codes", 250, 250, 0, True),  # 249 ISO rows + Kosovo
        ("ember__country_overview_yearly", 5372, 5372, 0, True),
    ]
    assert built.query(
        "select count(*) from audit.quarantine where feed in ('atlas__dc_projects', 'atlas__dc_project_phases', 'atlas__dc_project_reports', 'datahub__country_codes', 'atlas__dc_cost_per_watt', 'ember__country_overview_yearly')"
    ) == [(0,)]


def test_landed_file_is_kept_under_its_hash(built):
    sha = hashlib.sha256(EMBER_FILE.read_bytes()).hexdigest()
    landed = built.home / "landing" / "ember__country_overview_yearly" / f"{sha}.csv"
    assert landed.read_bytes() == EMBER_FILE.read_bytes()
    assert built.query("select distinct source_file_sha256 from raw.ember__country_overview_yearly") == [(sha,)]


def test_contract_and_dbt_checks_pass(built):
    for table in ("ember__country_overview_yearly", "atlas__dc_project_reports", "atlas__dc_cost_per_watt"):
        assert built.check_passed(["raw", table], "contract") is True
    assert built.check_passed(["marts", "mart_country_capacity"], "assert_capacity_statuses_add_up") is True


def test_dbt_tables_carry_row_counts_observed_after_dbt_exits(built):
    (countries,) = built.query("select count(*) from marts.mart_country_scorecard")[0]
    assert built.observed_row_count(["marts", "mart_country_scorecard"]) == countries
    # every model is a table now (dbt_project.yml): staging and intermediate are counted too
    (projects,) = built.query("select count(*) from staging.stg_atlas__dc_projects")[0]
    assert built.observed_row_count(["staging", "stg_atlas__dc_projects"]) == projects == 26
    assert built.materialisation_metadata(["staging", "stg_atlas__dc_projects"]) is not None


def test_materialisation_metadata_carries_lineage(built):
    metadata = built.materialisation_metadata(["raw", "ember__country_overview_yearly"])
    sha = hashlib.sha256(EMBER_FILE.read_bytes()).hexdigest()
    assert {k: metadata[k] for k in ("rows_read", "rows_loaded", "rows_quarantined", "source_file_sha256")} == {
        "rows_read": 5372,
        "rows_loaded": 5372,
        "rows_quarantined": 0,
        "source_file_sha256": sha,
    }
    assert built.materialisation_metadata(["landing", "ember__country_overview_yearly"])["sha256"] == sha

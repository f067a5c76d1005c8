"""The analyst's kit: every saved question in sql/ runs against the published serving file and answers right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from data_contracts.paths import REFERENCE_DATA, REPO_ROOT
from serving.serving_file import publish_serving_file
from tests.helpers import golden

SQL_DIR = REPO_ROOT / "sql"
CROSSWALK = REPO_ROOT / "dbt_project" / "seeds" / "campus_crosswalk.csv"
SAVED_QUESTIONS = sorted(SQL_DIR.glob("*.sql"))


def ask(serving: Path, name: str) -> list[dict]:
    """Runs sql/<name>.sql as an analyst would: read-only, the file as written."""
    with duckdb.connect(str(serving), read_only=True) as con:
        cursor = con.execute((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def serving(built, tmp_path_factory) -> Path:
    return publish_serving_file(built.warehouse, tmp_path_factory.mktemp("serving") / "atlas.duckdb").path


def test_the_kit_is_five_questions_each_saying_what_it_answers(serving):
    assert {p.stem for p in SAVED_QUESTIONS} == {
        "capacity_by_country_and_status",
        "grid_strained_countries",
        "pipeline_electricity_bill",
        "slipped_projects",
        "programme_against_envelope",
    }
    for path in SAVED_QUESTIONS:
        header = path.read_text(encoding="utf-8").split("\nselect", 1)[0]
        assert header.startswith("-- ") and "Units:" in header, f"{path.name}: header comment with units"
        ask(serving, path.stem)  # runs against the serving file alone: marts and dimensions


def test_capacity_by_country_and_status_matches_the_mart(serving, built):
    rows = {(r["country_iso3"], r["status"]): r for r in ask(serving, "capacity_by_country_and_status")}
    ((usa_operational_it_mw,),) = built.query(
        "select sum(it_mw) from marts.mart_country_capacity "
        "where scenario = 'base' and country_iso3 = 'USA' and status = 'operational'"
    )
    assert rows["USA", "operational"]["it_mw"] == pytest.approx(usa_operational_it_mw)
    assert rows["ARE", "under_construction"]["it_mw"] == 200  # Stargate UAE's first phase
    assert rows["ARE", "announced"]["expected_built_it_mw"] == rows["ARE", "announced"]["it_mw"] / 2  # base: half built
    ((total_it_mw,),) = built.query("select sum(it_mw) from marts.mart_country_capacity where scenario = 'base'")
    assert sum(r["it_mw"] or 0 for r in rows.values()) == pytest.approx(total_it_mw)  # null where no MW is known
    assert next(iter(rows))[0] == "USA"  # largest expected build first


def usa_campus_ids(built) -> set[str]:
    """By hand from the files: every US registry project, Epoch site and Epoch cluster counted on its own,
    each under its crosswalk campus_id (else its own record), as int_campus_records_unioned names them."""
    crosswalk = {(r["source"], r["source_record"]): r["campus_id"] for r in golden._rows(CROSSWALK)}
    # a registry project is its own campus; a factory (Lordstown) is no capacity record
    registry = [
        r["project_id"]
        for r in golden._rows(REPO_ROOT / "curated" / "atlas__dc_projects.csv")
        if r["country_iso3"] == "USA" and r["project_kind"] == "data_centre"
    ]
    # the December site table has no country column: all but two of its sites are in the United States
    sites = [
        r["Title"]
        for r in golden._rows(REFERENCE_DATA / "epoch_ai" / "data_centers.csv")
        if r["Title"] not in ("Alibaba Zhangbei", "OpenAI Stargate UAE")
    ]
    # cumulative phases count once, as their latest phase; chains linked to a campus are left out
    clusters = [c["name"] for c in golden.cluster_chains("United States of America", built.left_out_clusters())]
    return (
        set(registry)
        | {crosswalk.get(("epoch_data_center", t), f"epoch_data_center:{t}") for t in sites}
        | {f"epoch_gpu_cluster:{n}" for n in clusters}
    )


def test_capacity_by_country_and_status_counts_each_campus_once(serving, built):
    rows = {(r["country_iso3"], r["status"]): r for r in ask(serving, "capacity_by_country_and_status")}
    usa = {status: r for (iso3, status), r in rows.items() if iso3 == "USA"}
    # 12 registry projects, 14 Epoch sites, 148 cluster chains (cumulative phases once), linked ones once
    assert len(usa_campus_ids(built)) == 168
    assert {r["country_campus_count"] for r in usa.values()} == {168}
    ((under_construction,),) = built.query(
        "select count(distinct campus_id) from intermediate.int_campus_phases_split "
        "where country_iso3 = 'USA' and status = 'under_construction'"
    )
    assert usa["under_construction"]["campus_count"] == under_construction  # distinct campuses, not quarter cells
    # per status a campus running in part and building the rest counts in both statuses, so the statuses
    # add up to more than the country's 168
    assert sum(r["campus_count"] for r in usa.values()) >= 168


def test_grid_strained_countries_above_5_pct(serving, built):
    strained = ask(serving, "grid_strained_countries")
    shares = dict(
        built.query(
            "select country_iso3, dc_share_of_demand_pct from marts.mart_country_energy "
            "where scenario = 'base' and not is_projected_demand and dc_share_of_demand_pct is not null"
        )
    )
    # the UAE's 800 MW beyond Stargate UAE's first phase is announced, not built: discounted, it stays below 5 %;
    # the USA crosses it with the December-2026 registry (Piketon's 10 GW and the Stargate sites, half built)
    assert [r["country_iso3"] for r in strained] == ["USA"]
    assert shares["ARE"] == pytest.approx(3.49, abs=0.01)  # was 5.47 % while the remainder counted as built
    assert max(shares.values()) == shares["USA"] == pytest.approx(5.07, abs=0.01)


def test_pipeline_electricity_bill_prices_europe_and_leaves_the_rest_null(serving, built):
    bills = {r["country_iso3"]: r for r in ask(serving, "pipeline_electricity_bill")}
    nor = bills["NOR"]
    assert nor["dc_electricity_bill_usd_bn_nominal"] == pytest.approx(
        nor["dc_energy_twh"] * 1e6 * nor["day_ahead_price_usd_per_mwh"] / 1e9
    )
    assert bills["USA"]["dc_electricity_bill_usd_bn_nominal"] is None  # Ember prices cover Europe only
    assert list(bills)[0] == "FRA"  # the largest bill first
    assert (
        len(bills)
        == built.query(
            "select count(*) from marts.mart_country_energy where scenario = 'base' and not is_projected_demand"
        )[0][0]
    )


def test_programme_against_envelope_is_9_countries_committing_3_2_pct(serving, built):
    rows = ask(serving, "programme_against_envelope")
    ((abilene_running_mw,),) = built.query(
        "select sum(it_mw) from intermediate.int_campus_phases_split "
        "where campus_id = 'stargate_abilene' and status = 'operational'"
    )
    assert len(rows) == 9
    assert [r["country_iso3"] for r in rows[:2]] == ["USA", "NOR"]  # the only committed capex: 15 + 1
    assert rows[0]["us_only_long_term_envelope_share_pct"] == pytest.approx(3.0)  # Port Washington's USD 15 bn of 500
    assert rows[0]["online_it_mw"] == pytest.approx(abilene_running_mw)  # what runs at Abilene, not its 1.2 GW build
    assert rows[-1]["cumulative_programme_wide_long_term_envelope_share_pct"] == pytest.approx(3.2)  # USD 16 bn of 500
    # "up to" figures of announced projects: Dona Ana's USD 165 bn bonds, Shackelford's 25 bn, TCS's 7 bn (2026);
    # Argentina's "up to" 25 bn is a letter of intent, not an announcement
    ind = next(r for r in rows if r["country_iso3"] == "IND")["capex_announced_up_to_usd_bn_2025"]
    assert sum(r["capex_announced_up_to_usd_bn_2025"] for r in rows) == pytest.approx(165 + 25 + ind)
    assert sum(r["projects_without_mw_count"] for r in rows) == 2  # Dona Ana, Stargate UK


def test_slipped_projects_answers_from_the_report_log_on_a_fresh_warehouse(serving):
    """The log is dated, so a fresh build knows: no reported date moved to a later period, and five phases are
    past their planned period with no report that they run (counted to the registry's review, 2026-12-02)."""
    slipped = ask(serving, "slipped_projects")
    assert [(r["project_id"], r["phase_id"], r["slippage_days"], r["overdue_days"]) for r in slipped] == [
        ("stargate_uk", 1, 0, 246),  # Q1-2026, paused 2026-04-09
        ("xai_colossus_2", 2, 0, 216),  # April 2026
        ("stargate_lordstown", 1, 0, 155),  # H1-2026 (the factory's first units)
        ("stargate_uae", 1, 0, 63),  # 2026, then Q3-2026 since 2025-12-05
        ("stargate_milam", 1, 0, 48),  # 2026-10-15
    ]
    uae = next(r for r in slipped if r["project_id"] == "stargate_uae")
    assert (uae["first_online_reported_on"], uae["latest_online_reported_on"]) == (date(2025, 5, 22), date(2026, 5, 25))


def test_slipped_projects_lists_a_delay_after_a_new_report(registry_rerun):
    """Run 2 with a new report: Norway's first phase moved from 2026 to 2027-H1, published through the serving asset."""
    slipped = ask(registry_rerun.home / "serving" / "atlas.duckdb", "slipped_projects")
    norway = next(r for r in slipped if r["project_id"] == "stargate_norway")
    assert (norway["phase_id"], norway["slippage_days"], norway["overdue_days"]) == (1, 365, None)
    assert (norway["first_online_on"], norway["latest_online_on"]) == (date(2026, 1, 1), date(2027, 1, 1))
    assert slipped[0]["project_id"] == "stargate_norway"  # the largest delay first

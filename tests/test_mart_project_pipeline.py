"""mart_project_pipeline: phases from the real registry, and history kept by the snapshot across two runs."""

from __future__ import annotations

import csv
import io
from datetime import date

import dagster as dg
import pytest

from tests import golden

PHASE_COLUMNS = "phase_number, phase, it_mw, first_planned_online_on, first_planned_online_precision, slippage_days"
# run 2 rebuilds what the registry feeds: its feed, the snapshot and every model downstream, so the marts
# still agree with each other (assert_marts_agree fails a run that rebuilds some of them only)
REGISTRY_TO_PIPELINE = [
    dg.AssetKey(key.split("/"))
    for key in (
        "landing/atlas__ai_dc_projects", "raw/atlas__ai_dc_projects", "staging/stg_atlas__ai_dc_projects",
        "snapshots/snap_atlas__ai_dc_projects", "intermediate/int_project_versions_summarised",
        "intermediate/int_campus_records_unioned", "intermediate/int_campuses_reconciled",
        "intermediate/int_campus_phases_split", "intermediate/int_country_capacity_pivoted",
        "intermediate/int_programme_projects_selected", "marts/mart_project_pipeline", "marts/mart_country_capacity",
        "marts/mart_country_cost", "marts/mart_country_energy", "marts/mart_country_programme",
        "marts/mart_country_scorecard", "marts/mart_dc_electricity_vs_iea",
    )
]


def phases(build, project: str) -> list[tuple]:
    sql = f"select {PHASE_COLUMNS} from marts.mart_project_pipeline where project_name = ? order by phase_number"
    return build.query(sql, [project])


def test_stargate_uae_is_200_mw_being_built_for_2026_then_800_mw_announced(built):
    assert phases(built, "Stargate UAE") == [
        (1, "next_phase", 200, date(2026, 1, 1), "year", 0),
        (2, "rest", 800, None, None, None),
    ]
    assert built.query(
        "select phase, status from marts.mart_project_pipeline where project_name = 'Stargate UAE' order by phase_number"
    ) == [("next_phase", "under_construction"), ("rest", "announced")]


def test_stargate_norway_is_20_mw_in_2026_then_210_mw(built):
    assert phases(built, "Stargate Norway") == [
        (1, "next_phase", 20, date(2026, 1, 1), "year", 0),
        (2, "rest", 210, None, None, None),
    ]


def test_usa_phases_are_the_campus_phases(built):
    ratio = golden.dbt_var("epoch_site_facility_to_it")
    # Abilene: Epoch saw 147 and 148 MW of facility power come online, projects 295 more next; the rest of the
    # registry's 1.2 GW is announced. The registry's June-2025 date and its history sit on phase 1.
    assert phases(built, "Stargate Abilene") == [
        (1, "running", pytest.approx(147 / ratio), date(2025, 6, 1), "month", 0),
        (2, "running", pytest.approx(148 / ratio), None, None, None),
        (3, "next_phase", pytest.approx(295 / ratio), None, None, None),
        (4, "rest", pytest.approx(1200 - 590 / ratio), None, None, None),
    ]
    assert built.query(
        "select is_latest_online_actual from marts.mart_project_pipeline where project_name = 'Stargate Abilene' and phase_number = 1"
    ) == [(True,)]
    assert built.query(
        "select distinct phase, status from marts.mart_project_pipeline where project_name = 'Stargate Abilene' order by 1"
    ) == [("next_phase", "under_construction"), ("rest", "announced"), ("running", "operational")]
    assert phases(built, "Meta Hyperion") == [
        (1, "next_phase", 2000, date(2030, 1, 1), "year", 0),
        (2, "rest", 3000, None, None, None),
    ]
    # no first-phase size published: one undivided row, announced, or under construction as the registry says
    assert phases(built, "Stargate Michigan") == [(1, "rest", 1000, None, None, None)]
    assert phases(built, "Stargate Lordstown") == [(1, "rest", None, date(2026, 1, 1), "year", 0)]
    assert built.query("select status from marts.mart_project_pipeline where project_name = 'Stargate Lordstown'") == [
        ("under_construction",)
    ]
    # 12 US projects in 26 rows; each adds up to its campus's full build (assert_project_phases_add_up_to_registry)
    ((rows, it_mw),) = built.query("select count(*), sum(it_mw) from marts.mart_project_pipeline where country_iso3 = 'USA'")
    ((campus_mw,),) = built.query(
        "select sum(c.it_mw) from intermediate.int_campuses_reconciled c where c.campus_id in ("
        "select campus_id from intermediate.int_campus_records_unioned where source = 'registry' and country_iso3 = 'USA')"
    )
    assert (rows, it_mw) == (26, pytest.approx(campus_mw))
    assert it_mw == pytest.approx(12702.31, abs=0.01)


def test_one_fresh_run_is_one_version_of_each_of_the_21_projects(built):
    assert built.query(
        "select count(distinct project_name), count(*), max(version_count), max(abs(slippage_days)) from marts.mart_project_pipeline"
    ) == [(21, 40, 1, 0)]
    assert built.query("select count(*) from snapshots.snap_atlas__ai_dc_projects") == [(21,)]


def registry_edited(registry: bytes) -> str:
    """Stargate Norway under construction, its first phase moved from 2026 to 2027; Stargate UAE's 2026
    narrowed to 2026-Q3 (as a 2026 article reports it)."""
    rows = list(csv.DictReader(registry.decode("utf-8").splitlines()))
    norway = next(r for r in rows if r["project"] == "Stargate Norway")
    assert (norway["status"], norway["first_phase_online"]) == ("announced", "2026")
    norway.update(status="under construction", first_phase_online="2027")
    next(r for r in rows if r["project"] == "Stargate UAE").update(first_phase_online="2026-Q3")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def two_runs(built, registry_rerun):
    """Run 1 on the repository's registry (the shared build); run 2 on an edited copy, into a copy of its home
    (conftest.registry_rerun)."""
    return registry_rerun, (built.started_at, built.finished_at)


def test_the_snapshot_keeps_both_versions_of_stargate_norway(two_runs):
    build, _ = two_runs
    versions = build.query(
        "select status, first_phase_online_on, dbt_valid_to is null from snapshots.snap_atlas__ai_dc_projects "
        "where project_name = 'Stargate Norway' order by dbt_valid_from"
    )
    assert versions == [("announced", date(2026, 1, 1), False), ("under_construction", date(2027, 1, 1), True)]
    assert build.query("select count(*) from snapshots.snap_atlas__ai_dc_projects") == [(23,)]


def test_the_mart_shows_the_change_and_365_days_of_slippage(two_runs):
    build, (before, after) = two_runs
    (row,) = build.query(
        "select status, it_mw, first_planned_online_on, latest_online_on, slippage_precision, slippage_days, "
        "version_count, first_seen_at, last_changed_at from marts.mart_project_pipeline "
        "where project_name = 'Stargate Norway' and phase_number = 1"
    )
    status, mw, first_planned, latest, precision, slippage, versions, first_seen, last_changed = row
    assert (status, mw, first_planned, latest) == ("under_construction", 20, date(2026, 1, 1), date(2027, 1, 1))
    assert (precision, slippage, versions) == ("year", 365, 2)
    assert before <= first_seen <= after  # first seen in run 1
    assert last_changed > after  # changed in run 2


def test_a_date_made_more_precise_is_no_slippage(two_runs):
    build, _ = two_runs
    # 2026 (year) -> 2026-Q3 (quarter): compared at the coarser precision, year, both are 2026
    assert build.query(
        "select version_count, first_planned_online_on, latest_online_on, latest_online_precision, "
        "slippage_precision, slippage_days from marts.mart_project_pipeline "
        "where project_name = 'Stargate UAE' and phase_number = 1"
    ) == [(2, date(2026, 1, 1), date(2026, 7, 1), "quarter", "year", 0)]


def test_unchanged_projects_keep_one_version_and_no_slippage(two_runs):
    build, _ = two_runs
    assert build.query(
        "select count(*), max(version_count), max(slippage_days) from marts.mart_project_pipeline "
        "where project_name = 'Stargate Argentina'"
    ) == [(2, 1, 0)]
    assert build.query("select count(distinct project_name) from marts.mart_project_pipeline where version_count = 2") == [(2,)]


def test_the_snapshot_is_an_asset_between_the_registry_and_the_pipeline_mart():
    from orchestration.definitions import defs

    graph = defs().resolve_asset_graph()
    snapshot = graph.get(dg.AssetKey(["snapshots", "snap_atlas__ai_dc_projects"]))
    assert snapshot.group_name == "snapshots"
    assert snapshot.parent_keys == {dg.AssetKey(["staging", "stg_atlas__ai_dc_projects"])}
    assert dg.AssetKey(["intermediate", "int_project_versions_summarised"]) in snapshot.child_keys

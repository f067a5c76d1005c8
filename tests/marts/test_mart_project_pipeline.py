"""mart_project_pipeline and mart_announcement_conversion: the registry's report log, hand-read from its files.

Golden values come from curated/atlas__dc_project_reports.csv read by hand (tests.helpers.golden.registry_latest):
the registry on any day is the latest report per project, phase and field up to that day.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import duckdb
import pytest

from orchestration.dbt_assets import dbt_project, dbt_resource
from tests.helpers import golden
from tests.helpers.dbt_parse import reusing_the_session_parse

COLUMNS = (
    "status, capacity_it_mw, first_online_on, first_online_precision, first_online_reported_on, "
    "latest_online_on, latest_online_precision, latest_online_reported_on, slippage_days, overdue_days"
)


def phase(build, project_id: str, phase_id: int, columns: str = COLUMNS) -> tuple:
    sql = f"select {columns} from marts.mart_project_pipeline where project_id = ? and phase_id = ?"
    (row,) = build.query(sql, [project_id, phase_id])
    return row


def test_stargate_uae_first_phase_kept_its_2026_and_is_overdue(built):
    """Announced 2025-05-22 for 2026; The National (2025-12-05) narrowed it to Q3-2026, the latest report
    (2026-05-25) still says Q3: compared at year precision no slip, but Q3 ended 2026-09-30 with no report
    that it runs, 63 days before the registry's review on 2026-12-02."""
    first = golden.registry_reports("stargate_uae", "online_on", "1")[0]
    latest = golden.registry_latest("stargate_uae", "online_on", "1")
    assert (first["value"], first["reported_on"], latest["value"], latest["reported_on"]) == (
        "2026",
        "2025-05-22",
        "2026-Q3",
        "2026-05-25",
    )
    assert phase(built, "stargate_uae", 1) == (
        "under_construction",
        200,
        date(2026, 1, 1),
        "year",
        date(2025, 5, 22),
        date(2026, 7, 1),
        "quarter",
        date(2026, 5, 25),
        0,
        (date(2026, 12, 2) - date(2026, 9, 30)).days,
    )
    assert phase(
        built, "stargate_uae", 1, "first_online_source_url, latest_online_source_url, online_report_count"
    ) == (first["source_url"], latest["source_url"], 5)
    # the rest of the 1 GW: announced, 1000 - 200 MW, planned for 2028 by an April-2026 page
    assert phase(built, "stargate_uae", 2, "status, capacity_it_mw, capacity_mw_basis, latest_online_on") == (
        "announced",
        800,
        "remainder_of_full_build",
        date(2028, 1, 1),
    )


def test_the_december_report_is_kept_beside_the_may_one_and_changed_the_date(built):
    rows = built.query(
        "select reported_on, value_text, changes_value, valid_to from intermediate.int_project_reports_sequenced "
        "where project_id = 'stargate_uae' and phase_id = 1 and field = 'online_on' order by report_number"
    )
    assert rows == [
        (date(2025, 5, 22), "2026", False, date(2025, 10, 16)),
        (date(2025, 10, 16), "2026", False, date(2025, 12, 5)),
        (date(2025, 12, 5), "2026-Q3", True, date(2026, 4, 1)),
        (date(2026, 4, 1), "2026-Q3", False, date(2026, 5, 25)),
        (date(2026, 5, 25), "2026-Q3", False, None),
    ]


def test_stargate_uk_paused_on_2026_04_09_its_q1_start_overdue(built):
    pause = golden.registry_reports("stargate_uk", "status")
    assert [(r["value"], r["reported_on"]) for r in pause] == [
        ("announced", "2025-09-17"),
        ("paused", "2026-04-09"),
        ("paused", "2026-06-02"),
    ]
    assert phase(
        built,
        "stargate_uk",
        1,
        "status, status_since_reported_on, capacity_it_mw, latest_online_on, latest_online_precision, overdue_days",
    ) == ("paused", date(2026, 4, 9), None, date(2026, 1, 1), "quarter", (date(2026, 12, 2) - date(2026, 3, 31)).days)
    # the pause holds for both phases; no MW was ever reported (up to 8,000 GPUs)
    assert built.query(
        "select phase_id, status from marts.mart_project_pipeline where project_id = 'stargate_uk' order by 1"
    ) == [(1, "paused"), (2, "paused")]


def test_stargate_norway_20_mw_first_then_210_then_a_290_mw_ambition(built):
    assert built.query(
        "select phase_id, status, capacity_it_mw, capacity_mw_basis from marts.mart_project_pipeline "
        "where project_id = 'stargate_norway' order by phase_id"
    ) == [
        (1, "announced", 20, "unstated_taken_as_it"),
        (2, "announced", 230 - 20, "remainder_of_full_build"),
        (3, "announced", 290, "unstated_taken_as_it"),
    ]
    # the 230 MW is IT power on one page and of unstated basis on the release: IT wins, both are kept
    assert golden.registry_latest("stargate_norway", "it_mw")["value"] == "230"
    assert built.query(
        "select it_mw, it_mw_basis from intermediate.int_projects_resolved where project_id = 'stargate_norway'"
    ) == [(230, "reported_it")]


def test_usa_stargate_sites_by_status_and_it_mw(built):
    rows = built.query(
        "select project_id, phase_id, status, capacity_it_mw from marts.mart_project_pipeline "
        "where country_iso3 = 'USA' and programmes like '%stargate%' order by project_id, phase_id"
    )
    assert rows == [
        ("stargate_abilene", 1, "operational", 200),  # two buildings live (Crusoe, 2025-09-30)
        ("stargate_abilene", 2, "under_construction", 1200 - 200),  # six more buildings, phase 2 begun (2025-03-18)
        ("stargate_abilene", 3, "cancelled", 600),  # the expansion near Abilene, dropped 2026-03-08
        ("stargate_dona_ana", 1, "under_construction", None),  # ground broken Jan-2026; no MW reported
        ("stargate_lordstown", 1, "under_construction", None),  # a factory, not a data centre
        ("stargate_michigan", 1, "under_construction", 1000),
        ("stargate_milam", 1, "under_construction", None),  # Freebird DC01
        ("stargate_milam", 2, "announced", None),
        ("stargate_port_washington", 1, "under_construction", 1000),  # the "undisclosed Midwest" site
        ("stargate_shackelford", 1, "under_construction", None),
        ("stargate_shackelford", 2, "announced", None),
    ]
    assert built.query(
        "select project_kind from marts.mart_project_pipeline where project_id = 'stargate_lordstown'"
    ) == [("factory",)]
    # Milam's first building was due 2026-10-15: 48 days overdue on 2026-12-02
    assert phase(built, "stargate_milam", 1, "latest_online_on, latest_online_precision, overdue_days") == (
        date(2026, 10, 15),
        "day",
        48,
    )


def test_a_factory_is_no_capacity_and_letters_of_intent_are_no_pipeline(built):
    assert built.query(
        "select count(*) from intermediate.int_campus_records_unioned where source_record = 'stargate_lordstown' "
        "and source = 'registry'"
    ) == [(0,)]
    # Argentina: a letter of intent for up to 500 MW; it is capacity in no pipeline sum
    assert built.query(
        "select status, it_mw from intermediate.int_campus_phases_split where campus_id = 'stargate_argentina' "
        "order by phase"
    ) == [("letter_of_intent", 100), ("letter_of_intent", 400)]
    ((pipeline,),) = built.query(
        "select pipeline_it_mw from intermediate.int_country_capacity_pivoted where country_iso3 = 'ARG'"
    ) or [(None,)]
    assert not pipeline


def test_conversion_of_announced_capacity_in_the_programme(built):
    rows = {
        r[0]: r[1:]
        for r in built.query(
            "select area, announced_it_mw, reached_construction_it_mw, reached_operation_it_mw, pre_announcement_project_count "
            "from marts.mart_announcement_conversion where scope = 'programme'"
        )
    }
    # the UAE: 1 GW announced 2025-05-22; its first 200 MW under construction from 2025-10-16 (147 days)
    assert rows["ARE"] == (1000, 200, 0, 0)
    assert built.query(
        "select median_days_to_construction from marts.mart_announcement_conversion "
        "where scope = 'programme' and area = 'ARE'"
    ) == [((date(2025, 10, 16) - date(2025, 5, 22)).days,)]
    # Korea: two letters of intent, no announcement yet
    assert rows["KOR"] == (0, 0, 0, 2)
    # Abilene's first 200 MW is the programme's only operational capacity in the registry
    assert rows["World"][2] == 200


def test_registry_as_of_rebuilds_the_pipeline_as_it_stood_that_day(built, tmp_path):
    """The same dbt models on two copies of the warehouse, as of the day before The National's report and
    as of that day: 2026, then 2026-Q3."""
    latest = {}
    for as_of in ("2025-12-04", "2025-12-05"):
        copy = tmp_path / as_of / "warehouse.duckdb"
        copy.parent.mkdir()
        shutil.copy(built.warehouse, copy)
        dbt_vars = {"atlas_warehouse": str(copy), "registry_as_of": as_of}
        models = "int_project_reports_sequenced int_project_phases_resolved int_projects_resolved mart_project_pipeline"
        with reusing_the_session_parse(dbt_vars, tmp_path / "dbt"):
            dbt_resource(dbt_project()).cli(
                ["run", "--select", models, "--vars", json.dumps(dbt_vars)], target_path=tmp_path / f"target-{as_of}"
            ).wait()
        with duckdb.connect(str(copy), read_only=True) as con:
            latest[as_of] = con.execute(
                "select latest_online_on, latest_online_precision, registry_on from marts.mart_project_pipeline "
                "where project_id = 'stargate_uae' and phase_id = 1"
            ).fetchone()
            # projects first reported later are not in the registry yet (India: 2026-02-19)
            assert con.execute(
                "select count(*) from marts.mart_project_pipeline where project_id = 'stargate_india'"
            ).fetchone() == (0,)
    assert latest == {
        "2025-12-04": (date(2026, 1, 1), "year", date(2025, 12, 4)),
        "2025-12-05": (date(2026, 7, 1), "quarter", date(2025, 12, 5)),
    }


@pytest.fixture(scope="module")
def two_runs(built, registry_rerun):
    """Run 1 on the repository's registry (the shared build); run 2 with tests/helpers/registry.py's NEW_REPORTS appended."""
    return registry_rerun


def test_a_new_report_moves_the_date_and_keeps_the_old_one(two_runs):
    assert phase(
        two_runs,
        "stargate_norway",
        1,
        "status, first_online_on, latest_online_on, latest_online_precision, "
        "slippage_precision, slippage_days, latest_online_source_url",
    ) == (
        "under_construction",
        date(2026, 1, 1),
        date(2027, 1, 1),
        "half",
        "year",
        365,
        "https://example.org/norway-update",
    )
    assert two_runs.query(
        "select count(*) from intermediate.int_project_reports_sequenced where project_id = 'stargate_norway' and phase_id = 1 "
        "and field = 'online_on'"
    ) == [(3,)]


def test_unchanged_projects_keep_their_figures(built, two_runs):
    sql = "select * exclude (registry_on) from marts.mart_project_pipeline where project_id <> 'stargate_norway' order by all"
    assert two_runs.query(sql) == built.query(sql)

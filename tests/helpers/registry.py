"""Run 2 of the registry: the shared build's home with new reports appended to the report log, rebuilt from
the report feed down (tests/conftest.py `registry_rerun`; read by the pipeline, release and saved-question tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from data_contracts.feeds import feed_by_name
from data_contracts.paths import REFERENCE_DATA
from orchestration.keys import SERVING_KEY
from tests.helpers.builds import Build, copy_of, materialise_everything

# run 2 rebuilds what the report log feeds: its feed and every model downstream, so the marts still agree
# with each other (assert_marts_agree fails a run that rebuilds some of them only)
REGISTRY_TO_PIPELINE = [
    dg.AssetKey(key.split("/"))
    for key in (
        "landing/atlas__dc_project_reports",
        "raw/atlas__dc_project_reports",
        "staging/stg_atlas__dc_project_reports",
        "intermediate/int_project_reports_sequenced",
        "intermediate/int_project_phases_resolved",
        "intermediate/int_projects_resolved",
        "intermediate/int_campus_records_unioned",
        "intermediate/int_campuses_reconciled",
        "intermediate/int_campus_phases_split",
        "intermediate/int_country_capacity_pivoted",
        "intermediate/int_programme_projects_selected",
        "marts/mart_project_pipeline",
        "marts/mart_announcement_conversion",
        "marts/mart_country_capacity",
        "marts/mart_country_cost",
        "marts/mart_country_energy",
        "marts/mart_country_programme",
        "marts/mart_country_scorecard",
        "marts/mart_dc_electricity_vs_iea",
    )
]
# Run 2's new reports, as a reviewer appends them: Stargate Norway's first phase reported under construction
# and moved from 2026 to 2027-H1 by a later page (invented for the test, and so on a test URL).
NEW_REPORTS = (
    "stargate_norway,1,status,under_construction,,,,2026-11-20,https://example.org/norway-update,test report\n"
    "stargate_norway,1,online_on,2027-H1,,,,2026-11-20,https://example.org/norway-update,test report\n"
)


def curated_with_reports(folder: Path, reports: str) -> Path:
    """A copy of curated/ whose report log ends with `reports` (CSV lines)."""
    shutil.copytree(feed_by_name("atlas__dc_project_reports").curated_path.parent, folder)
    with (folder / "atlas__dc_project_reports.csv").open("a", encoding="utf-8") as log:
        log.write(reports)
    return folder


def rerun_with_new_reports(built: Build, home: Path) -> Build:
    copy_of(built, home)
    curated = curated_with_reports(home.parent / "curated", NEW_REPORTS)
    return materialise_everything(home, REFERENCE_DATA, only=[*REGISTRY_TO_PIPELINE, SERVING_KEY], curated_dir=curated)

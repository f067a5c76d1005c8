"""A failing dbt test stops only the models downstream of it: the rest rebuild, the serving file publishes,
and the run ends failed naming the test. Real dbt on a real build, with a real mistake in a curated file (the
second run reloads the report log and the cost per watt, and rebuilds everything that reads them)."""

from __future__ import annotations

from datetime import date

import duckdb

from data_contracts.paths import REFERENCE_DATA
from orchestration.keys import landing_key
from tests.helpers.builds import copy_of, downstream_of, materialise_everything
from tests.helpers.registry import curated_with_reports

TEST = "assert_registry_reviewed_after_every_report"
REPORTS_LANDING = landing_key("atlas__dc_project_reports")
COST_LANDING = landing_key("atlas__dc_cost_per_watt")


def test_a_failing_dbt_test_freezes_only_what_is_downstream_of_it(built, tmp_path):
    home = tmp_path / "home"
    copy_of(built, home)
    # a report dated after registry_reviewed_on: the contract takes it (not after the file was fetched),
    # the registry's dbt test does not
    curated = curated_with_reports(
        tmp_path / "curated",
        f"stargate_norway,1,status,operational,,,,{date.today().isoformat()},https://example.org/n,test\n",
    )

    # the report log and what reads it, and the cost feed and what reads it (a mart no registry test guards)
    second = materialise_everything(
        home, REFERENCE_DATA, only=downstream_of(REPORTS_LANDING, COST_LANDING), curated_dir=curated
    )

    assert not second.result.success
    message = next(f for f in second.failures() if f.startswith("serving__build_status"))
    assert TEST in message and "model.capacity_atlas.mart_project_pipeline" in message
    assert second.check_passed(["staging", "stg_atlas__dc_project_reports"], TEST) is False
    # downstream of the test: kept at the last build's version
    count = "select count(*) from intermediate.int_project_reports_sequenced"
    assert second.query(count) == built.query(count)
    assert second.query(
        "select status from marts.mart_project_pipeline where project_id = 'stargate_norway' and phase_id = 1"
    ) == [("announced",)]
    # everything else rebuilt and published
    with duckdb.connect(str(home / "serving" / "atlas.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.mart_market_cost").fetchone()[0] > 0
        assert (
            con.execute("select count(*) from marts.mart_project_pipeline").fetchone()
            == built.query("select count(*) from marts.mart_project_pipeline")[0]
        )
        # and the marts say which are old: the pipeline was not rebuilt, the cost marts read no registry
        states = dict(con.execute("select mart, state from dimensions.mart_state").fetchall())
        pipeline_note, failed_nodes = con.execute(
            "select note, failed_nodes from dimensions.mart_state where mart = 'mart_project_pipeline'"
        ).fetchone()
        alerts = [a for (a,) in con.execute("select alert from release.alerts").fetchall()]
    assert states["mart_project_pipeline"] == "not_rebuilt" and states["mart_market_cost"] == "ok"
    assert "its last built version is kept" in pipeline_note and any(TEST in n for n in failed_nodes)
    assert any(a.startswith("mart_project_pipeline: not_rebuilt") for a in alerts)
    (failed,) = second.query("select failed from audit.dbt_runs order by finished_at desc limit 1")[0]
    assert any(TEST in node for node in failed)

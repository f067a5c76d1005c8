"""Every publish is a release: the marts as Parquet and CSV with a valid Frictionless datapackage.json, an id
of build time and input hashes, a change report against the previous release, and the newest kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import frictionless

from orchestration.dbt_assets import dbt_project
from serving.releases import input_files, release_dirs, release_id, write_release


def _releases(home):
    return release_dirs(home / "releases")


def test_the_build_publishes_a_valid_release_of_every_mart(built):
    (release,) = _releases(built.home)
    package = json.loads((release / "datapackage.json").read_text())
    assert frictionless.validate(str(release / "datapackage.json")).valid
    inputs = input_files(built.warehouse)
    assert release.name.endswith(release_id(datetime.now(UTC), inputs).split("-")[1])  # the inputs' hashes
    assert len(inputs) == 20 and package["version"] == release.name
    capacity = next(r for r in package["resources"] if r["name"] == "mart_country_capacity")
    fields = {f["name"]: f for f in capacity["schema"]["fields"]}
    assert (fields["it_mw"]["type"], fields["it_mw"]["unit"]) == ("number", "MW")
    assert "IT capacity" in fields["it_mw"]["description"]
    assert "unit" not in fields["campuses_without_mw_count"]  # a count, not MW
    with duckdb.connect(str(built.home / "serving" / "atlas.duckdb"), read_only=True) as con:
        for resource in package["resources"]:
            (rows,) = con.execute(f"select count(*) from marts.{resource['name']}").fetchone()
            assert duckdb.sql(
                f"select count(*) from '{release / 'data' / (resource['name'] + '.parquet')}'"
            ).fetchone() == (rows,)
            assert duckdb.sql(f"select count(*) from read_csv('{release / resource['path']}')").fetchone() == (rows,)
    assert len(package["resources"]) == 11


def test_a_rebuild_on_an_edited_registry_reports_what_changed(registry_rerun):
    first, second = _releases(registry_rerun.home)  # the shared build's release, then the re-run's
    changes = json.loads((second / "changes.json").read_text())
    assert changes["since"] == first.name
    assert {"mart_country_capacity", "mart_project_pipeline"} <= set(changes["marts"])
    # matched on its grain (project_id, phase_id): one phase changed, none added or removed
    pipeline = changes["marts"]["mart_project_pipeline"]
    assert (pipeline["rows_added"], pipeline["rows_removed"], pipeline["rows_changed"]) == (0, 0, 1)
    assert {"status", "latest_online_on", "slippage_days", "latest_online_source_url"} <= set(
        pipeline["changed_columns"]
    )
    assert "capacity_it_mw" not in pipeline["changed_columns"]
    assert "mart_market_cost" not in changes["marts"]  # the registry is not in it
    # in an analyst's words: Norway's first phase is being built and its date moved
    assert "stargate_norway phase 1: status announced -> under_construction" in changes["alerts"]
    assert "stargate_norway phase 1: planned online date 2026-01-01 -> 2027-01-01" in changes["alerts"]
    digest = (second / "changes.md").read_text()
    assert "stargate_norway phase 1: status announced -> under_construction" in digest
    assert "| mart_project_pipeline | 0 | 0 | 1 |" in digest


def test_the_first_release_reports_every_row_as_new(built):
    (release,) = _releases(built.home)
    changes = json.loads((release / "changes.json").read_text())
    assert changes["since"] is None and changes["alerts"] == []
    with duckdb.connect(str(built.home / "serving" / "atlas.duckdb"), read_only=True) as con:
        (rows,) = con.execute("select count(*) from marts.mart_project_pipeline").fetchone()
    assert changes["marts"]["mart_project_pipeline"] == {
        "rows_added": rows,
        "rows_removed": 0,
        "rows_changed": 0,
        "changed_columns": [],
    }
    assert "the first release: every row is new" in (release / "changes.md").read_text()
    # the serving file carries the same report, and each feed's and mart's state as the release's state.json
    state = json.loads((release / "state.json").read_text())
    assert {r["state"] for r in state["feed_state"]} == {"ok"} and len(state["feed_state"]) == 20
    assert {r["mart"]: r["state"] for r in state["mart_state"]}["mart_country_energy"] == "ok"
    with duckdb.connect(str(built.home / "serving" / "atlas.duckdb"), read_only=True) as con:
        assert con.execute("select release_id, since_release_id, alert_count from release.summary").fetchall() == [
            (release.name, None, 0)
        ]
        assert con.execute(
            "select rows_added, rows_removed from release.mart_changes where mart = 'mart_project_pipeline'"
        ).fetchall() == [(rows, 0)]
        assert con.execute("select count(*) from release.alerts").fetchone() == (0,)
        inputs = dict(con.execute("select mart, input_feeds from dimensions.mart_state").fetchall())
    # the lineage dbt knows: the market cost mart is deflated with CPI and reads no FX rate
    assert inputs["mart_market_cost"] == [
        "atlas__dc_cost_per_watt",
        "datahub__country_codes",
        "worldbank__cpi_inflation",
    ]


def test_only_the_newest_releases_are_kept(built, tmp_path):
    releases = tmp_path / "releases"
    inputs = input_files(built.warehouse)
    manifest = json.loads(dbt_project().manifest_path.read_text())
    with duckdb.connect(str(built.home / "serving" / "atlas.duckdb"), read_only=True) as con:
        ids = [
            write_release(con, releases, manifest, inputs, datetime(2026, 12, 1, hour, tzinfo=UTC), keep=2).release_id
            for hour in (1, 2, 3)
        ]
    assert [p.name for p in sorted(releases.iterdir())] == ids[1:]
    assert json.loads((releases / ids[2] / "changes.json").read_text()) == {"since": ids[1], "marts": {}, "alerts": []}

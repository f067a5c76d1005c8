"""The whole pipeline on Epoch's July-2026 export: read by column name, joined on the key it carries,
renames followed, IT power taken as published; and a join that would lose records fails the build."""

from __future__ import annotations

import shutil
from datetime import date

import dagster as dg
import pytest

from data_contracts.paths import REFERENCE_DATA
from orchestration.keys import landing_key
from scripts.vintage_mirror import vintage_mirror
from tests.helpers.builds import asset_graph, copy_of, downstream_of, materialise_everything

JULY_2026 = "epoch_ai_2026_07"


@pytest.fixture(scope="module")
def built_2026(built, tmp_path_factory):
    """The shared build's home refreshed from a mirror holding the July-2026 export, as a run meets a new export:
    Epoch's three feeds reloaded, every model that reads them and the serving file rebuilt (what reads no Epoch
    file is the same on either export)."""
    root = tmp_path_factory.mktemp("epoch_2026")
    mirror = vintage_mirror(REFERENCE_DATA, JULY_2026, root / "mirror")
    epoch = [landing_key(f"epoch__{name}") for name in ("data_centers", "data_center_timelines", "gpu_clusters")]
    build = materialise_everything(copy_of(built, root / "home").home, mirror, only=downstream_of(*epoch))
    assert build.result.success, f"the build on the July-2026 export failed: {build.failures()}"
    return build


def test_site_power_is_it_power_as_published(built_2026):
    # the export's timelines carry IT power, so the site's current power is IT power: no conversion
    assert built_2026.query(
        "select reported_power_basis, reported_power_mw, it_power_mw from staging.stg_epoch__data_centers "
        "where data_center_name = 'OpenAI Stargate Abilene'"
    ) == [("it", 421.0, 421.0)]
    assert built_2026.query(
        "select count(*), count(*) filter (where it_power_basis = 'reported') from staging.stg_epoch__data_center_timelines"
    ) == [(418, 418)]  # one row quarantined (Meta Kuna's water use)


def test_abilene_by_hand_from_the_2026_timeline(built_2026):
    # IT power (MW): 105 on 2025-09-26, 211 on 2025-12-24, 421 on 2026-05-23 (observed by the export); the
    # registry's phase 2 (six buildings, under construction, due 2026) is the rest of its 1,200 MW, and a dated
    # registry phase outranks Epoch's projection (843 MW for 2026-11-01)
    assert built_2026.query(
        "select phase, status, it_mw, online_on from intermediate.int_campus_phases_split "
        "where campus_id = 'stargate_abilene' order by phase desc, online_on nulls last"
    ) == [
        ("running", "operational", 105.0, date(2025, 9, 26)),
        ("running", "operational", 106.0, date(2025, 12, 24)),
        ("running", "operational", 210.0, date(2026, 5, 23)),
        ("next_phase", "under_construction", 1200.0 - 421.0, date(2026, 1, 1)),
    ]
    assert built_2026.query("select distinct as_of_date from intermediate.int_epoch_site_steps_dated") == [
        (date(2026, 7, 15),)
    ]


def test_renamed_and_new_sites_join_their_campuses(built_2026):
    # 'xAI Colossus 1' is 'Colossus 1' from 2026: the crosswalk still finds it (epoch_record_renames)
    assert built_2026.query(
        "select campus_id from intermediate.int_campus_records_unioned where source = 'epoch_data_center' "
        "and source_record in ('Colossus 1', 'Colossus 2', 'OpenAI Stargate Lordstown') order by 1"
    ) == [("stargate_lordstown",), ("xai_colossus_1",), ("xai_colossus_2",)]
    assert built_2026.query(
        "select running_it_mw, running_it_mw_source from intermediate.int_campuses_reconciled where campus_id = 'xai_colossus_1'"
    ) == [(340.0, "epoch_data_center")]


def test_every_site_keeps_its_timeline_and_nothing_vanishes(built_2026):
    # 74 sites, each joined to its timeline by Name; the one timeline-only site is listed, not lost
    assert built_2026.query("select count(distinct site_name) from intermediate.int_epoch_site_steps_dated") == [
        (73,)
    ]  # the sites with power in place or projected
    assert built_2026.query(
        "select record_count from intermediate.int_campus_records_left_out where source = 'epoch_data_center_timeline'"
    ) == [(1,)]  # EdgeCore Mesa PH03
    ((planned_mw,),) = built_2026.query(
        "select sum(it_mw) from intermediate.int_campus_records_unioned where source = 'epoch_data_center'"
    )
    ((timeline_mw,),) = built_2026.query(
        "select sum(greatest(t.peak, s.it_power_mw)) from staging.stg_epoch__data_centers s join ("
        "select data_center_name, max(it_power_mw) as peak from staging.stg_epoch__data_center_timelines group by 1"
        ") t using (data_center_name)"
    )
    # every site's planned build is its timeline's maximum (or what runs, where the timeline stops short)
    assert planned_mw == pytest.approx(timeline_mw)
    capacity = dict(
        built_2026.query(
            "select status, sum(it_mw) from marts.mart_country_capacity where scenario = 'base' and country_iso3 = 'USA' group by 1"
        )
    )
    assert capacity["under_construction"] > 5000  # the 2026 sites' next phases, not lost to a failed join


def _between(first: dg.AssetKey, last: dg.AssetKey) -> list[dg.AssetKey]:
    """The assets downstream of `first` and upstream of `last`, both included."""
    selection = dg.AssetSelection.assets(first).downstream() & dg.AssetSelection.assets(last).upstream()
    return sorted(selection.resolve(asset_graph()), key=str)


def test_a_timeline_that_stops_joining_its_site_fails_the_build(built_2026, tmp_path):
    """The 2026 warehouse, then a timelines file whose Meta Prometheus is renamed: the timelines feed and the
    models between it and the join's test run again, and the join's test fails the build."""
    mirror = vintage_mirror(REFERENCE_DATA, JULY_2026, tmp_path / "linked")
    edited = tmp_path / "edited"
    shutil.copytree(REFERENCE_DATA / JULY_2026, edited)
    timelines = edited / "data_center_timelines.csv"
    timelines.write_text(
        timelines.read_text(encoding="utf-8").replace("\nMeta Prometheus,", "\nMeta Prometheus (Ohio),"),
        encoding="utf-8",
    )
    (mirror / "epoch_ai").unlink()
    (mirror / "epoch_ai").symlink_to(edited, target_is_directory=True)
    feed = landing_key("epoch__data_center_timelines")
    joined = dg.AssetKey(["intermediate", "int_epoch_site_steps_dated"])  # the join test's asset (its dbt meta)
    home = copy_of(built_2026, tmp_path / "home").home
    build = materialise_everything(home, mirror, only=_between(feed, joined))
    assert not build.result.success
    failures = " ".join(build.failures())
    assert "assert_epoch_timelines_join_sites" in failures


def test_the_2026_clusters_load_whole_float_noise_in_chip_counts_included(built_2026):
    """'100000.00000000001' chips is Epoch's export writing an integer, not a row to quarantine."""
    ((sha, read, loaded),) = built_2026.query(
        "select source_file_sha256, rows_read, rows_loaded from audit.feed_loads where feed = 'epoch__gpu_clusters' "
        "order by loaded_at desc limit 1"
    )  # the July-2026 file's load (the home's first load read December 2025's)
    assert (read, loaded) == (786, 786)
    assert built_2026.query(
        "select count(*) from audit.quarantine where feed = 'epoch__gpu_clusters' and source_file_sha256 = ?", [sha]
    ) == [(0,)]

"""The serving file: analysts read it while it is republished, and it holds the marts, the dimensions, each feed's
and mart's state and the release's change report, nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from data_contracts.feeds import all_feeds
from serving.serving_file import publish_serving_file
from tests.helpers.analysts import ANALYST, CAPACITY_TOTAL, MARTS


def test_an_analyst_reading_during_three_publishes_sees_only_complete_snapshots(built, tmp_path):
    (expected_count, expected_it_mw) = built.query(CAPACITY_TOTAL)[0]
    serving = tmp_path / "serving" / "atlas.duckdb"
    publish_serving_file(built.warehouse, serving)  # the snapshot the analyst starts on
    stop_file = tmp_path / "stop"
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(serving), str(stop_file), "20000", "120", CAPACITY_TOTAL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert analyst.stdout.readline().strip() == "ready", analyst.stderr.read()
        windows, inodes = [], [serving.stat().st_ino]
        for _ in range(3):
            began = time.time()
            publish_serving_file(built.warehouse, serving)
            windows.append((began, time.time()))
            inodes.append(serving.stat().st_ino)
            time.sleep(0.2)  # let the analyst read the new file before the next swap
    finally:
        stop_file.touch()
        out, err = analyst.communicate(timeout=180)
    report = json.loads(out.strip().splitlines()[-1])

    assert report["error_count"] == 0, report["errors"]
    seen = {tuple(json.loads(key)): n for key, n in report["results"].items()}
    assert sum(seen.values()) == len(report["started_at"])  # every query answered
    for count, it_mw in seen:  # only complete snapshots: every answer is the whole mart's
        assert (count, it_mw) == (expected_count, pytest.approx(expected_it_mw, rel=1e-12))
    # each publish put a new file at the path (the file system may reuse a freed inode later on)
    assert all(before != after for before, after in zip(inodes, inodes[1:]))
    during_publishes = [t for t in report["started_at"] if any(a <= t <= b for a, b in windows)]
    assert during_publishes, "the analyst never queried while a publish was running"
    assert sorted(p.name for p in serving.parent.iterdir()) == ["atlas.duckdb"]  # no temp file or WAL left


def test_the_serving_file_holds_the_marts_dimensions_states_and_the_change_report(built):
    serving = built.home / "serving" / "atlas.duckdb"  # published by the full build's serving asset
    with duckdb.connect(str(serving), read_only=True) as con:
        relations = set(
            con.execute(
                "select table_schema, table_name, table_type from information_schema.tables where table_catalog = 'atlas'"
            ).fetchall()
        )
        capacity = con.execute(CAPACITY_TOTAL).fetchall()
        are = con.execute("select country_name from dimensions.country_codes where country_iso3 = 'ARE'").fetchall()
        states = con.execute(
            "select state, count(*), count(last_good_sha256), count(error) from dimensions.feed_state group by 1"
        ).fetchall()
    assert relations == {("marts", m, "BASE TABLE") for m in MARTS} | {
        # feed_loads: each feed's latest load attempt, for the report's data health page
        ("dimensions", t, "BASE TABLE")
        for t in ("country_codes", "feed_state", "feed_loads", "mart_state")
    } | {("release", t, "BASE TABLE") for t in ("summary", "mart_changes", "alerts")}
    assert capacity == built.query(CAPACITY_TOTAL)
    assert are == [("United Arab Emirates",)]
    assert states == [("ok", len(all_feeds()), len(all_feeds()), 0)]  # every feed's latest file loaded

    metadata = built.materialisation_metadata(["serving", "atlas_duckdb"])
    assert metadata["tables"]["marts.mart_country_programme"] == 9
    assert (
        metadata["tables"]["dimensions.country_codes"]
        == built.query("select count(*) from staging.stg_datahub__country_codes")[0][0]
    )
    assert metadata["table_count"] == 18
    assert metadata["size_bytes"] == serving.stat().st_size > 0


def test_publishing_releases_the_warehouse_and_a_failed_publish_keeps_the_old_file(built, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(built.warehouse, warehouse)
    serving = tmp_path / "serving" / "atlas.duckdb"
    published = publish_serving_file(warehouse, serving)
    assert published.row_counts["marts.mart_country_programme"] == 9
    # analysts' connections are read-only: the published file is, on disk, and a read-only connection reads it
    assert serving.stat().st_mode & 0o777 == 0o444
    with duckdb.connect(str(serving), read_only=True) as con:
        assert con.execute("select count(*) from marts.mart_country_programme").fetchone() == (9,)
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            con.execute("create table marts.scratch as select 1 as x")

    # dbt's next run needs the write lock: nothing of the publish may still hold the warehouse open
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table marts.next_run_was_here as select 1 as x")

    before = serving.read_bytes()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(RuntimeError, match="nothing to publish"):
        publish_serving_file(empty, serving)
    assert serving.read_bytes() == before
    assert sorted(p.name for p in serving.parent.iterdir()) == ["atlas.duckdb"]

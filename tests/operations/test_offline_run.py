"""A machine without internet and without ATLAS_MIRROR: the real build process says so within seconds, names
every download feed with its reason and exits non-zero (one retry layer; name resolution is not retried). The
feeds that could not be fetched are failed in the serving file's feed state; the curated ones still build."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import duckdb
import pytest

from data_contracts.feeds import all_feeds
from data_contracts.paths import REPO_ROOT
from tests.helpers.dbt_parse import build_vars, parse_environment


def _online() -> bool:
    try:
        socket.getaddrinfo("raw.githubusercontent.com", 443)
    except OSError:
        return False
    return True


@pytest.mark.integration
@pytest.mark.skipif(_online(), reason="this machine resolves names: a live build would download for real")
def test_an_offline_build_names_each_feed_that_cannot_download_and_fails(tmp_path, dbt_manifest):
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_MIRROR"}
    env.update(ATLAS_HOME=str(tmp_path / "home"), DAGSTER_HOME=str(tmp_path / "home" / "dagster"))
    env.update(parse_environment(build_vars(tmp_path / "home"), tmp_path / "dbt"))
    # bounded: with a retried step layer on top of the download's own retries this took over five minutes. One
    # month of the hourly feeds: every hourly month fails alike, and planning each of them is time, not coverage.
    done = subprocess.run(
        [sys.executable, "-m", "orchestration.run", "--months", "2024-12"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode != 0
    assert "ATLAS_MIRROR=(unset: live URLs)" in done.stdout
    downloaded = [feed for feed in all_feeds() if feed.curated_path is None and not feed.partitioned]
    assert (
        len(downloaded) == 10
    )  # every other feed is curated (the IEA table, the registry, cost per watt, names) or hourly
    for feed in (f for f in all_feeds() if f.partitioned):  # the hourly feeds read a mirror only, for now
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"  landing__{feed.name} (fetched): "))
        assert f"feed '{feed.name}': no live download yet" in line and "set ATLAS_MIRROR" in line
    for feed in downloaded:
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"  landing__{feed.name} (fetched): "))
        assert f"feed '{feed.name}': download of {feed.url} cannot be reached: the host name does not resolve" in line
        assert "is this machine offline? (not retried)" in line and "ATLAS_MIRROR=" in line
    # curated feeds need no network: they land, but cannot be checked against country codes that never loaded
    assert not any(line.startswith("  landing__atlas__") for line in done.stdout.splitlines())
    assert "  raw__atlas__dc_projects (contract): feed 'atlas__dc_projects', file " in done.stdout
    assert "cannot be checked: raw.datahub__country_codes never loaded" in done.stdout
    # every attempt is on record, and no mart could build: nothing is published, and it says so
    assert "  serving__atlas_duckdb: " in done.stdout and "nothing to publish (no mart has built yet)" in done.stdout
    with duckdb.connect(str(tmp_path / "home" / "warehouse.duckdb"), read_only=True) as con:
        attempts = dict(
            con.execute("select feed, bool_or(contract_passed) from audit.feed_loads group by 1").fetchall()
        )
    # only the crosswalk loads: curated, it checks against no other table
    assert len(attempts) == len(all_feeds()) == 20 and {f for f, passed in attempts.items() if passed} == {
        "atlas__campus_balancing_areas"
    }

"""A build killed with SIGKILL heals by itself. Real `python -m orchestration.run` processes (as `make run` starts
them, refreshing two feeds and what reads them) are killed, with their dbt child, during landing, staging, dbt and
the publish; analysts' processes read the serving file all along. After each kill the warehouse opens, the serving
file is the previous complete release, and the next build starts at once (it frees what the dead run held); the
last one finishes with the same marts, bit for bit, as the shared build (which makes it this suite's rebuild on
the same files too). Every wait is bounded."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from data_contracts.feeds import all_feeds
from data_contracts.paths import REFERENCE_DATA, REPO_ROOT
from orchestration.instance import write_instance_config
from tests.helpers.analysts import ANALYST, CAPACITY_TOTAL, MARTS
from tests.helpers.builds import copy_of
from tests.helpers.dbt_parse import build_vars, parse_environment

# where a build is killed: once this step has started and the condition holds (home, seconds since the step started)
KILL_POINTS = [
    ("landing", "landing__epoch__data_centers", lambda home, s: True),
    # the registry's report log, mid-load (a step of about half a second; the run's first raw load, which also
    # imports Great Expectations, is behind it)
    ("staging", "raw__atlas__dc_project_reports", lambda home, s: s >= 0.2),
    ("dbt", "atlas_dbt_models", lambda home, s: s >= 5),  # dbt takes 20 s or more: mid-build
    # the new serving file is being written beside the old one
    ("publish", "serving__atlas_duckdb", lambda home, s: any((home / "serving").glob(".atlas.duckdb.*.tmp"))),
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The builds that are killed refresh two feeds and everything that reads them (`--feeds`): a downloaded one (its
# landing writes a partial file) and the registry's projects (whose rows are counted after each kill).
KILLED_FEEDS = ("--feeds", "epoch__data_centers", "atlas__dc_projects")


def _healing_feeds() -> tuple[str, ...]:
    """The build that heals refreshes every feed but the hourly ones, whose months no killed build touched (the
    home holds all 133; reloading a month is tests/feeds/test_hourly_partitions.py's): every model reading any
    of them is rebuilt, every mart included, and the serving file published."""
    return ("--feeds", *(feed.name for feed in all_feeds() if not feed.partitioned))


def _start_build(home: Path, *arguments: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "ATLAS_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        "ATLAS_MIRROR": str(REFERENCE_DATA),
        **parse_environment(build_vars(home), home.parent / "dbt"),
    }
    # its own process group: SIGKILL reaches dbt too, as when a container or a session is killed
    return subprocess.Popen(
        [sys.executable, "-m", "orchestration.run", *arguments],
        cwd=REPO_ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _started_steps(instance: dg.DagsterInstance, known: set[str]) -> tuple[str | None, set[str]]:
    """The new run (not in `known`) and the steps it started."""
    runs = [r for r in instance.get_runs(limit=5) if r.run_id not in known]
    if not runs:
        return None, set()
    records = instance.get_records_for_run(runs[0].run_id, of_type=dg.DagsterEventType.STEP_START, limit=1000).records
    return runs[0].run_id, {r.event_log_entry.step_key for r in records}


def _kill_at(home: Path, step: str, ready, timeout_s: float = 300) -> tuple[str, float | None]:
    """Starts a build and SIGKILLs it once `step` started and `ready` holds. Returns the run id and how long the
    build took to start its first step."""
    instance = dg.DagsterInstance.from_config(str(home / "dagster"))
    known = {r.run_id for r in instance.get_runs()}
    began = time.monotonic()
    build = _start_build(home, *KILLED_FEEDS)
    first_step_after = step_seen_at = None
    asked_at = 0.0
    try:
        while time.monotonic() < began + timeout_s:
            assert build.poll() is None, f"the build ended before reaching {step}:\n{build.stdout.read()[-3000:]}"
            # the instance is asked four times a second (each question costs the build CPU); once the step has
            # started, `ready` is checked every 20 ms (the publish's temporary file exists for under a second)
            if step_seen_at is None and time.monotonic() - asked_at >= 0.25:
                asked_at = time.monotonic()
                run_id, steps = _started_steps(instance, known)
                if steps and first_step_after is None:
                    first_step_after = time.monotonic() - began
                if step in steps:
                    step_seen_at = time.monotonic()
            if step_seen_at is not None and ready(home, time.monotonic() - step_seen_at):
                os.killpg(build.pid, signal.SIGKILL)
                build.wait(timeout=30)
                return run_id, first_step_after
            time.sleep(0.02)
        pytest.fail(f"the build never reached {step} within {timeout_s} s")
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait(timeout=30)
        build.stdout.close()


def _marts(database: Path) -> dict[str, str]:
    """Each mart's rows, hashed in a fixed order: equal hashes are equal marts, to the bit."""
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            mart: hashlib.sha256(
                json.dumps(con.execute(f"select * from marts.{mart} order by all").fetchall(), default=repr).encode()
            ).hexdigest()
            for mart in sorted(MARTS)
        }


# Each query opens the file anew (about 25 ms of CPU): 0.5 s apart, three analysts take a fifth of a core (at 0.05 s
# they took a whole one from the builds they watch, on a machine of two) and still query six times a second.
PAUSE_S = "0.5"


def _analysts(serving: Path, stop_file: Path, count: int) -> list[subprocess.Popen]:
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", ANALYST, str(serving), str(stop_file), "200000", "900", CAPACITY_TOTAL, PAUSE_S],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for reader in readers:
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
    return readers


def _reports(readers: list[subprocess.Popen], stop_file: Path) -> list[dict]:
    stop_file.touch()
    return [json.loads(reader.communicate(timeout=120)[0].strip().splitlines()[-1]) for reader in readers]


@dataclass
class Healed:
    """What the kills left, observed after each, and what the build that healed them printed."""

    home: Path
    dead_runs: list[str]
    first_step_waits: list[tuple[str, float | None]]
    after_each_kill: list[tuple[str, tuple, bool, list[str]]]  # point, raw rows, serving unchanged, releases
    releases_before: list[str]
    returncode: int
    out: str
    reports: list[dict]  # each analyst's

    @property
    def serving(self) -> Path:
        return self.home / "serving" / "atlas.duckdb"


@pytest.fixture(scope="module")
def healed(built, tmp_path_factory) -> Healed:
    """A copy of the shared build's home, four builds killed in it, then the build that heals it; three analysts
    read its serving file all along."""
    tmp_path = tmp_path_factory.mktemp("killed")
    home = tmp_path / "home"
    copy_of(built, home)
    write_instance_config(home / "dagster")
    serving = home / "serving" / "atlas.duckdb"
    releases_before = _releases(home)
    serving_before = _sha256(serving)
    stop_file = tmp_path / "stop"
    readers = _analysts(serving, stop_file, count=3)
    try:
        dead_runs, first_step_waits, after_each_kill = [], [], []
        for point, step, ready in KILL_POINTS:
            run_id, first_step_after = _kill_at(home, step, ready)
            dead_runs.append(run_id)
            first_step_waits.append((point, first_step_after))
            with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
                rows = con.execute("select count(*) from raw.atlas__dc_projects").fetchone()
            after_each_kill.append((point, rows, _sha256(serving) == serving_before, _releases(home)))
        healing = _start_build(home, *_healing_feeds())
        out, _ = healing.communicate(timeout=300)
    finally:
        reports = _reports(readers, stop_file)
    return Healed(home, dead_runs, first_step_waits, after_each_kill, releases_before, healing.returncode, out, reports)


def _releases(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "releases").iterdir() if not p.name.startswith("."))


def test_a_build_killed_at_any_point_heals_and_readers_never_see_an_error(healed, built):
    # after each kill a warehouse that opens, and the serving file still the previous complete release
    for point, rows, serving_unchanged, releases in healed.after_each_kill:
        assert rows == (26,) and serving_unchanged and releases == healed.releases_before, point
    out, home, serving, dead_runs = healed.out, healed.home, healed.serving, healed.dead_runs
    assert healed.returncode == 0, out[-3000:]
    # the next build freed each dead run's slot and did not wait for it
    assert f"run {dead_runs[-1]} had died holding the warehouse writer's slot: marked failed, slot freed" in out
    assert "waiting for run" not in out
    instance = dg.DagsterInstance.from_config(str(home / "dagster"))
    assert {instance.get_run_by_id(r).status for r in dead_runs} == {dg.DagsterRunStatus.FAILURE}
    # each killed build after the first started its first step at once (bounded, not a benchmark)
    assert all(wait is not None and wait < 60 for _, wait in healed.first_step_waits), healed.first_step_waits
    # healed to the same marts, in the warehouse and in the serving file, and nothing half-written is left
    assert _marts(home / "warehouse.duckdb") == _marts(built.warehouse) == _marts(serving)
    assert sorted(p.name for p in serving.parent.iterdir()) == ["atlas.duckdb"]
    assert not [p for p in (home / "releases").iterdir() if p.name.startswith(".")]
    assert not list((home / "landing").glob("*/.partial-*"))
    assert "no mart changed since the previous release" in out
    # three analysts read all along: not one error, and only complete snapshots
    expected = built.query(CAPACITY_TOTAL)[0]
    for report in healed.reports:
        assert report["error_count"] == 0, report["errors"]
        assert sum(report["results"].values()) > 0
        for count, it_mw in (json.loads(k) for k in report["results"]):
            assert (count, it_mw) == (expected[0], pytest.approx(expected[1], rel=1e-12))


def _tables(path, schema: str) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
            ).fetchall()
        ]
        return {name: con.execute(f'select * from {schema}."{name}" order by all').fetchall() for name in names}


def test_a_rebuild_on_the_same_files_changes_no_bit_of_any_mart(healed, built):
    """Identical inputs give identical bytes: the build that healed, on the same files into a copy of the shared
    build's home (every feed but the hourly ones reloaded, every mart rebuilt), leaves every mart and the serving
    file equal bit for bit (figures are rounded where they are finished, dbt_project/macros/round_finished_figures.sql,
    and order-dependent picks have a deterministic order)."""
    assert healed.returncode == 0, healed.out[-3000:]
    first, second = _tables(built.warehouse, "marts"), _tables(healed.home / "warehouse.duckdb", "marts")
    assert len(first) == 11 and sum(len(rows) for rows in first.values()) > 1000
    assert [name for name in first if first[name] != second[name]] == []
    assert first == second
    assert _tables(built.home / "serving" / "atlas.duckdb", "marts") == _tables(healed.serving, "marts")

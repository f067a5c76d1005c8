"""What a run leaves behind must not stop or swamp the next. A build killed with SIGKILL leaves its run STARTED
and holding the duckdb_writer slot: the next `make run` frees it (orchestration.instance.release_dead_runs)
instead of waiting forever (a real Dagster instance on disk, a real process killed with SIGKILL; a live run's
slot is left alone). dbt's per-run target folders are pruned."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import dagster as dg

from orchestration.instance import RUN_HOST_TAG, RUN_PID_TAG, release_dead_runs, slot_holders, write_instance_config
from orchestration.keys import DUCKDB_WRITER_POOL


def _killed_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return process.pid


def test_a_killed_runs_writer_slot_is_freed_and_a_live_ones_kept(tmp_path):
    write_instance_config(tmp_path)
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    job = dg.GraphDefinition(name="atlas_full_build", node_defs=[]).to_job()
    dead = instance.create_run_for_job(job, tags={RUN_PID_TAG: str(_killed_pid()), RUN_HOST_TAG: socket.gethostname()})
    live = instance.create_run_for_job(job, tags={RUN_PID_TAG: str(os.getpid()), RUN_HOST_TAG: socket.gethostname()})
    for run in (dead, live):
        instance.run_storage.handle_run_event(
            run.run_id, dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name=run.job_name)
        )
    instance.event_log_storage.initialize_concurrency_limit_to_default(DUCKDB_WRITER_POOL)
    instance.event_log_storage.claim_concurrency_slot(DUCKDB_WRITER_POOL, dead.run_id, "raw__ember__price_monthly")
    assert instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).active_run_ids == {dead.run_id}

    assert release_dead_runs(instance) == [dead.run_id]

    assert instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).active_run_ids == set()
    assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
    assert instance.get_run_by_id(live.run_id).status == dg.DagsterRunStatus.STARTED
    assert release_dead_runs(instance) == []  # nothing left to release

    # a live run holding the slot is waited for, and the build says for what
    instance.event_log_storage.claim_concurrency_slot(DUCKDB_WRITER_POOL, live.run_id, "atlas_dbt_models")
    assert slot_holders(instance) == [f"run {live.run_id} (pid {os.getpid()}, started)"]


def test_old_dbt_run_folders_are_pruned_but_never_a_recent_one(tmp_path):
    import time

    from orchestration.dbt_assets import prune_run_targets

    folders = [tmp_path / f"atlas_dbt_models-{i}" for i in range(8)]
    for age, folder in enumerate(folders):
        folder.mkdir()
        stamp = time.time() - age * 1000  # 0, 1000 ... 7000 s old
        os.utime(folder, (stamp, stamp))
    prune_run_targets(tmp_path, keep=3, older_than_s=3600)
    # the newest three stay, and so does any folder younger than an hour (a run beside this one)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"atlas_dbt_models-{i}" for i in range(4)]

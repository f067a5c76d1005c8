"""`make bench`: materialise everything from a cold start and print seconds and peak memory per stage.

    ATLAS_MIRROR=../shared/reference_data .venv/bin/python -m benchmarks.run_benchmark

A benchmark, not a test: nothing here is asserted. Numbers depend on the machine.

Stages, each in its own fresh (spawned) process against one new temporary ATLAS_HOME, in this order:

  fetch      ingest.landing.land for every feed (from ATLAS_MIRROR; curated feeds from the repository)
  raw        read, prepare and apply each feed's contract (ingest.screening.screen) in dependency order
             (reference feeds first), and the raw table, quarantine and load log written (record_load), ungated
  contracts  the Great Expectations suite of every feed, run on its raw table read back from the warehouse
  dbt        `dbt build` (models, seeds, tests) through the project's DbtCliResource
  publish    serving.serving_file.publish_serving_file: the serving file analysts open

and, as a lower bound, benchmarks/bare_pipeline.sql: one bare DuckDB SQL pass over the same files.

seconds   the stage's work, timed inside its process after its modules are imported (imports done lazily by
          the work itself, such as Great Expectations' in the contracts stage, are counted)
with start-up  the whole stage process, from spawn to exit: interpreter start and imports included
peak MiB  ru_maxrss of the stage's process, or of a process it waited for when larger (dbt runs as a
          subprocess of the stage): it includes the Python interpreter and its imports
"""

from __future__ import annotations

import importlib
import json
import multiprocessing as mp
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from data_contracts.paths import CURATED_DIR, DBT_PROJECT_DIR, REPO_ROOT, TEST_ARTIFACTS_DIR

BARE_SQL = Path(__file__).with_name("bare_pipeline.sql")
ARTIFACT = TEST_ARTIFACTS_DIR / "benchmark.json"

STAGES = ("fetch", "raw", "contracts", "dbt", "publish")
BARE_LEFT_OUT = (
    "quarantine of bad rows, data contracts (Great Expectations), country crosswalk and code normalisation,"
    " campus phases, scenarios, lineage, landing area"
)

# Imported in the stage's process before its clock starts.
_IMPORTS = {
    "fetch": ["data_contracts.feeds", "ingest.landing"],
    "raw": ["data_contracts.feeds", "ingest.landing", "ingest.screening", "ingest.warehouse", "duckdb", "polars"],
    "contracts": ["data_contracts.feeds", "data_contracts", "data_contracts.gx_suite", "duckdb", "polars"],
    "dbt": ["orchestration.dbt_assets"],
    "publish": ["serving.serving_file"],
    "bare_sql": ["duckdb"],
}


# ---- the stages: each returns a few facts about what it did, printed after the table --------------------------


def bare_sql_text(mirror: Path, curated_dir: Path = CURATED_DIR) -> str:
    sql = BARE_SQL.read_text()
    return sql.replace("${ATLAS_MIRROR}", str(mirror)).replace("${ATLAS_CURATED}", str(curated_dir))


def run_bare_sql(mirror: Path, database: Path, curated_dir: Path = CURATED_DIR) -> None:
    import duckdb

    with duckdb.connect(str(database)) as con:
        con.execute(bare_sql_text(mirror, curated_dir))


def _settings(home: str, mirror: str):
    from ingest.settings import AtlasSettings

    return AtlasSettings.resolve(home=home, mirror=mirror)


def _fetch(home: str, mirror: str) -> str:
    from data_contracts.feeds import all_feeds
    from ingest.landing import land

    settings = _settings(home, mirror)
    landed = [land(feed, settings) for feed in all_feeds()]
    return f"{len(landed)} files landed, {sum(f.size_bytes for f in landed) / 2**20:.1f} MiB"


def _raw(home: str, mirror: str) -> str:
    from data_contracts import load_contract
    from data_contracts.feeds import all_feeds
    from ingest.hourly import load_months
    from ingest.landing import latest_landed
    from ingest.screening import screen
    from ingest.warehouse import RAW_SCHEMA, connect, record_load
    from orchestration.cadence import HOURLY_MONTHS

    settings = _settings(home, mirror)
    loaded = quarantined = 0
    for feed in (f for f in all_feeds() if f.partitioned):  # by month, gated as it goes (hourly_scale.py times it)
        counts = load_months(
            feed, settings, lambda: connect(settings.warehouse_path), HOURLY_MONTHS.get_partition_keys()
        ).counts
        loaded, quarantined = loaded + counts["rows_loaded"], quarantined + counts["rows_quarantined"]
    with connect(settings.warehouse_path) as con:
        for feed in (f for f in all_feeds() if not f.partitioned):  # reference data first: the others check against it
            landed = latest_landed(feed, settings)
            tables = {t: con.sql(f"select * from {RAW_SCHEMA}.{t}").pl() for t in feed.reference_tables}
            screened = screen(
                feed,
                Path(landed.path).read_bytes(),
                file=landed.source,
                sha256=landed.sha256,
                retrieved_on=landed.retrieval_day,
                tables=tables,
            )
            record_load(con, load_contract(feed.name), screened, landed, failures=())  # validated in 'contracts'
            loaded, quarantined = loaded + screened.rows_loaded, quarantined + screened.rows_quarantined
    return f"{loaded} rows loaded, {quarantined} quarantined"


def _contracts(home: str, mirror: str) -> str:
    import duckdb

    from data_contracts import load_contract
    from data_contracts.feeds import all_feeds
    from data_contracts.gx_suite import validate

    settings = _settings(home, mirror)
    failed, evaluated = [], 0
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        for feed in (f for f in all_feeds() if not f.partitioned):  # the hourly feeds were gated by month in 'raw'
            contract = load_contract(feed.name)
            frame = con.sql(f"select * from raw.{feed.name}").pl()
            (rows_read,) = con.execute(
                "select rows_read from audit.feed_loads where feed = ? order by loaded_at desc limit 1", [feed.name]
            ).fetchone()
            verdict = validate(frame, contract, rows_read)
            evaluated += verdict.evaluated
            if not verdict.passed:
                failed.append(f"{feed.name}: {'; '.join(verdict.failures)}")
    if failed:
        raise RuntimeError("contracts failed:\n" + "\n".join(failed))
    return f"{evaluated} expectations evaluated, all passed"


def _dbt(home: str, mirror: str) -> str:
    from orchestration.dbt_assets import dbt_project, dbt_resource

    settings = _settings(home, mirror)
    dbt_vars = {"atlas_warehouse": str(settings.warehouse_path)}
    args = ["build", "--exclude", "resource_type:unit_test", "--vars", json.dumps(dbt_vars)]  # as the dbt asset runs it
    invocation = dbt_resource(dbt_project()).cli(args, raise_on_error=True)
    invocation.wait()
    results = invocation.get_artifact("run_results.json")["results"]
    return f"{len(results)} dbt nodes built or tested"


def _publish(home: str, mirror: str) -> str:
    from serving.serving_file import publish_serving_file

    settings = _settings(home, mirror)
    published = publish_serving_file(settings.warehouse_path, settings.serving_path)
    return f"{len(published.row_counts)} tables, {published.size_bytes / 2**20:.1f} MiB"


def _bare_sql(home: str, mirror: str) -> str:
    database = Path(home) / "bare_pipeline.duckdb"
    run_bare_sql(Path(mirror), database)
    return f"{database.stat().st_size / 2**20:.1f} MiB file"


_WORK = {
    "fetch": _fetch,
    "raw": _raw,
    "contracts": _contracts,
    "dbt": _dbt,
    "publish": _publish,
    "bare_sql": _bare_sql,
}


# ---- measuring ---------------------------------------------------------------------------------------------------


def _peak_kib() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    waited = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest subprocess waited for (dbt)
    return max(own, waited)


def _child(stage: str, home: str, mirror: str, pipe) -> None:
    # quiet: dagster-dbt echoes dbt's log lines on stdout; what the stage did comes back through the pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(1, "w", closefd=False)
    try:
        for module in _IMPORTS[stage]:
            importlib.import_module(module)
        start = time.perf_counter()
        note = _WORK[stage](home, mirror)
        seconds = time.perf_counter() - start
        pipe.send({"seconds": seconds, "peak_mib": _peak_kib() / 1024, "note": note})
    except BaseException as err:  # reported by the parent
        pipe.send({"error": f"{type(err).__name__}: {err}"})
    finally:
        pipe.close()


def measure(stage: str, home: Path, mirror: Path) -> dict:
    """Runs one stage in a fresh spawned process; its seconds, peak MiB and a note on what it did."""
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(stage, str(home), str(mirror), send), name=f"bench-{stage}")
    started = time.perf_counter()
    process.start()
    send.close()
    try:
        outcome = receive.recv()
    except EOFError:
        outcome = {"error": "the stage's process died without a result"}
    process.join()
    outcome["process_seconds"] = time.perf_counter() - started  # start-up and imports included
    if "error" in outcome:
        raise SystemExit(f"benchmark stage '{stage}' failed (exit code {process.exitcode}): {outcome['error']}")
    return {"stage": stage, **outcome}


def _prepare_manifest(home: Path) -> None:
    """dagster-dbt reads a prepared manifest: parse the project once, outside the timing, with the vars the
    build passes (as `make manifest` does), so the build's dbt reuses the parse."""
    from orchestration.dbt_assets import dbt_executable  # here: a stage's spawned process imports this module

    dbt_vars = json.dumps({"atlas_warehouse": str(home / "warehouse.duckdb")})
    subprocess.run(
        [
            dbt_executable(),
            "parse",
            "--quiet",
            "--profiles-dir",
            ".",
            "--project-dir",
            ".",
            "--vars",
            dbt_vars,
        ],
        cwd=DBT_PROJECT_DIR,
        check=True,
        env={**os.environ, "ATLAS_HOME": str(home)},
    )


def _cold_make_run(home: Path, mirror: Path) -> dict:
    """What `make run` does from a fresh ATLAS_HOME: every stage through Dagster, its event log included."""
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "ATLAS_HOME": str(home), "DAGSTER_HOME": str(home / "dagster"), "ATLAS_MIRROR": str(mirror)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=REPO_ROOT, env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return {
        "stage": "cold make run",
        "seconds": seconds,
        "peak_mib": peak,
        "process_seconds": seconds,
        "note": "orchestration.run",
    }


def _table(rows: list[dict], total: dict, bare: dict, ratio: float, make_run: dict) -> str:
    def row(name: str, r: dict) -> str:
        return f"{name:<22}{r['seconds']:>10.2f}{r['peak_mib']:>11.0f}{r['process_seconds']:>16.2f}"

    line = "-" * 59
    out = [f"{'stage':<22}{'seconds':>10}{'peak MiB':>11}{'with start-up':>16}", line]
    out += [row(r["stage"], r) for r in rows]
    out += [
        line,
        row("pipeline total", total),
        row("cold make run", make_run),
        row("bare SQL (lower bound)", bare),
        line,
    ]
    out += [
        f"pipeline / bare SQL: {ratio:.1f}x in seconds; cold make run / bare SQL: {make_run['seconds'] / bare['seconds']:.1f}x (goal 60x)"
    ]
    return "\n".join(out)


def main() -> int:
    mirror = os.environ.get("ATLAS_MIRROR")
    if not mirror or not Path(mirror).is_dir():
        print("set ATLAS_MIRROR to a directory laid out like ../shared/reference_data (make bench does)")
        return 2
    mirror_path = Path(mirror).resolve()
    home = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    _prepare_manifest(home)
    try:
        print(f"cold start: ATLAS_HOME={home}  ATLAS_MIRROR={mirror_path}  ({os.cpu_count()} cores)")
        rows = []
        for stage in STAGES:
            rows.append(measure(stage, home, mirror_path))
            print(f"  {stage:<10} {rows[-1]['seconds']:7.2f} s  {rows[-1]['note']}", flush=True)
        bare = measure("bare_sql", home, mirror_path)
        print(f"  {'bare SQL':<10} {bare['seconds']:7.2f} s  {bare['note']}")
        make_run = _cold_make_run(home, mirror_path)
        print(f"  {'make run':<10} {make_run['seconds']:7.2f} s  (cold, through Dagster)", flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    total = {
        "seconds": sum(r["seconds"] for r in rows),
        "peak_mib": max(r["peak_mib"] for r in rows),
        "process_seconds": sum(r["process_seconds"] for r in rows),
    }
    ratio = total["seconds"] / bare["seconds"]
    print()
    print(_table(rows, total, bare, ratio, make_run))
    print("peak MiB: each stage's own process, so it includes the Python interpreter and its imports;")
    print("  dbt's is the larger of its stage process and the dbt subprocess. The total's peak is the largest stage's.")
    print("seconds: each stage's work after its imports; 'with start-up': the whole process, interpreter start")
    print("  and imports included. Totals are sums.")
    print(f"bare SQL is a lower bound, not an equivalent: it leaves out {BARE_LEFT_OUT}.")
    print("Machine-dependent numbers; nothing here is asserted.")
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(
        json.dumps(
            {
                "stages": rows,
                "pipeline_total": total,
                "bare_sql": {**bare, "left_out": BARE_LEFT_OUT},
                "pipeline_over_bare_sql": ratio,
                "cold_make_run": make_run,
                "cold_make_run_over_bare_sql": make_run["seconds"] / bare["seconds"],
                "cpu_count": os.cpu_count(),
                "mirror": str(mirror_path),
                "notes": "peak_mib includes the Python interpreter and its imports; seconds exclude process start-up and "
                "imports, process_seconds include them",
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written: {ARTIFACT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

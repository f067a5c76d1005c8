"""The hourly feed at scale: seconds, rows/s and peak memory of loading 1e6 to 1e8 EIA-930 rows, four ways.

    .venv/bin/python -m benchmarks.hourly_scale --sizes 1e6,1e7 [--work /tmp/atlas-hourly-bench]

A benchmark, not a test: nothing here is asserted. Numbers depend on the machine (and on its page cache: every
CSV is read once before the timings, so each path starts warm).

Why: benchmarks/run_benchmark.py times the whole build on the recorded copy (about 1 M hourly rows). The
hourly feed is the one that grows, so this times it alone at 10x and 100x, against a ceiling and a baseline.
The data are synthetic BA files scaled from the real ones (benchmarks/hourly_generate.py), generated
under --work once per size and reused (the generator's marker file holds the row count).

Paths, each a fresh subprocess, per size:

  bare DuckDB   one `create table ... as select ... from read_csv('<eia>/*-G*.csv')`, typed, into a new file:
                the ceiling (no landing, no quarantine, no contract, no gate)
  pandas        benchmarks/hourly_pandas_analyst.py: what an analyst would write (read, concat, to DuckDB);
                skipped when its peak, extrapolated from a smaller size, would not fit in memory
  project       `python -m orchestration.run --hourly` with ATLAS_MIRROR=<the data> and a new ATLAS_HOME:
                landing, spill, contract screening, quarantine and the gate, every hourly feed
  append month  then `hourly_generate --append-month` (one more month of every BA, a file each) and
                `orchestration.run --hourly --months <that month>` in the same ATLAS_HOME: its share of the full build

wall s    the whole subprocess, from spawn to exit: interpreter start and imports included
rows/s    the size's CSV data rows (the append: the rows appended) over wall s
peak RSS  VmHWM of every process of the subprocess's tree, polled from /proc every 0.1 s, the largest per
          process name (python, dbt, ...); the subprocess's own is its exact ru_maxrss
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import hourly_generate as gen
from data_contracts.paths import REPO_ROOT

DEFAULT_WORK = Path("/tmp/atlas-hourly-bench")
FILES = "*-G*.csv"
PATHS = ("bare", "pandas", "project", "append")
PANDAS_FIT = 0.5  # run pandas only if its extrapolated peak is below this share of MemAvailable (leave room for others)
# bytes of peak RSS per row of the pandas analyst, measured at 1e7 on the reference machine: the estimate used
# when no smaller size was measured in this run or an earlier one (results.json under --work)
PANDAS_BYTES_PER_ROW = 145
POLL_SECONDS = 0.1

BARE_CODE = """
import sys, duckdb
files, database = sys.argv[1], sys.argv[2]
with duckdb.connect(database) as con:
    con.execute("set TimeZone = 'UTC'")
    con.execute(f'''
        create table demand as
        select regexp_extract(filename, '([^/]+)[.]csv$', 1) as balancing_authority,
               date_time::timestamptz as hour_utc, "demand (MW)" as demand_mw
        from read_csv('{files.replace("'", "''")}', header = true, filename = true, delim = ',',
                      columns = {{'date_time': 'TIMESTAMP', 'demand (MW)': 'DOUBLE'}},
                      timestampformat = '%Y-%m-%d %H:%M:%S', nullstr = ['MISSING', 'EMPTY'])''')
    print(con.execute("select count(*) from demand").fetchone()[0], "rows")
"""


# ---- measuring a process tree -----------------------------------------------------------------------------------


def _parents() -> dict[int, int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # gone since listdir
                continue
            parents[int(entry)] = int(stat.rpartition(")")[2].split()[1])
    return parents


def _name_and_hwm_kib(pid: int) -> tuple[str, int] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    hwm = fields.get("VmHWM", "0 kB").split()[0]  # absent for a zombie
    return fields["Name"].strip(), int(hwm)


class TreePeaks:
    """Polls the process tree under `root` for each process's peak resident set (VmHWM), until stopped."""

    def __init__(self, root: int):
        self.root, self.peaks, self._stop = root, {}, threading.Event()  # pid -> (name, KiB)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(POLL_SECONDS)

    def poll(self) -> None:
        parents, tree, frontier = _parents(), set(), {self.root}
        while frontier:
            tree |= frontier
            frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - tree
        for pid in tree:
            seen = _name_and_hwm_kib(pid)
            if seen:
                name, kib = seen
                self.peaks[pid] = (name, max(kib, self.peaks.get(pid, (name, 0))[1]))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def by_name_mib(self, root_name: str, root_kib: int) -> dict[str, float]:
        peaks = dict(self.peaks)
        peaks[self.root] = (root_name, max(root_kib, peaks.get(self.root, (root_name, 0))[1]))
        out: dict[str, float] = {}
        for name, kib in peaks.values():
            out[name] = max(out.get(name, 0.0), kib / 1024)
        return out


def run_measured(cmd: list[str], log: Path, env: dict | None = None) -> dict:
    """Runs `cmd` (cwd: the repository) with stdout and stderr to log.out / log.err; wall seconds, exit code,
    peak MiB per process name."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err)
        peaks = TreePeaks(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        peaks.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    root_name = Path(cmd[0]).name[:15]
    return {
        "wall": wall,
        "rc": process.returncode,
        "peak_mib": peaks.by_name_mib(root_name, usage.ru_maxrss),
        "stdout": log.with_suffix(".out"),
        "stderr": log.with_suffix(".err"),
    }


def _last_line(path: Path) -> str:
    lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _not_available(result: dict) -> bool:
    """The command does not exist (yet): an argparse error (exit 2, usage) or no such module."""
    err = result["stderr"].read_text(errors="replace")
    return (result["rc"] == 2 and "usage:" in err) or "No module named orchestration.run" in err


# ---- the data -----------------------------------------------------------------------------------------------------


def ensure_data(rows: int, work: Path) -> tuple[Path, dict]:
    """The size's mirror under --work: reused when generated at this size, reset when a month was appended."""
    mirror = work / f"rows-{rows}"
    marker = gen.read_marker(mirror)
    if marker and marker.get("rows_requested") == rows and marker.get("through_month") == gen.LAST_MONTH:
        if marker.get("appended"):
            marker = gen.reset(mirror)
        print(f"reusing {mirror}: {marker['rows']:,} rows")
        return mirror, marker
    print(f"generating {rows:,} rows into {mirror} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.hourly_generate", "--rows", str(rows), "--out", str(mirror)],
        cwd=REPO_ROOT,
        check=True,
    )
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return mirror, gen.read_marker(mirror)


def warm_cache(eia: Path) -> None:
    """Every CSV read once, so no path pays for the disk and the first one alone."""
    for path in eia.glob(FILES):
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass


def mem_available_bytes() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


# ---- the paths ----------------------------------------------------------------------------------------------------


def run_bare(eia: Path, scratch: Path, log: Path) -> dict:
    database = scratch / "bare.duckdb"
    result = run_measured([sys.executable, "-c", BARE_CODE, str(eia / FILES), str(database)], log)
    database.unlink(missing_ok=True)
    return result


def pandas_estimate_bytes(rows: int, measured: dict[int, float]) -> tuple[float, str]:
    """Peak RSS at `rows`, linear from the largest smaller size measured (peak MiB), else the constant."""
    smaller = [n for n in measured if n < rows]
    if smaller:
        base = max(smaller)
        return measured[base] * 2**20 * rows / base, f"extrapolated from {base:,} rows"
    return PANDAS_BYTES_PER_ROW * rows, f"at {PANDAS_BYTES_PER_ROW} B/row"


def run_pandas(eia: Path, scratch: Path, log: Path) -> dict:
    database = scratch / "pandas.duckdb"
    result = run_measured([sys.executable, "-m", "benchmarks.hourly_pandas_analyst", str(eia), str(database)], log)
    database.unlink(missing_ok=True)
    return result


def _project_env(mirror: Path, home: Path) -> dict:
    return {
        **os.environ,
        "ATLAS_MIRROR": str(mirror),
        "ATLAS_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
    }


def run_project(mirror: Path, home: Path, log: Path, months: str | None = None) -> dict:
    cmd = [sys.executable, "-m", "orchestration.run", "--hourly", *(["--months", months] if months else [])]
    return run_measured(cmd, log, env=_project_env(mirror, home))


def warehouse_facts(home: Path) -> str:
    """What the project's run left in raw and quarantine for the EIA feed (best effort: the layout may change)."""
    try:
        import duckdb

        with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
            (loaded,) = con.execute("select count(*) from raw.eia930__demand_hourly").fetchone()
            (quarantined,) = con.execute(
                "select count(*) from audit.quarantine where feed = 'eia930__demand_hourly'"
            ).fetchone()
        return f"raw.eia930__demand_hourly {loaded:,} rows, {quarantined:,} quarantine entries"
    except Exception as err:  # a benchmark note, never a failure
        return f"(warehouse not read: {type(err).__name__}: {str(err).splitlines()[0][:120]})"


def dagster_steps(home: Path, wall: float) -> list[tuple[str, float]]:
    """The latest Dagster run's seconds per step, from its event log (best effort: Dagster's sqlite layout), and
    what the process spent outside any step: interpreter start, imports, definitions, the instance."""
    import sqlite3
    from datetime import datetime

    try:
        runs = [p for p in (home / "dagster" / "history" / "runs").glob("*.db") if p.name != "index.db"]
        with sqlite3.connect(max(runs, key=lambda p: p.stat().st_mtime)) as con:
            events = con.execute(
                "select step_key, dagster_event_type, timestamp from event_logs where dagster_event_type in "
                "('STEP_START', 'STEP_SUCCESS', 'STEP_FAILURE') order by id"
            ).fetchall()
    except (OSError, ValueError, sqlite3.Error):
        return []
    starts, steps = {}, []
    for step, kind, stamp in events:
        at = datetime.fromisoformat(stamp).timestamp()
        if kind == "STEP_START":
            starts[step] = at
        elif step in starts:
            steps.append((step, at - starts[step]))
    if starts:
        span = max(datetime.fromisoformat(e[2]).timestamp() for e in events) - min(starts.values())
        steps.append(("(outside the run's steps: start-up, imports, definitions)", wall - span))
    return steps


def append_one_month(mirror: Path, log: Path) -> tuple[str, int]:
    """The generator's --append-month, untimed; the month appended and its rows."""
    subprocess.run(
        [sys.executable, "-m", "benchmarks.hourly_generate", "--append-month", str(mirror)],
        cwd=REPO_ROOT,
        check=True,
        stdout=open(log.with_suffix(".out"), "wb"),
    )
    marker = gen.read_marker(mirror)
    return marker["appended"][-1]["month"], marker["appended"][-1]["rows"]


# ---- one size -------------------------------------------------------------------------------------------------------


def _outcome(name: str, result: dict | None, rows: int, status: str = "ok", note: str = "") -> dict:
    out = {"path": name, "rows": rows, "status": status, "note": note}
    if result is not None:
        out |= {
            "wall": result["wall"],
            "rows_per_s": rows / result["wall"],
            "peak_mib": result["peak_mib"],
            "rc": result["rc"],
        }
    return out


def _checked(name: str, result: dict, rows: int, note: str = "") -> dict:
    if result["rc"] != 0:
        return _outcome(name, None, rows, f"failed (exit {result['rc']}): {_last_line(result['stderr'])[:100]}")
    return _outcome(name, result, rows, note=note)


def bench_size(rows: int, work: Path, paths: tuple[str, ...], pandas_peaks: dict[int, float], keep: bool) -> dict:
    mirror, marker = ensure_data(rows, work)
    eia = mirror / gen.EIA
    n = marker["rows"]
    csv_bytes = sum(p.stat().st_size for p in eia.glob(FILES))
    warm_cache(eia)
    logs = work / "logs" / f"rows-{rows}"
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=work))
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    results = []
    try:
        if "bare" in paths:
            print("  bare DuckDB ...", flush=True)
            results.append(_checked("bare DuckDB", run_bare(eia, scratch, logs / "bare"), n))
        if "pandas" in paths:
            need, basis = pandas_estimate_bytes(n, pandas_peaks)
            if need > PANDAS_FIT * mem_available_bytes():
                results.append(_outcome("pandas", None, n, f"skipped (would need ~{need / 1e9:.0f} GB, {basis})"))
            else:
                print("  pandas ...", flush=True)
                results.append(_checked("pandas", run_pandas(eia, scratch, logs / "pandas"), n))
                if results[-1]["status"] == "ok":
                    pandas_peaks[n] = max(results[-1]["peak_mib"].values())
        if "project" in paths:
            print("  project (orchestration.run --hourly) ...", flush=True)
            result = run_project(mirror, home, logs / "project")
            if _not_available(result):
                results.append(
                    _outcome(
                        "project",
                        None,
                        n,
                        f"not available (orchestration.run --hourly: {_last_line(result['stderr'])[:80]})",
                    )
                )
            else:
                results.append(_checked("project", result, n, warehouse_facts(home) if result["rc"] == 0 else ""))
                results[-1]["steps"] = dagster_steps(home, result["wall"])
        if "append" in paths:
            project = next((r for r in results if r["path"] == "project"), None)
            if project is None or project["status"] != "ok":
                results.append(_outcome("append month", None, 0, "skipped (needs the project's full build first)"))
            else:
                month, appended = append_one_month(mirror, logs / "append_generate")
                print(f"  append {month} (orchestration.run --hourly --months {month}) ...", flush=True)
                result = run_project(mirror, home, logs / "append", months=month)
                out = _checked("append month", result, appended, warehouse_facts(home) if result["rc"] == 0 else "")
                out["steps"] = dagster_steps(home, result["wall"])
                if out["status"] == "ok":
                    out["share_of_full"] = out["wall"] / project["wall"]
                    out["note"] = f"{month}: {out['share_of_full']:.1%} of the full build; {out['note']}"
                results.append(out)
                gen.reset(mirror)  # the next run reuses the data as generated
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
    return {
        "rows_requested": rows,
        "rows": n,
        "files": marker["files"],
        "csv_bytes": csv_bytes,
        "results": results,
        "atlas_home": str(home) if keep else None,
    }


# ---- the table ---------------------------------------------------------------------------------------------------


def _ratio(result: dict, reference: dict | None) -> str:
    if reference is None or "rows_per_s" not in result or "rows_per_s" not in reference or result is reference:
        return ""
    r = result["rows_per_s"] / reference["rows_per_s"]
    return f"{1 / r:.1f}x slower" if r < 1 else f"{r:.1f}x faster"


def _peaks(peak_mib: dict[str, float]) -> str:
    return ", ".join(f"{name} {mib:,.0f}" for name, mib in sorted(peak_mib.items(), key=lambda kv: -kv[1]))


def table(sizes: list[dict]) -> str:
    out = [
        "| rows | CSV MB | path | wall s | rows/s | peak RSS MB by process | vs bare DuckDB | vs pandas | note |",
        "|---:|---:|---|---:|---:|---|---|---|---|",
    ]
    for size in sizes:
        by = {r["path"]: r for r in size["results"]}
        bare, pandas = by.get("bare DuckDB"), by.get("pandas")
        for r in size["results"]:
            if "wall" not in r:
                out.append(
                    f"| {size['rows']:,} | {size['csv_bytes'] / 1e6:,.0f} | {r['path']} | | | | | | {r['status']} |"
                )
                continue
            compared = r["path"] in ("pandas", "project")  # the append's rows/s is not comparable to a full load
            out.append(
                f"| {size['rows']:,} | {size['csv_bytes'] / 1e6:,.0f} | {r['path']} | {r['wall']:.2f} | {r['rows_per_s']:,.0f} "
                f"| {_peaks(r['peak_mib'])} | {_ratio(r, bare) if compared else ''} "
                f"| {_ratio(r, pandas) if r['path'] == 'project' else ''} | {r['note']} |"
            )
    return "\n".join(out)


def steps_table(sizes: list[dict]) -> str:
    out = ["| rows | run | step | seconds |", "|---:|---|---|---:|"]
    for size in sizes:
        for r in size["results"]:
            out += [
                f"| {size['rows']:,} | {r['path']} | {step} | {seconds:.2f} |" for step, seconds in r.get("steps", [])
            ]
    return "\n".join(out) if len(out) > 2 else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hourly_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7,1e8", help="rows per size, comma-separated (default 1e6,1e7,1e8)")
    parser.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, help=f"generated data and logs (default {DEFAULT_WORK})"
    )
    parser.add_argument(
        "--paths", default=",".join(PATHS), help=f"which paths, comma-separated (default {','.join(PATHS)})"
    )
    parser.add_argument("--keep-home", action="store_true", help="keep each size's ATLAS_HOME (removed by default)")
    args = parser.parse_args(argv)
    sizes = sorted(gen.parse_rows(s) for s in args.sizes.split(","))
    paths = tuple(p.strip() for p in args.paths.split(","))
    if unknown := set(paths) - set(PATHS):
        parser.error(f"unknown paths {sorted(unknown)}; choose from {','.join(PATHS)}")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    saved = work / "results.json"
    previous = json.loads(saved.read_text()) if saved.is_file() else {}
    pandas_peaks = {int(k): v for k, v in previous.get("pandas_peak_mib", {}).items()}
    print(
        f"hourly scale benchmark: sizes {', '.join(f'{s:.0e}' for s in sizes)}; work {work} ({os.cpu_count()} cores, "
        f"{mem_available_bytes() / 2**30:.0f} GiB available)",
        flush=True,
    )
    done = []
    for rows in sizes:
        done.append(bench_size(rows, work, paths, pandas_peaks, args.keep_home))
        for r in done[-1]["results"]:
            print(f"  {r['path']:<13} {r.get('wall', float('nan')):8.2f} s  {r['status']}", flush=True)
    print()
    print(table(done))
    print()
    if steps := steps_table(done):
        print("Where the project's wall time goes (Dagster's event log, seconds per step):")
        print()
        print(steps)
        print()
    print("wall s: the whole subprocess, interpreter start and imports included (Dagster's are several seconds);")
    print("  rows/s: the CSV data rows over wall s. Every CSV was read once before timing (warm page cache).")
    print("peak RSS: the largest VmHWM per process name in the path's process tree (polled every 0.1 s).")
    print("bare DuckDB is a ceiling, not an equivalent: no landing, quarantine, contract or gate; pandas neither.")
    print("The project's path also loads the two small hourly price feeds (symlinked, unchanged).")
    print(f"Machine-dependent numbers; nothing here is asserted. Logs: {work / 'logs'}")
    saved.write_text(
        json.dumps(
            {
                "sizes": done,
                "pandas_peak_mib": {str(k): v for k, v in pandas_peaks.items()},
                "cpu_count": os.cpu_count(),
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    print(f"written: {saved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Analysts reading the serving file from processes of their own while builds publish it."""

from __future__ import annotations

CAPACITY_TOTAL = "select count(*), sum(it_mw) from marts.mart_country_capacity"
MARTS = {
    "mart_country_capacity",
    "mart_country_cost",
    "mart_country_energy",
    "mart_country_programme",
    "mart_country_scorecard",
    "mart_dc_electricity_vs_iea",
    "mart_market_cost",
    "mart_project_pipeline",
    "mart_announcement_conversion",
    "mart_ba_peak_headroom",
    "mart_zone_flat_load_cost",
}

# A real analyst: a separate process opening the serving path fresh, read-only, for every query, as a
# notebook re-running a cell would. Bounded by a query count and a time limit; stops early on a stop file.
ANALYST = r"""
import json, sys, time
import duckdb

path, stop_file, max_queries, max_seconds, sql = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
pause_s = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0  # between queries, to leave a build some CPU
deadline = time.monotonic() + max_seconds
results, errors, started_at = {}, [], []
import os
while len(started_at) < max_queries and time.monotonic() < deadline and not os.path.exists(stop_file):
    started_at.append(time.time())
    try:
        con = duckdb.connect(path, read_only=True)
        try:
            row = con.execute(sql).fetchone()
        finally:
            con.close()
        key = json.dumps([row[0], float(row[1])])
        results[key] = results.get(key, 0) + 1
    except Exception as err:
        errors.append(f"{type(err).__name__}: {err}")
    if len(started_at) == 1:
        print("ready", flush=True)
    time.sleep(pause_s)
print(json.dumps({"results": results, "errors": errors[:20], "error_count": len(errors), "started_at": started_at}), flush=True)
"""

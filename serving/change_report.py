"""What changed between two releases, in rows and in the words an analyst uses. No Dagster here.

Rows of a mart are matched on its grain (the `grain` test in its .yml, read from dbt's manifest): a key only
in the new release is added, only in the old one removed, in both with other values changed, with the columns
that differ. Alerts name what a follower of the buildout asks about: a registry project's status or size, a
planned online date that moved, a country whose expected-built capacity or grid share moved by more than a
threshold, a feed that went stale or recovered, a mart built from stale data or not rebuilt.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from serving.release_files import DATA_DIR, STATE

# Moves smaller than these are noise for an analyst: a tenth of a typical campus phase, a quarter of a point
EXPECTED_BUILT_ALERT_MW = 50.0
GRID_SHARE_ALERT_POINTS = 0.25
PROJECT_FIELDS = {"status": "status", "capacity_it_mw": "IT MW", "latest_online_on": "planned online date"}


def grains(manifest: dict) -> dict[str, list[str]]:
    """mart -> its grain columns, from the `grain` tests in dbt's manifest (each written once, in the .yml)."""
    found = {}
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        # a grain test on a source (the hourly feeds' keys) has no attached model
        if node["resource_type"] == "test" and meta.get("name") == "grain" and node.get("attached_node"):
            model = node["attached_node"].split(".")[-1]
            found[model] = list(meta["kwargs"]["columns"])
    return found


def _table(path: Path) -> str:
    return f"read_parquet('{path}')"


def _mart_changes(con: duckdb.DuckDBPyConnection, new: Path, old: Path | None, grain: list[str]) -> dict:
    rows = con.execute(f"select count(*) from {_table(new)}").fetchone()[0]
    if old is None or not old.exists():
        return {"rows_added": rows, "rows_removed": 0, "rows_changed": 0, "changed_columns": []}
    columns = [c for (c,) in con.execute(f"select column_name from (describe select * from {_table(new)})").fetchall()]
    grain = grain or columns  # no grain declared: a row is its key, so a change is a removal and an addition
    keys = " and ".join(f"n.{k} is not distinct from o.{k}" for k in grain)
    values = [c for c in columns if c not in grain]
    added = con.execute(f"select count(*) from {_table(new)} n anti join {_table(old)} o on {keys}").fetchone()[0]
    removed = con.execute(f"select count(*) from {_table(old)} o anti join {_table(new)} n on {keys}").fetchone()[0]
    differs = [f"n.{c} is distinct from o.{c}" for c in values]
    counts = con.execute(
        f"select count(*) filter (where {' or '.join(differs) or 'false'}), "
        + ", ".join([f"count(*) filter (where {d})" for d in differs] or ["0"])
        + f" from {_table(new)} n join {_table(old)} o on {keys}"
    ).fetchone()
    changed, changed_columns = counts[0], [c for c, n in zip(values, counts[1:]) if n]
    return {"rows_added": added, "rows_removed": removed, "rows_changed": changed, "changed_columns": changed_columns}


def compare(previous: Path | None, current: Path, marts: list[str], grain_of: dict[str, list[str]]) -> dict[str, dict]:
    """Per mart that changed: rows added, removed and changed, and the changed columns. No previous: all new."""
    changes = {}
    with duckdb.connect() as con:
        for mart in marts:
            old = previous / DATA_DIR / f"{mart}.parquet" if previous else None
            change = _mart_changes(con, current / DATA_DIR / f"{mart}.parquet", old, grain_of.get(mart, []))
            if change["rows_added"] or change["rows_removed"] or change["rows_changed"]:
                changes[mart] = change
    return changes


def _project_alerts(con, new: Path, old: Path) -> list[str]:
    alerts = []
    for column, words in PROJECT_FIELDS.items():
        for project, phase, before, after in con.execute(
            f"select n.project_id, n.phase_id, o.{column}, n.{column} from {_table(new)} n "
            f"join {_table(old)} o using (project_id, phase_id) where n.{column} is distinct from o.{column} order by 1, 2"
        ).fetchall():
            alerts.append(f"{project} phase {phase}: {words} {before} -> {after}")
    for project, phase, status in con.execute(
        f"select n.project_id, n.phase_id, n.status from {_table(new)} n anti join {_table(old)} o "
        "on n.project_id = o.project_id and n.phase_id = o.phase_id order by 1, 2"
    ).fetchall():
        alerts.append(f"{project} phase {phase}: new in the registry ({status})")
    return alerts


def _country_alerts(con, data_new: Path, data_old: Path) -> list[str]:
    alerts = []
    built = "select country_iso3, sum(expected_built_it_mw) as v from {} where scenario = 'base' group by 1"
    share = (
        "select country_iso3, max(dc_share_of_demand_pct) as v from {} "
        "where scenario = 'base' and not is_projected_demand group by 1"
    )
    for mart, sql, threshold, words in (
        ("mart_country_capacity", built, EXPECTED_BUILT_ALERT_MW, "expected-built IT MW"),
        ("mart_country_energy", share, GRID_SHARE_ALERT_POINTS, "pipeline share of national demand, %"),
    ):
        new, old = data_new / f"{mart}.parquet", data_old / f"{mart}.parquet"
        if not (new.exists() and old.exists()):
            continue
        for iso3, before, after in con.execute(
            f"select country_iso3, o.v, n.v from ({sql.format(_table(new))}) n full join ({sql.format(_table(old))}) o "
            f"using (country_iso3) where abs(coalesce(n.v, 0) - coalesce(o.v, 0)) > {threshold} order by 1"
        ).fetchall():
            alerts.append(f"{iso3}: {words} {before} -> {after}")
    return alerts


def _state(release: Path | None) -> dict[str, list[dict]]:
    path = release / STATE if release else None
    if path is None or not path.exists():  # the first release, or one written before state.json
        return {"feed_state": [], "mart_state": []}
    return json.loads(path.read_text(encoding="utf-8"))


def state_alerts(previous: Path | None, current: Path) -> list[str]:
    """Feeds that went stale, stayed stale or recovered since `previous`; marts not built from fresh data."""
    before = {r["feed"]: r["state"] for r in _state(previous)["feed_state"]}
    now = _state(current)
    found = []
    for row in now["feed_state"]:
        feed, state, was = row["feed"], row["state"], before.get(row["feed"])
        if state != "ok":
            verb = "still" if was is not None and was != "ok" else "went"
            found.append(
                f"feed {feed} {verb} {state}: {row['error']} (last good file {row['last_good_sha256'] or 'none'})"
            )
        elif was is not None and was != "ok":
            found.append(f"feed {feed} recovered: its latest file loaded")
    found += [f"{row['mart']}: {row['state']}: {row['note']}" for row in now["mart_state"] if row["state"] != "ok"]
    return found


def alerts(previous: Path | None, current: Path) -> list[str]:
    """The changes an analyst follows, in words. A first release has no data alerts (everything is new), but
    says which feeds and marts are not fresh."""
    found = state_alerts(previous, current)
    if previous is None:
        return found
    with duckdb.connect() as con:
        pipeline_new, pipeline_old = (d / DATA_DIR / "mart_project_pipeline.parquet" for d in (current, previous))
        if pipeline_old.exists() and pipeline_new.exists():
            found += _project_alerts(con, pipeline_new, pipeline_old)
        return found + _country_alerts(con, current / DATA_DIR, previous / DATA_DIR)


def digest(release: str, since: str | None, changes: dict[str, dict], alert_lines: list[str]) -> str:
    """changes.md: the change report as an analyst reads it."""
    lines = [f"# Release {release}", "", f"Since: {since or 'nothing (the first release: every row is new)'}", ""]
    lines += ["## Alerts", ""] + ([f"- {a}" for a in alert_lines] or ["- none"]) + ["", "## Marts", ""]
    if not changes:
        lines.append("No mart changed.")
    else:
        lines += ["| mart | rows added | rows removed | rows changed | changed columns |", "|---|---|---|---|---|"]
        for mart, c in sorted(changes.items()):
            columns = ", ".join(c["changed_columns"]) or "-"
            lines.append(f"| {mart} | {c['rows_added']} | {c['rows_removed']} | {c['rows_changed']} | {columns} |")
    return "\n".join(lines) + "\n"

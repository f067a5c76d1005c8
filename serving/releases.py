"""Every publish is a release: the marts as Parquet and CSV with a Frictionless datapackage.json, under an id
made of the build time and the hashes of the input files, beside the releases kept before it. No Dagster here.

$ATLAS_HOME/releases/<id>/ holds data/<mart>.parquet, data/<mart>.csv, datapackage.json (each field's type,
unit and description from the models' .yml, via dbt's manifest), changes.json and changes.md (what changed
since the previous release: rows added, removed and changed per mart with the changed columns, and alerts;
serving/change_report.py). A release is written beside the others and renamed into place, and the
oldest are removed once more than `keep` exist, so a user can pin one by its id.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import yaml

from data_contracts.paths import DBT_PROJECT_DIR
from serving import change_report
from serving.release_files import CHANGES_JSON, CHANGES_MD, DATA_DIR, DATAPACKAGE, STATE

DEFAULT_KEEP = 5
_FRICTIONLESS_TYPES = {
    "VARCHAR": "string",
    "BIGINT": "integer",
    "INTEGER": "integer",
    "HUGEINT": "integer",
    "SMALLINT": "integer",
    "DOUBLE": "number",
    "FLOAT": "number",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "TIMESTAMP WITH TIME ZONE": "datetime",
}


@dataclass(frozen=True)
class Release:
    release_id: str
    path: Path
    changes: dict[str, dict]  # mart -> rows_added, rows_removed, rows_changed, changed_columns (on the mart's grain)
    alerts: list[str]  # what an analyst follows, in words (serving/change_report.py)
    since: str | None = None  # the release compared against; None for the first


def release_dirs(releases_dir: Path) -> list[Path]:
    """The releases kept, oldest first (ids start with the build time); a release being written is hidden."""
    if not releases_dir.is_dir():
        return []
    return sorted(p for p in releases_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def release_id(built_at: datetime, input_sha256s: dict[str, str]) -> str:
    """The build time to the second and the inputs' hashes: the same files give the same suffix."""
    digest = hashlib.sha256("\n".join(f"{k}={v}" for k, v in sorted(input_sha256s.items())).encode()).hexdigest()
    return f"{built_at.astimezone(UTC):%Y%m%dT%H%M%SZ}-{digest[:12]}"


def _units() -> dict[str, dict]:
    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"]["finished_figure_units"]


def unit_of(column: str, units: dict[str, dict]) -> str | None:
    """The unit a column's name carries, as the marts' rounding reads it (first match wins)."""
    return next((u["unit"] for suffix, u in units.items() if suffix != "default" and suffix in column), None)


def _model_docs(manifest: dict) -> dict[str, dict]:
    return {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}


def _schema(con: duckdb.DuckDBPyConnection, mart: str, doc: dict, units: dict) -> dict:
    columns = doc.get("columns", {})
    fields = []
    for name, sql_type in con.execute(
        "select column_name, data_type from information_schema.columns where table_schema = 'marts' and table_name = ? "
        "order by ordinal_position",
        [mart],
    ).fetchall():
        field = {"name": name, "type": _FRICTIONLESS_TYPES.get(sql_type.upper(), "any")}
        if columns.get(name, {}).get("description"):
            field["description"] = columns[name]["description"].strip()
        if field["type"] == "number" and unit_of(name, units):  # counts and codes carry no unit
            field["unit"] = unit_of(name, units)
        fields.append(field)
    return {"fields": fields}


def write_release(
    con: duckdb.DuckDBPyConnection,
    releases_dir: Path,
    manifest: dict,
    input_sha256s: dict[str, str],
    built_at: datetime,
    keep: int = DEFAULT_KEEP,
) -> Release:
    """Writes the release of the marts `con` holds (the serving file being published), with state.json (each
    feed's and mart's state), then keeps the newest `keep` releases."""
    rid = release_id(built_at, input_sha256s)
    releases_dir.mkdir(parents=True, exist_ok=True)
    previous = (release_dirs(releases_dir) or [None])[-1]
    for dead in releases_dir.glob(".*.tmp"):  # releases a killed publish left half-written (publishes never overlap)
        shutil.rmtree(dead, ignore_errors=True)
    staging = releases_dir / f".{rid}.tmp"
    (staging / DATA_DIR).mkdir(parents=True)
    marts = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
    ]
    _write_package(con, staging, marts, manifest, rid, built_at, input_sha256s)
    _write_state(con, staging)
    since = previous if previous and previous.name != rid else None
    changes = change_report.compare(since, staging, marts, change_report.grains(manifest))
    alert_lines = change_report.alerts(since, staging)
    report = {"since": since.name if since else None, "marts": changes, "alerts": alert_lines}
    (staging / CHANGES_JSON).write_text(json.dumps(report, indent=2, default=str) + "\n")
    (staging / CHANGES_MD).write_text(
        change_report.digest(rid, report["since"], changes, alert_lines), encoding="utf-8"
    )
    final = releases_dir / rid
    shutil.rmtree(final, ignore_errors=True)
    os.replace(staging, final)
    for old in release_dirs(releases_dir)[:-keep]:
        shutil.rmtree(old)
    return Release(rid, final, changes, alert_lines, report["since"])


def _write_package(
    con, staging: Path, marts: list[str], manifest: dict, rid: str, built_at: datetime, inputs: dict
) -> None:
    docs, units = _model_docs(manifest), _units()
    resources = []
    for mart in marts:
        for fmt in ("parquet", "csv"):
            target = staging / DATA_DIR / f"{mart}.{fmt}"
            options = "format parquet" if fmt == "parquet" else "format csv, header true"
            con.execute(f"copy (select * from marts.\"{mart}\" order by all) to '{target}' ({options})")
        resources.append(
            {
                "name": mart,
                "path": f"{DATA_DIR}/{mart}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": docs.get(mart, {}).get("description", "").strip(),
                "schema": _schema(con, mart, docs.get(mart, {}), units),
            }
        )
    package = {
        "name": "capacity-atlas",
        "title": "Capacity Atlas marts",
        "version": rid,
        "created": built_at.astimezone(UTC).isoformat(),
        "sources": [{"title": k, "sha256": v} for k, v in sorted(inputs.items())],
        "resources": resources,
    }
    (staging / DATAPACKAGE).write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")


def _write_state(con, staging: Path) -> None:
    """state.json: dimensions.feed_state and dimensions.mart_state as published, for the next release's alerts."""
    state = {}
    for table in ("feed_state", "mart_state"):
        cursor = con.execute(f"select * from dimensions.{table} order by all")
        names = [d[0] for d in cursor.description]
        state[table] = [dict(zip(names, row)) for row in cursor.fetchall()]
    (staging / STATE).write_text(json.dumps(state, indent=2, default=str) + "\n", encoding="utf-8")


def input_files(warehouse_path: Path) -> dict[str, str]:
    """Each feed's file in the raw layer now: the sha256 of its latest load that passed its contract."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return dict(
            con.execute(
                "select feed, arg_max(source_file_sha256, loaded_at) from audit.feed_loads where contract_passed group by feed"
            ).fetchall()
        )


def describe_changes(changes: dict[str, dict]) -> str:
    if not changes:
        return "no mart changed since the previous release"
    return "; ".join(
        f"{mart} +{c['rows_added']} -{c['rows_removed']} ~{c.get('rows_changed', 0)} rows"
        for mart, c in sorted(changes.items())
    )

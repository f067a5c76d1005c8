"""Every dbt model is an asset and every dbt test an asset check (dagster-dbt)."""

import json
import sys
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from data_contracts.paths import DBT_PROJECT_DIR
from ingest.warehouse import record_dbt_run, record_hourly_months
from orchestration.cadence import HOURLY_BACKFILL, HOURLY_MONTHS
from orchestration.keys import BUILD_STATUS_KEY, DUCKDB_WRITER_POOL, HOURLY_DBT_TAG, OWNER
from orchestration.resources import AtlasResource


def dbt_project() -> DbtProject:
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The venv's dbt, so the code location loads even when the venv is not on PATH."""
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


class AtlasDbtTranslator(DagsterDbtTranslator):
    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        if not unique_id.startswith(("model.", "seed.")):
            return spec  # dbt sources are the raw assets, declared by the feeds
        props = self.get_resource_props(manifest, unique_id)
        layer = spec.group_name or props["resource_type"]
        return spec.replace_attributes(
            owners=[OWNER],
            kinds={"dbt", "duckdb", "sql"},
            # a model without a yml description would otherwise show its raw SQL as its description
            description=props.get("description") or f"dbt {props['resource_type']} {props['name']} ({layer} layer).",
        )

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        # a failing test stops what is downstream of it inside dbt (dbt build skips it), not the whole step
        # and the publish: the check fails red, and the publish fails the run naming it
        return spec._replace(blocking=False) if spec else None

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # models/<layer>/... -> the layer's one word, as its schema: staging, intermediate, marts; plus seeds
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if dbt_resource_props["resource_type"] == "model" and len(fqn) > 2 else None


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=AtlasDbtTranslator(),
        exclude=f"tag:{HOURLY_DBT_TAG}",
        pool=DUCKDB_WRITER_POOL,  # dbt writes the same DuckDB file as the raw assets
    )
    def atlas_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, atlas: AtlasResource):
        yield from _dbt_build(context, dbt, atlas, {})

    return atlas_dbt_models


def build_hourly_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    """The hourly staging models, incremental by month: a run rebuilds the months of its partition range."""

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=AtlasDbtTranslator(),
        select=f"tag:{HOURLY_DBT_TAG}",
        partitions_def=HOURLY_MONTHS,
        backfill_policy=HOURLY_BACKFILL,
        pool=DUCKDB_WRITER_POOL,
    )
    def atlas_hourly_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, atlas: AtlasResource):
        months = context.partition_key_range
        # the months go in a table, not in --vars: vars that change every run make dbt parse the project again
        record_hourly_months(atlas.settings().warehouse_path, months.start, months.end)
        yield from _dbt_build(context, dbt, atlas, {})

    return atlas_hourly_dbt_models


def _dbt_build(context: dg.AssetExecutionContext, dbt: DbtCliResource, atlas: AtlasResource, extra_vars: dict):
    dbt_vars = {"atlas_warehouse": str(atlas.settings().warehouse_path), **extra_vars}
    # Each dbt event reaches the UI as it happens. No .fetch_row_counts(): it counts through a dbt-duckdb
    # adapter opened in this process, which keeps a read-write DuckDB handle on the warehouse after the
    # run. Row counts of the tables built are read once dbt has exited and released the file.
    built: list[dg.AssetKey] = []
    # dbt's unit tests check the models' logic on fixed rows, not the data: tests/unit/test_dbt_unit_tests.py
    # runs them in the fast tier, so a build does not pay for them again
    args = ["build", "--exclude", "resource_type:unit_test", "--vars", json.dumps(dbt_vars)]
    prune_run_targets(DBT_PROJECT_DIR / "target")
    # A failing test stops only what is downstream of it (dbt build skips those); the step goes on so the
    # publish still runs for everything that built, and fails the run then (audit.dbt_runs says why).
    invocation = dbt.cli(args, context=context, raise_on_error=False)
    for event in invocation.stream():
        if isinstance(event, dg.Output):
            built.append(context.asset_key_for_output(event.output_name))
        yield event
    failed, not_rebuilt = dbt_failures(invocation.get_artifact("run_results.json"))
    record_dbt_run(atlas.settings().warehouse_path, context.run.run_id, failed, not_rebuilt)
    for output_name in _unbuilt_in_dependency_order(context, set(built)):
        yield dg.Output(
            None,
            output_name=output_name,
            metadata={
                "dbt_status": "not rebuilt in this run (it or a test upstream of it failed): the table keeps its last built version"
            },
        )
    yield from row_count_observations(atlas.settings().warehouse_path, built)
    if failed and not _judged_later(context):
        # no build_status in this run to fail it afterwards: the step fails now, having kept what built
        raise dg.Failure(description=f"dbt failed {', '.join(failed)}", allow_retries=False)


def _judged_later(context: dg.AssetExecutionContext) -> bool:
    """Whether serving/build_status runs after this step, to fail the run naming what failed."""
    steps = context.run.step_keys_to_execute  # None or empty: the whole job
    if steps:
        return "__".join(BUILD_STATUS_KEY.path) in steps
    selection = context.run.asset_selection
    return not selection or BUILD_STATUS_KEY in selection


def _unbuilt_in_dependency_order(context: dg.AssetExecutionContext, built: set[dg.AssetKey]) -> list[str]:
    """The selected models dbt did not build, upstream first (Dagster takes a multi-asset's outputs in that order)."""
    selected = context.op_execution_context.selected_output_names
    by_key = {key: name for name, key in context.assets_def.keys_by_output_name.items() if name in selected}
    pending = {key for key in by_key if key not in built}
    deps = context.assets_def.asset_deps
    ordered: list[str] = []
    while pending:
        ready = sorted((k for k in pending if not (set(deps.get(k, ())) & pending)), key=lambda k: k.path)
        ordered += [by_key[k] for k in ready]
        pending -= set(ready)
    return ordered


def dbt_failures(run_results: dict) -> tuple[list[str], list[str]]:
    """The nodes that failed (tests failing, models erroring) and the models dbt did not rebuild."""
    results = run_results.get("results", [])
    failed = sorted(r["unique_id"] for r in results if r["status"] in ("fail", "error"))
    not_rebuilt = sorted(
        r["unique_id"]
        for r in results
        if r["unique_id"].startswith(("model.", "seed.")) and r["status"] in ("error", "skipped")
    )
    return failed, not_rebuilt


def prune_run_targets(target_dir: Path, keep: int = 5, older_than_s: float = 3600) -> None:
    """dagster-dbt gives every run its own target folder (about 14 MB): keep the newest `keep`, and never one
    younger than an hour, which a run beside this one may still be writing."""
    import shutil
    import time

    runs = sorted(target_dir.glob("atlas_*dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        if time.time() - old.stat().st_mtime > older_than_s:
            shutil.rmtree(old, ignore_errors=True)


def row_count_observations(warehouse_path: Path, keys: list[dg.AssetKey]):
    """dagster/row_count of each built table (asset keys are [schema, name]); views are not counted: counting
    one runs its whole query again."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        tables = set(
            con.execute(
                "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE'"
            ).fetchall()
        )
        for key in keys:
            if len(key.path) == 2 and tuple(key.path) in tables:
                schema, name = key.path
                (count,) = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
                yield dg.AssetObservation(asset_key=key, metadata={"dagster/row_count": count})


class AtlasDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without the start-up work this project never uses (2.8-4.6 s a run, measured):
    it asks `dbt --version` in a second process for what dbt-core's own module says, and opens no dbt adapter
    inside the Dagster process (dagster-dbt uses it only for row counts and column metadata, which the
    project reads itself once dbt has exited: row_count_observations)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        from dbt.version import __version__

        return version.parse(__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource(project: DbtProject) -> DbtCliResource:
    return AtlasDbtCliResource(project_dir=project, dbt_executable=dbt_executable())

"""Every dbt model is an asset and every dbt test an asset check (dagster-dbt)."""

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.resources import AtlasResource
from orchestration.settings import REPO_ROOT

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def dbt_project() -> DbtProject:
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The venv's dbt, so the code location loads even when the venv is not on PATH."""
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


class AtlasDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # models/<layer>/... -> group by layer: staging, intermediate, marts; snapshots/ -> dbt_snapshots
        if dbt_resource_props["resource_type"] == "snapshot":
            return "dbt_snapshots"
        fqn = dbt_resource_props.get("fqn", [])
        return f"dbt_{fqn[1]}" if dbt_resource_props["resource_type"] == "model" and len(fqn) > 2 else None


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=AtlasDbtTranslator())
    def atlas_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, atlas: AtlasResource):
        dbt_vars = {"atlas_warehouse": str(atlas.settings().warehouse_path)}
        yield from dbt.cli(["build", "--vars", json.dumps(dbt_vars)], context=context).stream()

    return atlas_dbt_models


def dbt_resource(project: DbtProject) -> DbtCliResource:
    return DbtCliResource(project_dir=project, dbt_executable=dbt_executable())

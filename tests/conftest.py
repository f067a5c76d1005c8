"""Real materialisations into temporary ATLAS_HOMEs, fed from ../shared/reference_data (as in CI)."""

from __future__ import annotations

import functools
import inspect
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from data_contracts.paths import REFERENCE_DATA, REPO_ROOT
from orchestration.cadence import hourly_range_tags
from orchestration.dbt_assets import dbt_project, dbt_resource
from orchestration.definitions import FULL_BUILD_JOB, build_definitions
from orchestration.resources import AtlasResource


@dataclass
class Build:
    home: Path
    result: dg.ExecuteInProcessResult
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def failures(self) -> list[str]:
        """Failed steps and failed checks, with their messages, for assertion output."""
        steps = [
            f"{e.step_key}: {_error_chain(e.event_specific_data.error)}"
            for e in self.result.all_events
            if e.is_step_failure and e.event_specific_data.error is not None
        ]
        checks = [
            f"{c.asset_key.to_user_string()} {c.check_name}: {c.metadata.get('failures')}"
            for c in self.result.get_asset_check_evaluations()
            if not c.passed
        ]
        return steps + checks

    def materialisation_metadata(self, asset_key: list[str]) -> dict | None:
        for event in self.result.get_asset_materialization_events():
            if event.asset_key == dg.AssetKey(asset_key):
                return {k: v.value for k, v in event.materialization.metadata.items()}
        return None

    @functools.cached_property
    def _left_out_clusters(self) -> frozenset[str]:
        rows = self.query(
            "select cluster_id from intermediate.int_epoch_clusters_screened where left_out_reason is not null"
        )
        return frozenset(r[0] for r in rows)

    def left_out_clusters(self) -> frozenset[str]:
        """The clusters the one left-out rule (int_epoch_clusters_screened) keeps out of the count."""
        return self._left_out_clusters

    def observed_row_count(self, asset_key: list[str]) -> int | None:
        """dagster/row_count observed for a dbt table once dbt has exited."""
        for event in self.result.all_events:
            if event.event_type_value == "ASSET_OBSERVATION":
                observation = event.event_specific_data.asset_observation
                if observation.asset_key == dg.AssetKey(asset_key) and "dagster/row_count" in observation.metadata:
                    return observation.metadata["dagster/row_count"].value
        return None

    def check_passed(self, asset_key: list[str], check_name: str) -> bool | None:
        for evaluation in self.result.get_asset_check_evaluations():
            if evaluation.asset_key == dg.AssetKey(asset_key) and evaluation.check_name == check_name:
                return evaluation.passed
        return None


def _error_chain(error) -> str:
    messages = []
    while error is not None:
        messages.append(error.message.strip())
        error = error.cause
    return " <- ".join(messages)


def materialise_everything(
    home: Path, mirror: Path, only: list[dg.AssetKey] | None = None, curated_dir: Path | None = None
) -> Build:
    """The whole graph (or only some assets), in-process, exactly as `make run` does it.

    curated_dir: a folder of edited copies of curated/ files to read instead of the repository's.
    """
    atlas = AtlasResource(home=str(home), mirror=str(mirror), curated_dir=str(curated_dir) if curated_dir else None)
    definitions = build_definitions(atlas)
    job = definitions.resolve_job_def(FULL_BUILD_JOB)
    started_at = datetime.now()
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False, asset_selection=only, tags=hourly_range_tags()
    )
    return Build(home=home, result=result, started_at=started_at, finished_at=datetime.now())


def copy_of(build: Build, home: Path) -> Build:
    """A home as `build` left it (warehouse, landing area, serving file): the state a second run finds.
    Tests that need a good build before damaging something start from a copy of the shared one."""
    shutil.copytree(build.home, home)
    return Build(home=home, result=build.result, started_at=build.started_at, finished_at=build.finished_at)


def mirror_with(tmp: Path, relative_path: str, content: bytes) -> Path:
    """A mirror laid out like reference_data where one file is replaced."""
    mirror = tmp / "mirror"
    shutil.copytree(REFERENCE_DATA, mirror, ignore=shutil.ignore_patterns("hourly"))
    if relative_path.startswith("hourly/"):
        shutil.copytree(REFERENCE_DATA / "hourly", mirror / "hourly")
    else:
        (mirror / "hourly").symlink_to(REFERENCE_DATA / "hourly")  # 30 MB, unchanged: read where it is
    (mirror / relative_path).write_bytes(content)
    return mirror


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """`dagster dev` prepares the manifest itself; tests and CI must do it."""
    assert REFERENCE_DATA.is_dir(), f"tests read the real feeds from {REFERENCE_DATA}"
    project = dbt_project()
    if not _manifest_is_fresh(project.project_dir, project.manifest_path):  # as `make manifest` decides
        dbt_resource(project).cli(["parse", "--quiet", "--no-partial-parse"], target_path=project.target_path).wait()
    return project.manifest_path


def _manifest_is_fresh(project_dir: Path, manifest: Path) -> bool:
    if not manifest.exists():
        return False
    sources = [p for d in ("models", "macros", "seeds", "tests") for p in (project_dir / d).rglob("*") if p.is_file()]
    sources += [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    return manifest.stat().st_mtime >= max(p.stat().st_mtime for p in sources)


@pytest.fixture(scope="session")
def built(tmp_path_factory, dbt_manifest) -> Build:
    build = materialise_everything(tmp_path_factory.mktemp("atlas_home"), REFERENCE_DATA)
    assert build.result.success, f"the full build from the reference data failed: {build.failures()}"
    return build


# Two tiers: a test that builds a warehouse (it takes a build fixture or materialises itself) or drives the UI
# is an integration test; the rest (pure functions, contracts, definitions, one-feed screening, dbt unit tests) is the fast tier.
# `make test-fast` runs the fast tier alone; `make test` runs both.
BUILD_FIXTURES = {"built", "built_2026", "two_runs", "serving", "registry_rerun"}


@pytest.fixture(scope="session")
def registry_rerun(built, tmp_path_factory) -> Build:
    """Run 2, into a copy of the shared build's home, with new reports appended to the registry's report log:
    the report feed, every model downstream and the serving file (tests/marts/test_mart_project_pipeline.py says
    which reports)."""
    from data_contracts.feeds import feed_by_name
    from orchestration.keys import SERVING_KEY
    from tests.marts.test_mart_project_pipeline import NEW_REPORTS, REGISTRY_TO_PIPELINE

    root = tmp_path_factory.mktemp("registry_rerun")
    home, curated = root / "home", root / "curated"
    copy_of(built, home)
    shutil.copytree(feed_by_name("atlas__dc_project_reports").curated_path.parent, curated)
    with (curated / "atlas__dc_project_reports.csv").open("a", encoding="utf-8") as reports:
        reports.write(NEW_REPORTS)
    second = materialise_everything(
        home, REFERENCE_DATA, only=[*REGISTRY_TO_PIPELINE, SERVING_KEY], curated_dir=curated
    )
    assert second.result.success, second.failures()
    return second


def _builds(item) -> bool:
    if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        source = ""
    return "materialise_everything" in source or item.module.__name__.endswith("test_ui_browser")


def pytest_collection_modifyitems(items):
    for item in items:
        if _builds(item):
            item.add_marker(pytest.mark.integration)


# Under `make test` (pytest -n 2) the tests that read the shared build run on one worker, so it is built once:
# xdist's file scheduler, with every module that takes a shared-build fixture counted as one file.
SHARED_BUILD_FIXTURES = {"built", "serving", "registry_rerun", "two_runs"}


@functools.cache
def _takes_shared_build(module_path: str) -> bool:
    import re

    source = (REPO_ROOT / module_path).read_text(encoding="utf-8")
    parameters = {
        name.strip().split(":")[0].split("=")[0].strip()
        for group in re.findall(r"def \w+\(([^)]*)\)", source)
        for name in group.split(",")
    }
    return bool(parameters & SHARED_BUILD_FIXTURES)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return "shared build" if _takes_shared_build(module) else module

    return SharedBuildScheduling(config, log)

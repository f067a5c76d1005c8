"""Fixtures and hooks only: the tiers, the shared builds and the order `make test` runs the modules in.
What builds and reads a warehouse is in tests/helpers/builds.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_contracts.paths import REFERENCE_DATA
from orchestration.dbt_assets import dbt_project, dbt_resource
from tests.helpers import builds
from tests.helpers.builds import Build, built_once, materialise_everything

TESTS_DIR = Path(__file__).parent

# Two tiers, told by the folder: tests/unit is the fast tier (pure functions, contracts, definitions, dbt unit
# tests), tests/marts and tests/operations are integration tests (they build warehouses, run processes, drive
# the UI). tests/feeds is fast (one feed's file screened in memory) but for the tests marked
# @pytest.mark.integration, which read a build. `make test-fast` runs the fast tier, `make test` both.
INTEGRATION_FOLDERS = {"marts", "operations"}
# the fixtures that build a warehouse: a fast-tier test taking one (even through another fixture) fails collection
BUILD_FIXTURES = {"built", "registry_rerun", "two_runs", "built_2026"}

# Under `make test` (pytest -n 2) each module is one unit of work and the two workers take them in this order:
# these first, the longest first (each pays for builds or processes of its own), so that neither worker is left
# with a long one at the end; then the other integration modules, then the fast tier (whose longest modules are
# at the end of this list, so that `make test-fast` starts with them too). The shared builds are made once, by
# whichever worker asks first (builds.built_once), so the first two modules must not both wait for one.
LONGEST_FIRST = (
    "operations/test_killed_builds.py",  # needs the shared build: the first worker builds it, then kills builds
    "operations/test_offline_run.py",  # meanwhile the second needs no shared build: an offline one of its own,
    "operations/test_contract_gate.py",  # a fresh one of its own, then damaged copies of the shared one
    "marts/test_epoch_vintages.py",
    "operations/test_ui_browser.py",
    "marts/test_mart_project_pipeline.py",
    "operations/test_partial_rebuild.py",
    "feeds/test_hourly_partitions.py",
    "operations/test_report_site.py",
    "operations/test_code_location.py",
    "feeds/test_feed_eia930__demand_hourly.py",
    "unit/test_dbt_unit_tests.py",
    "unit/test_definitions.py",
)


def _folder(item: pytest.Item) -> str:
    return Path(item.path).relative_to(TESTS_DIR).parts[0]


def _is_integration(item: pytest.Item) -> bool:
    return _folder(item) in INTEGRATION_FOLDERS or item.get_closest_marker("integration") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    misplaced = []
    for item in items:
        if _folder(item) in INTEGRATION_FOLDERS:
            item.add_marker(pytest.mark.integration)
        builds_with = sorted(BUILD_FIXTURES & set(getattr(item, "fixturenames", ())))
        if _folder(item) == "unit" and item.get_closest_marker("integration"):
            misplaced.append(f"{item.nodeid} is marked integration: tests/unit is the fast tier, move it")
        elif builds_with and not _is_integration(item):
            misplaced.append(
                f"{item.nodeid} takes {', '.join(builds_with)} (a build) but is in the fast tier: "
                "mark it @pytest.mark.integration (tests/feeds) or move it to tests/marts or tests/operations"
            )
    if misplaced:
        raise pytest.UsageError("a build in the fast tier:\n  " + "\n  ".join(misplaced))
    _in_run_order(items)


def _in_run_order(items: list[pytest.Item]) -> None:
    """LONGEST_FIRST, then the modules holding integration tests, then the fast tier; each module kept whole."""
    rank: dict[Path, tuple[int, int]] = {}
    for item in items:
        module = Path(item.path).relative_to(TESTS_DIR).as_posix()
        if module in LONGEST_FIRST:
            rank[item.path] = (0, LONGEST_FIRST.index(module))
        else:
            rank[item.path] = min(rank.get(item.path, (2, 0)), (1 if _is_integration(item) else 2, 0))
    items.sort(key=lambda item: rank[item.path])  # stable: modules and their tests keep their order


def pytest_runtest_setup(item: pytest.Item) -> None:
    builds.fast_tier_test = None if _is_integration(item) else item.nodeid


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ModulesInCollectionOrder(LoadScopeScheduling):
        """One module at a time to each worker, in collection order (see LONGEST_FIRST): a worker is handed its
        next module only when it starts the last test of its current one, so no long module waits, committed
        to one worker, while the other is idle. (xdist runs a worker's last test once it knows the next.)"""

        def _reschedule(self, node) -> None:
            if node.shutting_down:
                return
            if not self.workqueue:
                node.shutdown()
                return
            if self._pending_of(self.assigned_work[node]) <= 1:
                self._assign_work_unit(node)

    config.option.loadscopereorder = False  # collection order, not the number of tests per module
    return ModulesInCollectionOrder(config, log)


def _session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this session sees (each worker's own basetemp is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest(tmp_path_factory) -> Path:
    """`dagster dev` prepares the manifest itself; tests and CI must do it (once, whichever worker comes first)."""
    assert REFERENCE_DATA.is_dir(), f"tests read the real feeds from {REFERENCE_DATA}"
    project = dbt_project()
    with builds.locked(_session_dir(tmp_path_factory) / "dbt_manifest.lock"):
        if not _manifest_is_fresh(project.project_dir, project.manifest_path):  # as `make manifest` decides
            dbt_resource(project).cli(
                ["parse", "--quiet", "--no-partial-parse"], target_path=project.target_path
            ).wait()
    return project.manifest_path


def _manifest_is_fresh(project_dir: Path, manifest: Path) -> bool:
    if not manifest.exists():
        return False
    sources = [p for d in ("models", "macros", "seeds", "tests") for p in (project_dir / d).rglob("*") if p.is_file()]
    sources += [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    return manifest.stat().st_mtime >= max(p.stat().st_mtime for p in sources)


@pytest.fixture(scope="session")
def built(tmp_path_factory, dbt_manifest) -> Build:
    """The whole graph built once from the reference data, for every test that reads a good build."""
    build = built_once(
        _session_dir(tmp_path_factory) / "shared_build", lambda home: materialise_everything(home, REFERENCE_DATA)
    )
    assert build.result.success, f"the full build from the reference data failed: {build.failures()}"
    return build


@pytest.fixture(scope="session")
def registry_rerun(built, tmp_path_factory) -> Build:
    """Run 2, into a copy of the shared build's home, with new reports appended to the registry's report log:
    the report feed, every model downstream and the serving file (tests/helpers/registry.py says which reports)."""
    from tests.helpers.registry import rerun_with_new_reports

    second = built_once(
        _session_dir(tmp_path_factory) / "registry_rerun", lambda home: rerun_with_new_reports(built, home)
    )
    assert second.result.success, second.failures()
    return second

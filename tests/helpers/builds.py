"""Real materialisations into temporary ATLAS_HOMEs, fed from ../shared/reference_data (as in CI)."""

from __future__ import annotations

import fcntl
import functools
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb

from data_contracts.feeds import all_feeds
from data_contracts.paths import REFERENCE_DATA
from orchestration.cadence import hourly_range_tags
from orchestration.definitions import FULL_BUILD_JOB, build_definitions
from orchestration.keys import landing_key
from orchestration.resources import AtlasResource
from tests.helpers.dbt_parse import build_vars, reusing_the_session_parse


@dataclass(frozen=True)
class RecordedRun:
    """What the tests read of a run: whether it succeeded, and its events. Unlike Dagster's in-process result it
    can be written to disk, so that the other xdist worker reads the shared build instead of building it again."""

    success: bool
    all_events: list[dg.DagsterEvent]

    @classmethod
    def of(cls, result: dg.ExecuteInProcessResult) -> RecordedRun:
        return cls(success=result.success, all_events=list(result.all_events))

    def get_asset_materialization_events(self) -> list[dg.DagsterEvent]:
        return [event for event in self.all_events if event.is_step_materialization]

    def get_asset_check_evaluations(self) -> list[dg.AssetCheckEvaluation]:
        return [
            event.event_specific_data
            for event in self.all_events
            if event.event_type_value == dg.DagsterEventType.ASSET_CHECK_EVALUATION.value
        ]


@dataclass
class Build:
    home: Path
    result: RecordedRun
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

    def write(self, record: Path) -> None:
        record.write_text(
            dg.serialize_value(
                {
                    "home": str(self.home),
                    "success": self.result.success,
                    "events": self.result.all_events,
                    "started_at": self.started_at.isoformat() if self.started_at else None,
                    "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                }
            ),
            encoding="utf-8",
        )

    @classmethod
    def read(cls, record: Path) -> Build:
        saved = dg.deserialize_value(record.read_text(encoding="utf-8"))
        return cls(
            home=Path(saved["home"]),
            result=RecordedRun(success=saved["success"], all_events=list(saved["events"])),
            started_at=datetime.fromisoformat(saved["started_at"]) if saved["started_at"] else None,
            finished_at=datetime.fromisoformat(saved["finished_at"]) if saved["finished_at"] else None,
        )


def _error_chain(error) -> str:
    messages = []
    while error is not None:
        messages.append(error.message.strip())
        error = error.cause
    return " <- ".join(messages)


class BuildInFastTier(RuntimeError):
    pass


# Set by tests/conftest.py while a fast-tier test runs: a build started from one fails at once, naming the test.
fast_tier_test: str | None = None


# Dagster logs every event of an in-process run to the console at DEBUG (thousands a build, into pytest's capture);
# the run's events are kept all the same, and Build.failures() says what failed.
_WARNINGS_ONLY = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def materialise_everything(
    home: Path,
    mirror: Path,
    only: list[dg.AssetKey] | None = None,
    curated_dir: Path | None = None,
    hourly_months: str | None = None,
) -> Build:
    """The whole graph (or only some assets), in-process, exactly as `make run` does it.

    curated_dir: a folder of edited copies of curated/ files to read instead of the repository's.
    hourly_months: the hourly feeds' months, FIRST[:LAST] as `make run`'s --months takes them (default: all).
    """
    if fast_tier_test is not None:
        raise BuildInFastTier(
            f"{fast_tier_test} builds a warehouse but is in the fast tier: mark it @pytest.mark.integration "
            "or move it to tests/marts or tests/operations"
        )
    atlas = AtlasResource(home=str(home), mirror=str(mirror), curated_dir=str(curated_dir) if curated_dir else None)
    definitions = build_definitions(atlas)
    job = definitions.resolve_job_def(FULL_BUILD_JOB)
    started_at = datetime.now()
    with reusing_the_session_parse(build_vars(home), home.parent / f".{home.name}-dbt"):
        result = job.execute_in_process(
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
            asset_selection=only,
            tags=hourly_range_tags(hourly_months),
            run_config=_WARNINGS_ONLY,
        )
    return Build(home=home, result=RecordedRun.of(result), started_at=started_at, finished_at=datetime.now())


@functools.cache
def asset_graph():
    return build_definitions(AtlasResource()).resolve_asset_graph()


def downstream_of(*keys: dg.AssetKey) -> list[dg.AssetKey]:
    """`keys` and every asset they feed: what a run must rebuild once they change."""
    return sorted(dg.AssetSelection.assets(*keys).downstream().resolve(asset_graph()), key=str)


def _hourly_loads() -> set[dg.AssetKey]:
    """The many-file hourly feeds' landing, raw and incremental staging assets (their months are partitions)."""
    graph = asset_graph()
    partitioned = {key for key in graph.get_all_asset_keys() if graph.get(key).partitions_def is not None}
    return partitioned | {landing_key(feed.name) for feed in all_feeds() if feed.partitioned}


def all_but_the_hourly_loads() -> list[dg.AssetKey]:
    """A second run into a copy of a build, the hourly months left as they are (loading the same files again
    changes no month): everything else rebuilds, the marts that read hourly tables included."""
    return sorted(asset_graph().get_all_asset_keys() - _hourly_loads(), key=str)


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


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
        yield


def built_once(folder: Path, build: Callable[[Path], Build]) -> Build:
    """`build(folder / "home")` once for every xdist worker of the session: the first worker to ask builds it
    (the others wait for it) and records it; later ones read the record. A failed build is recorded too, so it
    fails each test that reads it without being built again."""
    record = folder / "build.json"
    with locked(folder.parent / f"{folder.name}.lock"):
        if record.exists():
            return Build.read(record)
        first = build(folder / "home")
        first.write(record)
        return first

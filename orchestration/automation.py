"""Schedules (one per feed family, cadence in orchestration/cadence.py) and the mirror sensor.

A family's job runs its feeds' landing and raw assets and every dbt asset downstream of them. Other
families' raw tables are left to their own schedule. Everything here is built when Definitions are
built; the sensor reads ATLAS_MIRROR (through AtlasResource) only when it evaluates.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import dagster as dg

from data_contracts.feeds import Feed, all_feeds
from orchestration.cadence import FAMILY_CADENCE, TIMEZONE, hourly_range_tags
from orchestration.keys import LAYERS, group_name, landing_key, raw_key
from orchestration.resources import AtlasResource

MIRROR_SENSOR = "mirror_file_sensor"


def family_job_name(family: str) -> str:
    return f"{family}_refresh"


def _feed_groups() -> dg.AssetSelection:
    return dg.AssetSelection.groups(*(group_name(family, layer) for family in FAMILY_CADENCE for layer in LAYERS))


def refresh_selection(feeds_assets: dg.AssetSelection) -> dg.AssetSelection:
    """Some feed assets plus everything downstream of them that is not another feed's asset (dbt)."""
    return feeds_assets | (feeds_assets.downstream() - _feed_groups())


def family_schedules() -> list[dg.ScheduleDefinition]:
    schedules = []
    for family, cadence in FAMILY_CADENCE.items():
        own = dg.AssetSelection.groups(*(group_name(family, layer) for layer in LAYERS))
        job = dg.define_asset_job(
            family_job_name(family),
            selection=refresh_selection(own),
            description=f"Fetch and load the {family} feeds, then rebuild the dbt models downstream of them.",
        )
        if family == "hourly":  # the latest partition only: the month just ended
            schedules.append(
                dg.build_schedule_from_partitioned_job(
                    job,
                    name=f"{family}_{cadence.label}",
                    **cadence.monthly_partition_offsets(),
                    description=f"Monthly load of the month just ended for the {family} feeds (its partition only).",
                )
            )
            continue
        schedules.append(
            dg.ScheduleDefinition(
                name=f"{family}_{cadence.label}",
                job=job,
                cron_schedule=cadence.cron,
                execution_timezone=TIMEZONE,
                description=f"{cadence.label.capitalize()} refresh of the {family} feeds ({cadence.cron} {TIMEZONE}).",
            )
        )
    return schedules


# --- the mirror sensor -----------------------------------------------------------------------------


def mirrored_feeds() -> tuple[Feed, ...]:
    """Feeds read from ATLAS_MIRROR, one file or a folder of files each; curated feeds are repository files
    and are not watched."""
    return tuple(feed for feed in all_feeds() if feed.curated_path is None and feed.mirror_path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_state(path: Path, seen: dict) -> dict:
    """{sha256, mtime_ns, size}: a file whose mtime and size match what was seen keeps its hash (not re-read)."""
    stat = path.stat()
    if seen.get("mtime_ns") == stat.st_mtime_ns and seen.get("size") == stat.st_size and seen.get("sha256"):
        sha = seen["sha256"]
    else:
        sha = _sha256(path)
    return {"sha256": sha, "mtime_ns": stat.st_mtime_ns, "size": stat.st_size}


def _folder_state(folder: Path, pattern: str, seen: dict) -> dict | None:
    """A many-file feed's folder: each of its files (the feed's glob) as _file_state, and one sha256 of their
    names and hashes. Only files whose name, size or mtime changed are read; None when the folder has none."""
    files = sorted(path for path in folder.glob(pattern) if path.is_file())
    if not files:
        return None
    seen_files = seen.get("files", {})
    states = {path.name: _file_state(path, seen_files.get(path.name, {})) for path in files}
    listing = json.dumps([(name, state["sha256"]) for name, state in states.items()]).encode()
    return {"sha256": hashlib.sha256(listing).hexdigest(), "files": states}


def scan_mirror(mirror: Path, feeds: Iterable[Feed], previous: dict[str, dict]) -> dict[str, dict]:
    """feed -> the state of its mirror file {sha256, mtime_ns, size}, or of its folder of files {sha256, files}
    for a many-file feed. Absent files and folders are left out."""
    state = {}
    for feed in feeds:
        path, seen = mirror / feed.mirror_path, previous.get(feed.name, {})
        if feed.partitioned:
            folder = _folder_state(path, feed.files, seen) if path.is_dir() else None
            if folder is not None:
                state[feed.name] = folder
        elif path.is_file():
            state[feed.name] = _file_state(path, seen)
    return state


def _feed_keys(feed: Feed) -> list[dg.AssetKey]:
    return [landing_key(feed.name), raw_key(feed.name)]


def mirror_sensor(job_name: str) -> dg.SensorDefinition:
    """A run of the changed feeds' assets and their dbt descendants when a file in ATLAS_MIRROR changes.

    Cursor: JSON {feed: {"sha256", "mtime_ns", "size"}}, for a many-file feed {feed: {"sha256", "files": {name:
    {"sha256", "mtime_ns", "size"}}}}. A feed is changed when its sha256 differs from the cursor's (or the feed
    is not in it yet); touching a file without changing it requests nothing.
    """

    @dg.sensor(
        name=MIRROR_SENSOR,
        job_name=job_name,
        minimum_interval_seconds=60,
        description="Runs the feeds whose file in ATLAS_MIRROR changed (sha256), and the dbt models downstream.",
        default_status=dg.DefaultSensorStatus.STOPPED,
    )
    def _mirror_sensor(
        context: dg.SensorEvaluationContext, atlas: AtlasResource
    ) -> Iterator[dg.RunRequest | dg.SkipReason]:
        mirror = atlas.settings().mirror  # ATLAS_MIRROR, read now, not at import
        if mirror is None or not mirror.is_dir():
            yield dg.SkipReason(f"ATLAS_MIRROR is not set or not a directory ({mirror}): nothing to watch")
            return
        previous = json.loads(context.cursor) if context.cursor else {}
        feeds = mirrored_feeds()
        state = scan_mirror(mirror, feeds, previous)
        changed = [
            f for f in feeds if f.name in state and state[f.name]["sha256"] != previous.get(f.name, {}).get("sha256")
        ]
        context.update_cursor(json.dumps(state, sort_keys=True))
        if not changed:
            yield dg.SkipReason(f"no file in {mirror} changed since the last evaluation")
            return
        assert context.repository_def is not None, "the sensor resolves downstream assets from the code location"
        selection = refresh_selection(dg.AssetSelection.assets(*(key for f in changed for key in _feed_keys(f))))
        graph = context.repository_def.asset_graph
        keys = sorted(selection.resolve(graph), key=lambda k: k.to_user_string())
        # a many-file feed's assets are monthly partitions: the run loads every month (unchanged ones are cheap)
        months = hourly_range_tags() if any(graph.get(k).is_partitioned for k in keys) else {}
        names = ",".join(f.name for f in changed)
        fingerprint = hashlib.sha256(
            json.dumps({f.name: state[f.name] for f in changed}, sort_keys=True).encode()
        ).hexdigest()
        yield dg.RunRequest(
            run_key=f"mirror-{fingerprint[:16]}",
            asset_selection=keys,
            tags={"atlas/trigger": MIRROR_SENSOR, "atlas/changed_feeds": names, **months},
        )

    return _mirror_sensor

"""Loading an hourly feed from a mirror into a fresh warehouse, as its partitioned raw asset does (no Dagster)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from data_contracts.feeds import feed_by_name
from data_contracts.paths import REFERENCE_DATA
from ingest.hourly import HourlyOutcome, load_months
from ingest.landing import land
from orchestration.cadence import HOURLY_MONTHS
from orchestration.resources import AtlasResource


def every_month() -> list[str]:
    return HOURLY_MONTHS.get_partition_keys()


def load_hourly(home: Path, feed: str, mirror: Path = REFERENCE_DATA, months: list[str] | None = None) -> HourlyOutcome:
    atlas = AtlasResource(home=str(home), mirror=str(mirror))
    declared = feed_by_name(feed)
    land(declared, atlas.settings())
    return load_months(declared, atlas.settings(), atlas.warehouse, months or every_month())


def query(home: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def mirror_of(tmp: Path, folder: str) -> Path:
    """A mirror holding a copy of one hourly folder (to edit) and the others as they are."""
    mirror = tmp / "mirror"
    for other in (REFERENCE_DATA / "hourly").iterdir():
        target = mirror / "hourly" / other.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if other.name == folder:
            shutil.copytree(other, target)
        else:
            target.symlink_to(other)
    return mirror

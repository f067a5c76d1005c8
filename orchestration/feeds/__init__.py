"""Every feed, declared once: name, family, live URL, file inside a mirror, format, contract, transform."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from data_contracts import Contract
from transforms.staging import StagedFeed

# (raw frame, contract, landed file sha256, reference tables by name) -> typed rows + quarantine
Stager = Callable[[pl.DataFrame, Contract, str, dict[str, pl.DataFrame]], StagedFeed]
COUNTRY_DIMENSION = "datahub__country_codes"


@dataclass(frozen=True)
class Feed:
    name: str  # also the contract's file name: data_contracts/<name>.yml
    family: str  # energy | cost | construction
    stage: Stager
    url: str | None = None  # third-party feeds: the live source ...
    mirror_path: str | None = None  # ... and the same file inside ATLAS_MIRROR (laid out like shared/reference_data)
    # Curated feeds are the project's own files: always read from the repository, mirror or not,
    # so that rows added here reach the warehouse.
    curated_path: Path | None = None
    fmt: str = "csv"
    # a download that is a zip: the file inside it to land (mirrors hold that file itself)
    member: str | None = None
    reference_tables: tuple[str, ...] = (COUNTRY_DIMENSION,)  # staged tables the transform checks against


def all_feeds() -> tuple[Feed, ...]:
    """Every feed, reference data first (other feeds check against it). One module per family."""
    from orchestration.feeds import construction, cost, energy, reference

    return (*reference.FEEDS, *energy.FEEDS, *cost.FEEDS, *construction.FEEDS)


def feed_by_name(name: str) -> Feed:
    return next(f for f in all_feeds() if f.name == name)

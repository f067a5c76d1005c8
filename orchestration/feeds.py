"""Every feed, declared once: name, family, live URL, file inside a mirror, format, contract, transform."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from data_contracts import Contract
from data_contracts.contract import CONTRACT_DIR
from transforms import ai_dc_projects, country_codes, dc_cost_per_watt, ember_country_overview_yearly
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
    reference_tables: tuple[str, ...] = (COUNTRY_DIMENSION,)  # staged tables the transform checks against


FEEDS: tuple[Feed, ...] = (
    Feed(
        name="country_codes",
        family="reference",
        url="https://raw.githubusercontent.com/datasets/country-codes/main/data/country-codes.csv",
        mirror_path="country_codes/country-codes.csv",
        stage=country_codes.stage_feed,
        reference_tables=(),
    ),
    Feed(
        name="ember_country_overview_yearly",
        family="energy",
        url="https://raw.githubusercontent.com/ember-climate/ember-data-api/main/data/api_country_overview_yearly.csv",
        mirror_path="ember/api_country_overview_yearly.csv",
        stage=ember_country_overview_yearly.stage_feed,
    ),
    Feed(
        name="dc_cost_per_watt",
        family="cost",
        curated_path=CONTRACT_DIR / "curated" / "dc_cost_per_watt.csv",
        stage=dc_cost_per_watt.stage_feed,
    ),
    Feed(
        name="ai_dc_projects",
        family="construction",
        curated_path=CONTRACT_DIR / "curated" / "ai_dc_projects.csv",
        stage=ai_dc_projects.stage_feed,
    ),
)


def feed_by_name(name: str) -> Feed:
    return next(f for f in FEEDS if f.name == name)

"""Ember monthly day-ahead wholesale prices (EUR/MWh), European countries."""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.countries import unknown_country_rule
from transforms.staging import StagedFeed, stage


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    country = unknown_country_rule("country_iso3", refs["datahub__country_codes"])
    return stage(raw, contract, file_sha256=file_sha256, rules=[country])

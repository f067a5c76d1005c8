"""World Bank population (SP.POP.TOTL): persons at mid-year, countries and aggregates kept apart."""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.staging import StagedFeed, stage
from transforms.worldbank import unknown_area_rule, with_area_type


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    prepared = with_area_type(raw, "Country Code", refs["datahub__country_codes"])
    return stage(prepared, contract, file_sha256=file_sha256, rules=[unknown_area_rule()])

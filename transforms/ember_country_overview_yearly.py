"""Ember yearly country overview: countries keyed by ISO3, aggregates (World, EU, G20 ...) kept apart."""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.countries import unknown_country_rule
from transforms.staging import Rule, StagedFeed, stage

# Ember's aggregates: the only rows allowed to come without an ISO3 code (SOURCE.md).
AGGREGATES = (
    "ASEAN", "Africa", "Asia", "EU", "Europe", "G20", "G7", "Latin America and Caribbean",
    "Middle East", "North America", "OECD", "Oceania", "World",
)


def _slug(name: pl.Expr) -> pl.Expr:
    return name.str.strip_chars().str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_")


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    code = pl.col("country_code").str.strip_chars()
    is_aggregate = code.is_null() | (code == "")
    return raw.with_columns(
        area_type=pl.when(is_aggregate).then(pl.lit("aggregate")).otherwise(pl.lit("country")),
        country_iso3=pl.when(is_aggregate).then(None).otherwise(code),
        area_code=pl.when(is_aggregate).then(_slug(pl.col("country_or_region"))).otherwise(code),
    )


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    unknown_aggregate = Rule(
        "country_iso3",
        (pl.col("area_type") == "aggregate") & ~pl.col("country_or_region").str.strip_chars().is_in(AGGREGATES),
        "no ISO3 code and not one of Ember's known aggregates",
    )
    country = unknown_country_rule("country_iso3", refs["datahub__country_codes"])
    return stage(prepare(raw), contract, file_sha256=file_sha256, rules=[unknown_aggregate, country])

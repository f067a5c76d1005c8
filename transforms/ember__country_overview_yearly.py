"""Ember yearly country overview: countries keyed by ISO3, aggregates (World, EU, G20 ...) kept apart."""

from __future__ import annotations

import polars as pl

from transforms.rules import Rule

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


def rules() -> list[Rule]:
    unknown_aggregate = Rule(
        "country_iso3",
        (pl.col("area_type") == "aggregate") & ~pl.col("country_or_region").str.strip_chars().is_in(AGGREGATES),
        "no ISO3 code and not one of Ember's known aggregates",
    )
    return [unknown_aggregate]

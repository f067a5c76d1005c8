"""Ember yearly country overview: countries keyed by ISO3, aggregates (World, EU, G20 ...) kept apart."""

from __future__ import annotations

import polars as pl

from transforms.common.countries import MAPPING_FILE, name_lookup
from transforms.common.rules import Rule


def _slug(name: pl.Expr) -> pl.Expr:
    return name.str.strip_chars().str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_")


def prepare(raw: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    """A row without an ISO3 code is an aggregate; only the aggregates the reviewed mapping lists may be one."""
    code = pl.col("country_code").str.strip_chars()
    is_aggregate = code.is_null() | (code == "")
    aggregates = [name for name, iso3 in name_lookup(country_names).items() if iso3 is None]
    return raw.with_columns(
        is_known_aggregate=pl.col("country_or_region").str.strip_chars().is_in(aggregates),
        area_type=pl.when(is_aggregate).then(pl.lit("aggregate")).otherwise(pl.lit("country")),
        country_iso3=pl.when(is_aggregate).then(None).otherwise(code),
        area_code=pl.when(is_aggregate).then(_slug(pl.col("country_or_region"))).otherwise(code),
    )


def rules() -> list[Rule]:
    unknown_aggregate = Rule(
        "country_iso3",
        (pl.col("area_type") == "aggregate") & ~pl.col("is_known_aggregate"),
        f"no ISO3 code and not an aggregate in {MAPPING_FILE}",
    )
    return [unknown_aggregate]

"""IEA data-centre electricity by region (Energy and AI, 2025) as reported, a source URL per row."""

from __future__ import annotations

import polars as pl

from transforms.common.countries import is_unmapped, name_lookup, to_iso3, unmapped_name_rule
from transforms.common.rules import Rule


def prepare(raw: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    """Flags a region that is a country's name while country_iso3 is missing or names another country:
    a row pasted against the wrong region (United States figures under CHN). Groupings (Europe, Rest of
    World) are aggregates in the mapping and pass."""
    lookup = name_lookup(country_names)
    named = to_iso3(raw["region"], lookup)
    given = raw["country_iso3"].str.strip_chars()
    return raw.with_columns(
        region_country_mismatch=named.is_not_null() & given.ne_missing(named),
        region_unmapped=is_unmapped(raw["region"], lookup),
    )


def rules() -> list[Rule]:
    return [
        unmapped_name_rule("region", "region_unmapped", "region"),
        Rule(
            "country_iso3", pl.col("region_country_mismatch"), "region names a country but country_iso3 is not its code"
        ),
    ]

"""Capacity Atlas's reviewed country-name mapping (curated/atlas__country_names.csv): one row per name a feed writes."""

from __future__ import annotations

import polars as pl

from transforms.common.rules import Rule


def rules() -> list[Rule]:
    is_country = pl.col("area_kind") == "country"
    return [
        Rule(
            "country_iso3",
            is_country != pl.col("country_iso3").is_not_null(),
            "country_iso3 is given exactly when area_kind is country",
        ),
    ]

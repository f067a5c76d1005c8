"""IEA data-centre electricity by region (Energy and AI, 2025) as reported, a source URL per row."""

from __future__ import annotations

import polars as pl

from data_contracts import Contract
from transforms.countries import name_lookup, to_iso3, unknown_country_rule
from transforms.staging import Rule, StagedFeed, stage


def _region_country_mismatch(raw: pl.DataFrame, country_codes: pl.DataFrame) -> pl.Series:
    """True where the region is a country's name but country_iso3 is missing or names another country.

    Catches a row pasted against the wrong region (United States figures under CHN). Groupings
    (Europe, Rest of World) resolve to no country and pass.
    """
    named = to_iso3(raw["region"].str.strip_chars(), name_lookup(country_codes))
    given = raw["country_iso3"].str.strip_chars()
    return named.is_not_null() & given.ne_missing(named)


def stage_feed(raw: pl.DataFrame, contract: Contract, file_sha256: str, refs: dict[str, pl.DataFrame]) -> StagedFeed:
    country_codes = refs["datahub__country_codes"]
    prepared = raw.with_columns(region_country_mismatch=_region_country_mismatch(raw, country_codes))
    mismatch = Rule("country_iso3", pl.col("region_country_mismatch"), "region names a country but country_iso3 is not its code")
    return stage(prepared, contract, file_sha256=file_sha256, rules=[unknown_country_rule("country_iso3", country_codes), mismatch])

"""datahub exchange rates (FRED H.10), annual and monthly: one row per currency and period, units per 1 USD.

Keyed by currency, not by country. The file names a country ('Japan') or a currency area ('Euro'):
- a country name resolves to ISO3 through the country dimension, and its currency is the dimension's;
- a name that is no country is looked up among the dimension's currency names ('Euro' -> EUR);
- a country whose current currency the file also quotes as a currency area (France, Germany ... -> EUR)
  is quoted in its legacy national currency (francs, marks): those rows are NOT euros. They keep
  currency_iso4217 null, is_legacy_currency true and fx_series_code '<ISO3>-legacy'. ISO 4217 has
  retired codes for them (FRF, DEM ...), but the dimension does not carry them and a hand-written
  table would be a second, unchecked source of truth.
A name that matches neither a country nor a currency is quarantined with its text.
"""

from __future__ import annotations

import polars as pl

from transforms.common.countries import is_unmapped, name_key, name_lookup, to_iso3, unmapped_name_rule
from transforms.common.rules import Rule

LEGACY_SUFFIX = "-legacy"


def currency_lookup(country_codes: pl.DataFrame) -> dict[str, str]:
    """Normalised currency name -> ISO 4217 code, keeping only names that point at one code.

    The dimension lists several names for a territory with several currencies; the code is the first
    one listed (transforms/datahub__country_codes.py), so the first name is the one that goes with it.
    """
    pairs = (
        country_codes.select(pl.col("currency_name").str.split(",").list.first().str.strip_chars(), "currency_iso4217")
        .drop_nulls()
        .unique()
    )
    candidates: dict[str, set[str]] = {}
    for name, code in pairs.iter_rows():
        candidates.setdefault(name_key(name), set()).add(code)
    return {name: codes.pop() for name, codes in candidates.items() if len(codes) == 1}


def _currency_areas(names: pl.Series, country_iso3: pl.Series, country_codes: pl.DataFrame) -> pl.Expr:
    """ISO 4217 code for names that are a currency rather than a country ('Euro'); null otherwise."""
    lookup = currency_lookup(country_codes)
    codes = {n: lookup.get(name_key(n)) for n in names.drop_nulls().unique().to_list()}
    return pl.when(country_iso3.is_null()).then(names.replace_strict(codes, default=None, return_dtype=pl.String))


def prepare(raw: pl.DataFrame, country_codes: pl.DataFrame, country_names: pl.DataFrame) -> pl.DataFrame:
    name = raw["Country"].str.strip_chars().replace("", None)  # empty is missing, for the contract to report once
    lookup = name_lookup(country_names)
    iso3 = to_iso3(name, lookup)
    frame = raw.with_columns(fx_area_name=name, country_iso3=iso3, fx_area_unmapped=is_unmapped(name, lookup))
    frame = frame.with_columns(area_currency=_currency_areas(name, iso3, country_codes)).join(
        country_codes.select("country_iso3", country_currency="currency_iso4217"), on="country_iso3", how="left"
    )
    # A currency the file quotes as a currency area (EUR) cannot also be what a member country's own
    # series is in: that series predates the union and is the legacy national currency.
    union_codes = frame["area_currency"].drop_nulls().unique().implode()
    is_legacy = (pl.col("country_iso3").is_not_null() & pl.col("country_currency").is_in(union_codes)).fill_null(False)
    currency = pl.when(is_legacy).then(None).otherwise(pl.coalesce("area_currency", "country_currency"))
    return frame.with_columns(
        is_legacy_currency=is_legacy.cast(pl.String),
        currency_iso4217=currency,
        fx_series_code=pl.when(is_legacy).then(pl.col("country_iso3") + LEGACY_SUFFIX).otherwise(currency),
    ).sort("source_line")


def rules() -> list[Rule]:
    unmatched = (
        pl.col("fx_area_name").is_not_null()
        & pl.col("country_iso3").is_null()
        & pl.col("area_currency").is_null()
        & ~pl.col("fx_area_unmapped")
    )
    no_currency = pl.col("country_iso3").is_not_null() & pl.col("country_currency").is_null()
    return [
        unmapped_name_rule("fx_area_name", "fx_area_unmapped", "fx_area_name"),
        Rule("fx_area_name", unmatched, "name is no country in the mapping and no currency in the country dimension"),
        Rule("fx_area_name", no_currency, "country has no ISO 4217 currency in the country dimension"),
    ]

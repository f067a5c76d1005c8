"""Country names -> ISO3 through one reviewed mapping file, curated/atlas__country_names.csv. Never a guess.

A name maps when the file lists it exactly (surrounding spaces aside): to its country, or to none for an
aggregate or a currency area. A name the file does not list is quarantined by the feed with the name and
the file to edit (`unmapped_name_rule`). The country dimension's names (and pycountry's) only suggest a
code for a reviewer (`suggest_iso3`, used by tests/test_countries.py to check the file).
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from transforms.common.rules import Rule

MAPPING_FILE = "curated/atlas__country_names.csv"
# country-codes columns that hold a name of the country (see shared SOURCE.md)
NAME_COLUMNS = (
    "country_name",
    "official_name_en",
    "unterm_short_name",
    "unterm_formal_name",
    "currency_country_name",
)


def name_lookup(country_names: pl.DataFrame) -> dict[str, str | None]:
    """Mapped name -> ISO3 (None for an aggregate or a currency area), from the raw mapping table."""
    return dict(zip(country_names["name"].to_list(), country_names["country_iso3"].to_list()))


def to_iso3(names: pl.Series, lookup: dict[str, str | None]) -> pl.Series:
    """ISO3 for each name the mapping lists as a country; null otherwise (check `is_unmapped` too)."""
    known = {k: v for k, v in lookup.items() if v is not None}
    return names.str.strip_chars().replace_strict(known, default=None, return_dtype=pl.String)


def is_unmapped(names: pl.Series, lookup: dict[str, str | None]) -> pl.Series:
    stripped = names.str.strip_chars()
    return (stripped.fill_null("") != "") & ~stripped.is_in(list(lookup))


def unmapped_name_rule(column: str, unmapped_flag: str, text_column: str) -> Rule:
    """Quarantine rows whose name the mapping does not list, naming the name and the file to edit."""
    reason = pl.format(
        f"name '{{}}' is not in {MAPPING_FILE}: review it and add a row", pl.col(text_column).str.strip_chars()
    )
    return Rule(column, pl.col(unmapped_flag), reason)


def country_name_rules(column: str, text_column: str, unmapped_flag: str, named: pl.Expr) -> list[Rule]:
    """For a column that must name a country where `named` holds: the name is in the mapping, and as a country
    (an aggregate or a currency area gives no country_iso3)."""
    not_a_country = Rule(
        column,
        named & pl.col("country_iso3").is_null() & ~pl.col(unmapped_flag),
        f"country name is an aggregate or a currency area in {MAPPING_FILE}, not a country",
    )
    return [unmapped_name_rule(column, unmapped_flag, text_column), not_a_country]


# ---- suggestions for a reviewer: the dimension's and pycountry's names, normalised ----------------------


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(the\)|^the\s+", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name_variants(name: str) -> set[str]:
    """The name itself, and 'X (Y)' / 'X, Y' read as 'Y X' ('Korea (Republic of)' -> 'Republic of Korea')."""
    variants = {name_key(name)}
    inverted = re.fullmatch(r"\s*(.+?)\s*(?:\((.+)\)|,\s*(.+))\s*", name)
    if inverted:
        head, tail = inverted.group(1), inverted.group(2) or inverted.group(3)
        variants.add(name_key(f"{tail} {head}"))
    return {v for v in variants if v}


def _pycountry_names() -> list[tuple[str, str]]:
    import pycountry  # ISO 3166 names, official names and common names ('Taiwan', 'Bolivia' ...)

    return [
        (value, country.alpha_3)
        for country in pycountry.countries
        for value in (getattr(country, a, None) for a in ("name", "official_name", "common_name"))
        if value
    ]


def suggest_iso3(name: str, country_codes: pl.DataFrame) -> str | None:
    """The one country whose dimension or ISO name matches `name` once normalised, else None: a hint only."""
    pairs = [
        (row[column], row["country_iso3"])
        for row in country_codes.select("country_iso3", *NAME_COLUMNS).iter_rows(named=True)
        for column in NAME_COLUMNS
        if row[column]
    ] + _pycountry_names()
    wanted = name_variants(name)
    matches = {iso3 for candidate, iso3 in pairs if name_variants(candidate) & wanted}
    return matches.pop() if len(matches) == 1 else None

"""Country names -> ISO3, from the country-codes dimension plus pycountry. Never guesses.

A name matches when one of its normalised forms equals a normalised name of exactly one country;
'Korea (Republic of)', 'Philippines (the)' and 'the United Kingdom of ...' are rewritten, not fuzzed.
A name that matches nothing, or matches two countries, stays unmatched for the feed to quarantine.
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from transforms.staging import Rule

# country-codes columns that hold a name of the country (see shared SOURCE.md)
NAME_COLUMNS = (
    "country_name",
    "official_name_en",
    "unterm_short_name",
    "unterm_formal_name",
    "currency_country_name",
)


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

    pairs = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                pairs.append((value, country.alpha_3))
    return pairs


def name_lookup(country_codes: pl.DataFrame) -> dict[str, str]:
    """Normalised name -> ISO3, keeping only names that point at one country."""
    pairs = [
        (row[column], row["country_iso3"])
        for row in country_codes.select("country_iso3", *NAME_COLUMNS).iter_rows(named=True)
        for column in NAME_COLUMNS
        if row[column]
    ] + _pycountry_names()
    candidates: dict[str, set[str]] = {}
    for name, iso3 in pairs:
        candidates.setdefault(iso3, set())
        for key in name_variants(name):
            candidates.setdefault(f"name:{key}", set()).add(iso3)
    return {k.removeprefix("name:"): next(iter(v)) for k, v in candidates.items() if k.startswith("name:") and len(v) == 1}


def to_iso3(names: pl.Series, lookup: dict[str, str]) -> pl.Series:
    """ISO3 for each name; null where a name is empty or matches no single country."""
    resolved = {}
    for name in names.drop_nulls().unique().to_list():
        matches = {lookup[v] for v in name_variants(name) if v in lookup}
        resolved[name] = matches.pop() if len(matches) == 1 else None
    return names.replace_strict(resolved, default=None, return_dtype=pl.String)


def unknown_country_rule(column: str, country_codes: pl.DataFrame) -> Rule:
    """Quarantine rows whose ISO3 code is not in the master country dimension."""
    known = country_codes["country_iso3"].to_list()
    return Rule(
        column,
        pl.col(column).is_not_null() & ~pl.col(column).str.strip_chars().is_in(known),
        "ISO3 code not in the country dimension (data_contracts/country_codes.yml)",
    )

"""A country from the end of a postal address, or none. No hand-written place list, never a guess.

The last comma-separated part that is not a bare postcode is read three ways:
  * a country name the reviewed mapping lists ('..., Hebei, China, 076471' -> CHN; transforms/common/countries.py);
  * a US postal state code with a ZIP code ('..., Abilene, TX 79601' -> USA), codes from ISO 3166-2:US;
  * a US state name, alone or followed by a ZIP code or a county ('Ridgeland, Mississippi',
    'Mississippi Madison County'). Real addresses in the Dec-2025 export are written all these ways.
Exactly one reading must give a country: 'Atlanta, Georgia' is both the US state and the country, so it
gets none and the feed quarantines the row.
"""

from __future__ import annotations

import functools
import re

import polars as pl

from transforms.common.countries import to_iso3

_POSTCODE_ONLY = re.compile(r"^[\d\s-]+$")
_US_KINDS = ("State", "District")  # outlying areas (Puerto Rico, Guam ...) have ISO3 codes of their own


@functools.cache
def _us_states() -> tuple[frozenset[str], frozenset[str]]:
    import pycountry

    states = [s for s in pycountry.subdivisions.get(country_code="US") if s.type in _US_KINDS]
    return frozenset(s.code.removeprefix("US-") for s in states), frozenset(s.name for s in states)


def _is_us_state(part: str) -> bool:
    codes, names = _us_states()
    postal = re.fullmatch(r"([A-Z]{2})\s+\d{5}(?:-\d{4})?", part)
    if postal:
        return postal.group(1) in codes
    named = re.fullmatch(r"(.+?)(?:\s+\d{5}(?:-\d{4})?|\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s+County)?", part)
    return named is not None and named.group(1) in names


def _last_place(address: str) -> str | None:
    parts = [p.strip() for p in address.split(",") if p.strip() and not _POSTCODE_ONLY.match(p.strip())]
    return parts[-1] if parts else None


def _country(address: str, lookup: dict[str, str]) -> str | None:
    place = _last_place(address)
    if place is None:
        return None
    readings = set(to_iso3(pl.Series([place], dtype=pl.String), lookup).drop_nulls().to_list())
    if _is_us_state(place):
        readings.add("USA")
    return readings.pop() if len(readings) == 1 else None


def country_from_address(addresses: pl.Series, lookup: dict[str, str]) -> pl.Series:
    """ISO3 for each address, null where the address ends in no place that names exactly one country."""
    resolved = {a: _country(a, lookup) for a in addresses.drop_nulls().unique().to_list()}
    return addresses.replace_strict(resolved, default=None, return_dtype=pl.String)

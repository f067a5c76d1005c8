"""The master country dimension, from datahub's country-codes crosswalk."""

from __future__ import annotations

import polars as pl

# Kosovo has no ISO 3166 code; Ember and the World Bank both publish it as XKX. Added as line 0
# ("not from the file"), so it counts as a row read and loaded like any other.
_KOSOVO = {
    "ISO3166-1-Alpha-3": "XKX",
    "ISO3166-1-Alpha-2": "XK",
    "CLDR display name": "Kosovo",
    "official_name_en": "Kosovo",
    "ISO4217-currency_alphabetic_code": "EUR",
    "ISO4217-currency_name": "Euro",
    "Region Name": "Europe",
    "Sub-region Name": "Southern Europe",
    "Continent": "EU",
    "is_independent": "In contention",
}


def _iso_short_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def _display_name() -> pl.Expr:
    """CLDR's short name, except its abbreviations ('US', 'UK'), which become ISO's short name."""
    cldr = pl.col("CLDR display name")
    iso = pl.col("ISO3166-1-Alpha-3").replace_strict(_iso_short_names(), default=None, return_dtype=pl.String)
    return pl.when(cldr.str.contains(r"^[A-Z]{2,3}$")).then(iso).otherwise(cldr)


def prepare(raw: pl.DataFrame) -> pl.DataFrame:
    currency = pl.col("ISO4217-currency_alphabetic_code").str.split(",").list.first().str.strip_chars()
    frame = raw.with_columns(
        currency.alias("ISO4217-currency_alphabetic_code"), _display_name().alias("CLDR display name")
    )
    if "XKX" in frame["ISO3166-1-Alpha-3"].to_list():
        return frame
    kosovo = pl.DataFrame([{**{c: None for c in frame.columns}, **_KOSOVO, "source_line": 0}], schema=frame.schema)
    return pl.concat([frame, kosovo])
